using System.Globalization;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Addresses.Internal;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>multi(k,KEY,...) and sortedmulti(k,KEY,...): OP_CHECKMULTISIG.</summary>
internal sealed class MultisigDescriptor(int threshold, IReadOnlyList<PubkeyProvider> providers, bool sorted, Network network)
    : Descriptor(providers, sorted ? "sortedmulti" : "multi", [], network)
{
    public int Threshold { get; } = threshold;

    public bool Sorted { get; } = sorted;

    private protected override string ToStringExtra() => Threshold.ToString(CultureInfo.InvariantCulture);

    private protected override List<Script> MakeScripts(IReadOnlyList<PubKey> keys, IReadOnlyList<Script> subscripts, FlatSigningProvider output)
    {
        if (Sorted)
        {
            var sortedKeys = keys.ToList();
            sortedKeys.Sort(PubKeyOrder.Instance);
            return [ScriptSolver.GetScriptForMultisig(Threshold, sortedKeys)];
        }
        return [ScriptSolver.GetScriptForMultisig(Threshold, keys)];
    }

    public override bool IsSingleType => true;

    public override long? ScriptSize
        => 1 + new ScriptBuilder().Number(PubkeyArgs.Count).Length + new ScriptBuilder().Number(Threshold).Length
           + PubkeyArgs.Sum(p => 1L + p.Size);

    internal override long? MaxSatSize(bool useMaxSig) => 1 + (1 + (useMaxSig ? 72 : 71)) * (long)Threshold;

    public override long? MaxSatisfactionWeight(bool useMaxSig) => MaxSatSize(useMaxSig) * 4;

    public override long? MaxSatisfactionElems => 1 + Threshold;

    internal override Descriptor Clone() => new MultisigDescriptor(Threshold, PubkeyArgs.Select(p => p.Clone()).ToList(), Sorted, Network);
}
