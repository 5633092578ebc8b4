using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>pkh(KEY): P2PKH.</summary>
internal sealed class PKHDescriptor(PubkeyProvider key, Network network) : Descriptor([key], "pkh", [], network)
{
    private protected override List<Script> MakeScripts(IReadOnlyList<PubKey> keys, IReadOnlyList<Script> subscripts, FlatSigningProvider output)
        => [new PubKeyHashDestination(keys[0].Hash).ToScript()];

    public override OutputType? GetOutputType() => OutputType.Legacy;

    public override bool IsSingleType => true;

    public override long? ScriptSize => 1 + 1 + 1 + 20 + 1 + 1;

    internal override long? MaxSatSize(bool useMaxSig) => 1 + (useMaxSig ? 72 : 71) + 1 + PubkeyArgs[0].Size;

    public override long? MaxSatisfactionWeight(bool useMaxSig) => MaxSatSize(useMaxSig) * 4;

    public override long? MaxSatisfactionElems => 2;

    internal override Descriptor Clone() => new PKHDescriptor(PubkeyArgs[0].Clone(), Network);
}
