using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>wsh(SCRIPT): P2WSH.</summary>
internal sealed class WSHDescriptor(Descriptor inner, Network network) : Descriptor([], "wsh", [inner], network)
{
    private protected override List<Script> MakeScripts(IReadOnlyList<PubKey> keys, IReadOnlyList<Script> subscripts, FlatSigningProvider output)
    {
        output.Scripts.TryAdd(subscripts[0].Hash, subscripts[0]);
        return [WitnessV0ScriptHashDestination.ForScript(subscripts[0]).ToScript()];
    }

    public override OutputType? GetOutputType() => OutputType.Bech32;

    public override bool IsSingleType => true;

    public override long? ScriptSize => 1 + 1 + 32;

    internal override long? MaxSatSize(bool useMaxSig)
    {
        var inner = SubdescriptorArgs[0];
        if (inner.MaxSatSize(useMaxSig) is long satSize && inner.ScriptSize is long subscriptSize)
            return CompactSizeLength(subscriptSize) + subscriptSize + satSize;
        return null;
    }

    public override long? MaxSatisfactionWeight(bool useMaxSig) => MaxSatSize(useMaxSig);

    public override long? MaxSatisfactionElems => SubdescriptorArgs[0].MaxSatisfactionElems is long e ? 1 + e : null;

    internal override Descriptor Clone() => new WSHDescriptor(SubdescriptorArgs[0].Clone(), Network);

    internal static long CompactSizeLength(long n) => n < 253 ? 1 : n <= 0xffff ? 3 : n <= 0xffffffffL ? 5 : 9;
}
