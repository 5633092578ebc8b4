using System.Globalization;
using Bitcoin.Common.Addresses.Internal;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>multi_a(k,KEY,...) and sortedmulti_a(k,KEY,...) inside tr(): OP_CHECKSIG/OP_CHECKSIGADD with x-only keys.</summary>
internal sealed class MultiADescriptor(int threshold, IReadOnlyList<PubkeyProvider> providers, bool sorted, Network network)
    : Descriptor(providers, sorted ? "sortedmulti_a" : "multi_a", [], network)
{
    public int Threshold { get; } = threshold;

    private protected override string ToStringExtra() => Threshold.ToString(CultureInfo.InvariantCulture);

    private protected override List<Script> MakeScripts(IReadOnlyList<PubKey> keys, IReadOnlyList<Script> subscripts, FlatSigningProvider output)
    {
        var xkeys = keys.Select(k => new XOnlyPubKey(k)).ToList();
        if (sorted) xkeys.Sort();
        var b = new ScriptBuilder().Push(xkeys[0].Bytes).Op(ScriptOpcodes.OP_CHECKSIG);
        for (int i = 1; i < xkeys.Count; i++) b.Push(xkeys[i].Bytes).Op(ScriptOpcodes.OP_CHECKSIGADD);
        b.Number(Threshold).Op(ScriptOpcodes.OP_NUMEQUAL);
        return [b.ToScript()];
    }

    public override bool IsSingleType => true;

    public override long? ScriptSize => (1 + 32 + 1) * (long)PubkeyArgs.Count + new ScriptBuilder().Number(Threshold).Length + 1;

    internal override long? MaxSatSize(bool useMaxSig) => (1 + 65) * (long)Threshold + (PubkeyArgs.Count - Threshold);

    public override long? MaxSatisfactionElems => PubkeyArgs.Count;

    internal override Descriptor Clone() => new MultiADescriptor(Threshold, PubkeyArgs.Select(p => p.Clone()).ToList(), sorted, Network);
}
