using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>rawtr(KEY): P2TR with the key as the output key, no tweak.</summary>
internal sealed class RawTRDescriptor(PubkeyProvider outputKey, Network network) : Descriptor([outputKey], "rawtr", [], network)
{
    private protected override List<Script> MakeScripts(IReadOnlyList<PubKey> keys, IReadOnlyList<Script> subscripts, FlatSigningProvider output)
    {
        var xpk = new XOnlyPubKey(keys[0]);
        if (!xpk.IsFullyValid) return [];
        return [new WitnessV1TaprootDestination(xpk.Bytes).ToScript()];
    }

    public override OutputType? GetOutputType() => OutputType.Bech32m;

    public override bool IsSingleType => true;

    public override long? ScriptSize => 1 + 1 + 32;

    // Whether a script path exists is unknown, so a key path spend is assumed.
    public override long? MaxSatisfactionWeight(bool useMaxSig) => 1 + 65;

    public override long? MaxSatisfactionElems => 1;

    internal override Descriptor Clone() => new RawTRDescriptor(PubkeyArgs[0].Clone(), Network);
}
