using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>wpkh(KEY): P2WPKH.</summary>
internal sealed class WPKHDescriptor(PubkeyProvider key, Network network) : Descriptor([key], "wpkh", [], network)
{
    private protected override List<Script> MakeScripts(IReadOnlyList<PubKey> keys, IReadOnlyList<Script> subscripts, FlatSigningProvider output)
        => [new WitnessV0KeyHashDestination(keys[0].Hash).ToScript()];

    public override OutputType? GetOutputType() => OutputType.Bech32;

    public override bool IsSingleType => true;

    public override long? ScriptSize => 1 + 1 + 20;

    internal override long? MaxSatSize(bool useMaxSig) => 1 + (useMaxSig ? 72 : 71) + 1 + 33;

    public override long? MaxSatisfactionWeight(bool useMaxSig) => MaxSatSize(useMaxSig);

    public override long? MaxSatisfactionElems => 2;

    internal override Descriptor Clone() => new WPKHDescriptor(PubkeyArgs[0].Clone(), Network);
}
