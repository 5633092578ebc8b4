using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>sh(SCRIPT): P2SH.</summary>
internal sealed class SHDescriptor(Descriptor inner, Network network) : Descriptor([], "sh", [inner], network)
{
    private protected override List<Script> MakeScripts(IReadOnlyList<PubKey> keys, IReadOnlyList<Script> subscripts, FlatSigningProvider output)
    {
        output.Scripts.TryAdd(subscripts[0].Hash, subscripts[0]);
        return [ScriptHashDestination.ForScript(subscripts[0]).ToScript()];
    }

    private bool IsSegwit => SubdescriptorArgs[0].GetOutputType() == OutputType.Bech32;

    public override OutputType? GetOutputType() => IsSegwit ? OutputType.P2shSegwit : OutputType.Legacy;

    public override bool IsSingleType => true;

    public override long? ScriptSize => 1 + 1 + 20 + 1;

    public override long? MaxSatisfactionWeight(bool useMaxSig)
    {
        var inner = SubdescriptorArgs[0];
        if (inner.MaxSatSize(useMaxSig) is long satSize && inner.ScriptSize is long subscriptSize)
        {
            // The redeem script push is never witness data; the rest is witness only if the inner script is segwit.
            long subscriptWeight = (1 + subscriptSize) * 4;
            return IsSegwit ? subscriptWeight + satSize : subscriptWeight + satSize * 4;
        }
        return null;
    }

    public override long? MaxSatisfactionElems => SubdescriptorArgs[0].MaxSatisfactionElems is long e ? 1 + e : null;

    internal override Descriptor Clone() => new SHDescriptor(SubdescriptorArgs[0].Clone(), Network);
}
