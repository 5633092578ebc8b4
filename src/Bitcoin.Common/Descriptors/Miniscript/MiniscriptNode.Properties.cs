using Bitcoin.Common.Addresses.Internal;
using F = Bitcoin.Common.Descriptors.Miniscript.MiniscriptFragment;
using T = Bitcoin.Common.Descriptors.Miniscript.MiniscriptType;

namespace Bitcoin.Common.Descriptors.Miniscript;

internal sealed partial class MiniscriptNode<TKey>
{
    private static T Ty(string letters) => T.Of(letters);

    private (uint Count, MaxInt Sat, MaxInt Dsat) CalcOps()
    {
        var none = MaxInt.Empty;
        var zero = MaxInt.Of(0);
        switch (Fragment)
        {
            case F.Just1: return (0, zero, none);
            case F.Just0: return (0, none, zero);
            case F.PkK: return (0, zero, zero);
            case F.PkH: return (3, zero, zero);
            case F.Older:
            case F.After: return (1, zero, none);
            case F.Sha256:
            case F.Ripemd160:
            case F.Hash256:
            case F.Hash160: return (4, zero, none);
            case F.AndV: return (Subs[0].Ops.Count + Subs[1].Ops.Count, Subs[0].Ops.Sat + Subs[1].Ops.Sat, none);
            case F.AndB:
                return (1 + Subs[0].Ops.Count + Subs[1].Ops.Count, Subs[0].Ops.Sat + Subs[1].Ops.Sat, Subs[0].Ops.Dsat + Subs[1].Ops.Dsat);
            case F.OrB:
                return (1 + Subs[0].Ops.Count + Subs[1].Ops.Count,
                    (Subs[0].Ops.Sat + Subs[1].Ops.Dsat) | (Subs[1].Ops.Sat + Subs[0].Ops.Dsat),
                    Subs[0].Ops.Dsat + Subs[1].Ops.Dsat);
            case F.OrD:
                return (3 + Subs[0].Ops.Count + Subs[1].Ops.Count,
                    Subs[0].Ops.Sat | (Subs[1].Ops.Sat + Subs[0].Ops.Dsat),
                    Subs[0].Ops.Dsat + Subs[1].Ops.Dsat);
            case F.OrC:
                return (2 + Subs[0].Ops.Count + Subs[1].Ops.Count, Subs[0].Ops.Sat | (Subs[1].Ops.Sat + Subs[0].Ops.Dsat), none);
            case F.OrI:
                return (3 + Subs[0].Ops.Count + Subs[1].Ops.Count, Subs[0].Ops.Sat | Subs[1].Ops.Sat, Subs[0].Ops.Dsat | Subs[1].Ops.Dsat);
            case F.AndOr:
                return (3 + Subs[0].Ops.Count + Subs[1].Ops.Count + Subs[2].Ops.Count,
                    (Subs[1].Ops.Sat + Subs[0].Ops.Sat) | (Subs[0].Ops.Dsat + Subs[2].Ops.Sat),
                    Subs[0].Ops.Dsat + Subs[2].Ops.Dsat);
            case F.Multi: return (1, MaxInt.Of((uint)Keys.Count), MaxInt.Of((uint)Keys.Count));
            case F.MultiA: return ((uint)Keys.Count + 1, zero, zero);
            case F.WrapS:
            case F.WrapC:
            case F.WrapN: return (1 + Subs[0].Ops.Count, Subs[0].Ops.Sat, Subs[0].Ops.Dsat);
            case F.WrapA: return (2 + Subs[0].Ops.Count, Subs[0].Ops.Sat, Subs[0].Ops.Dsat);
            case F.WrapD: return (3 + Subs[0].Ops.Count, Subs[0].Ops.Sat, zero);
            case F.WrapJ: return (4 + Subs[0].Ops.Count, Subs[0].Ops.Sat, zero);
            case F.WrapV: return (Subs[0].Ops.Count + (Subs[0].Type.Is("x") ? 1u : 0u), Subs[0].Ops.Sat, none);
            case F.Thresh:
            {
                uint count = 0;
                var sats = new List<MaxInt> { zero };
                foreach (var sub in Subs)
                {
                    count += sub.Ops.Count + 1;
                    var next = new List<MaxInt> { sats[0] + sub.Ops.Dsat };
                    for (int j = 1; j < sats.Count; j++) next.Add((sats[j] + sub.Ops.Dsat) | (sats[j - 1] + sub.Ops.Sat));
                    next.Add(sats[^1] + sub.Ops.Sat);
                    sats = next;
                }
                return (count, K < sats.Count ? sats[(int)K] : none, sats[0]);
            }
        }
        throw new InvalidOperationException("Unknown fragment");
    }

    private (SatInfo Sat, SatInfo Dsat) CalcStackSize()
    {
        var none = SatInfo.None;
        switch (Fragment)
        {
            case F.Just0: return (none, SatInfo.Push);
            case F.Just1: return (SatInfo.Push, none);
            case F.Older:
            case F.After: return (SatInfo.Push + SatInfo.Nop, none);
            case F.PkK: return (SatInfo.Push, SatInfo.Push);
            case F.PkH:
            {
                var s = SatInfo.OpDup + SatInfo.Hash + SatInfo.Push + SatInfo.OpEqualVerify;
                return (s, s);
            }
            case F.Sha256:
            case F.Ripemd160:
            case F.Hash256:
            case F.Hash160:
                return (SatInfo.OpSize + SatInfo.Push + SatInfo.OpEqualVerify + SatInfo.Hash + SatInfo.Push + SatInfo.OpEqual, none);
            case F.AndOr:
            {
                var (x, y, z) = (Subs[0].StackSize, Subs[1].StackSize, Subs[2].StackSize);
                return ((x.Sat + SatInfo.If + y.Sat) | (x.Dsat + SatInfo.If + z.Sat), x.Dsat + SatInfo.If + z.Dsat);
            }
            case F.AndV: return (Subs[0].StackSize.Sat + Subs[1].StackSize.Sat, none);
            case F.AndB:
            {
                var (x, y) = (Subs[0].StackSize, Subs[1].StackSize);
                return (x.Sat + y.Sat + SatInfo.BinaryOp, x.Dsat + y.Dsat + SatInfo.BinaryOp);
            }
            case F.OrB:
            {
                var (x, y) = (Subs[0].StackSize, Subs[1].StackSize);
                return (((x.Sat + y.Dsat) | (x.Dsat + y.Sat)) + SatInfo.BinaryOp, x.Dsat + y.Dsat + SatInfo.BinaryOp);
            }
            case F.OrC:
            {
                var (x, y) = (Subs[0].StackSize, Subs[1].StackSize);
                return ((x.Sat + SatInfo.If) | (x.Dsat + SatInfo.If + y.Sat), none);
            }
            case F.OrD:
            {
                var (x, y) = (Subs[0].StackSize, Subs[1].StackSize);
                return ((x.Sat + SatInfo.OpIfDup(true) + SatInfo.If) | (x.Dsat + SatInfo.OpIfDup(false) + SatInfo.If + y.Sat),
                    x.Dsat + SatInfo.OpIfDup(false) + SatInfo.If + y.Dsat);
            }
            case F.OrI:
            {
                var (x, y) = (Subs[0].StackSize, Subs[1].StackSize);
                return (SatInfo.If + (x.Sat | y.Sat), SatInfo.If + (x.Dsat | y.Dsat));
            }
            // multi: k+1 elements (a dummy and k signatures) in, reaching k+n+2 more than the final one.
            case F.Multi:
            {
                var s = SatInfo.Of((int)K, (int)K + Keys.Count + 2);
                return (s, s);
            }
            // multi_a: n signature slots in, one more after the first key push, one out.
            case F.MultiA:
            {
                var s = SatInfo.Of(Keys.Count - 1, Keys.Count);
                return (s, s);
            }
            case F.WrapA:
            case F.WrapN:
            case F.WrapS: return Subs[0].StackSize;
            case F.WrapC: return (Subs[0].StackSize.Sat + SatInfo.OpCheckSig, Subs[0].StackSize.Dsat + SatInfo.OpCheckSig);
            case F.WrapD: return (SatInfo.OpDup + SatInfo.If + Subs[0].StackSize.Sat, SatInfo.OpDup + SatInfo.If);
            case F.WrapV: return (Subs[0].StackSize.Sat + SatInfo.OpVerify, none);
            case F.WrapJ:
                return (SatInfo.OpSize + SatInfo.Op0NotEqual + SatInfo.If + Subs[0].StackSize.Sat,
                    SatInfo.OpSize + SatInfo.Op0NotEqual + SatInfo.If);
            case F.Thresh:
            {
                var sats = new List<SatInfo> { SatInfo.Empty };
                for (int i = 0; i < Subs.Count; i++)
                {
                    var add = i > 0 ? SatInfo.BinaryOp : SatInfo.Empty;
                    var next = new List<SatInfo> { sats[0] + Subs[i].StackSize.Dsat + add };
                    for (int j = 1; j < sats.Count; j++)
                        next.Add(((sats[j] + Subs[i].StackSize.Dsat) | (sats[j - 1] + Subs[i].StackSize.Sat)) + add);
                    next.Add(sats[^1] + Subs[i].StackSize.Sat + add);
                    sats = next;
                }
                var satK = K < sats.Count ? sats[(int)K] : none;
                return (satK + SatInfo.Push + SatInfo.OpEqual, sats[0] + SatInfo.Push + SatInfo.OpEqual);
            }
        }
        throw new InvalidOperationException("Unknown fragment");
    }

    private (MaxInt Sat, MaxInt Dsat) CalcWitnessSize()
    {
        uint sigSize = MiniscriptLimits.IsTapscript(Context) ? 1u + 65 : 1u + 72;
        uint pubkeySize = MiniscriptLimits.IsTapscript(Context) ? 1u + 32 : 1u + 33;
        var none = MaxInt.Empty;
        MaxInt Of(uint v) => MaxInt.Of(v);
        switch (Fragment)
        {
            case F.Just0: return (none, Of(0));
            case F.Just1:
            case F.Older:
            case F.After: return (Of(0), none);
            case F.PkK: return (Of(sigSize), Of(1));
            case F.PkH: return (Of(sigSize + pubkeySize), Of(1 + pubkeySize));
            case F.Sha256:
            case F.Ripemd160:
            case F.Hash256:
            case F.Hash160: return (Of(1 + 32), none);
            case F.AndOr:
                return ((Subs[0].Witness.Sat + Subs[1].Witness.Sat) | (Subs[0].Witness.Dsat + Subs[2].Witness.Sat),
                    Subs[0].Witness.Dsat + Subs[2].Witness.Dsat);
            case F.AndV: return (Subs[0].Witness.Sat + Subs[1].Witness.Sat, none);
            case F.AndB: return (Subs[0].Witness.Sat + Subs[1].Witness.Sat, Subs[0].Witness.Dsat + Subs[1].Witness.Dsat);
            case F.OrB:
                return ((Subs[0].Witness.Dsat + Subs[1].Witness.Sat) | (Subs[0].Witness.Sat + Subs[1].Witness.Dsat),
                    Subs[0].Witness.Dsat + Subs[1].Witness.Dsat);
            case F.OrC: return (Subs[0].Witness.Sat | (Subs[0].Witness.Dsat + Subs[1].Witness.Sat), none);
            case F.OrD:
                return (Subs[0].Witness.Sat | (Subs[0].Witness.Dsat + Subs[1].Witness.Sat), Subs[0].Witness.Dsat + Subs[1].Witness.Dsat);
            case F.OrI:
                return ((Subs[0].Witness.Sat + Of(1) + Of(1)) | (Subs[1].Witness.Sat + Of(1)),
                    (Subs[0].Witness.Dsat + Of(1) + Of(1)) | (Subs[1].Witness.Dsat + Of(1)));
            case F.Multi: return (Of(K * sigSize + 1), Of(K + 1));
            case F.MultiA: return (Of(K * sigSize + (uint)Keys.Count - K), Of((uint)Keys.Count));
            case F.WrapA:
            case F.WrapN:
            case F.WrapS:
            case F.WrapC: return Subs[0].Witness;
            case F.WrapD: return (Of(1) + Of(1) + Subs[0].Witness.Sat, Of(1));
            case F.WrapV: return (Subs[0].Witness.Sat, none);
            case F.WrapJ: return (Subs[0].Witness.Sat, Of(1));
            case F.Thresh:
            {
                var sats = new List<MaxInt> { Of(0) };
                foreach (var sub in Subs)
                {
                    var next = new List<MaxInt> { sats[0] + sub.Witness.Dsat };
                    for (int j = 1; j < sats.Count; j++) next.Add((sats[j] + sub.Witness.Dsat) | (sats[j - 1] + sub.Witness.Sat));
                    next.Add(sats[^1] + sub.Witness.Sat);
                    sats = next;
                }
                return (K < sats.Count ? sats[(int)K] : none, sats[0]);
            }
        }
        throw new InvalidOperationException("Unknown fragment");
    }

    private long CalcScriptLen()
    {
        long subsize = Subs.Sum(s => s.ScriptSize);
        bool sub0x = Subs.Count > 0 && Subs[0].Type.Is("x");
        bool tap = MiniscriptLimits.IsTapscript(Context);
        return Fragment switch
        {
            F.Just1 or F.Just0 => 1,
            F.PkK => tap ? 33 : 34,
            F.PkH => 3 + 21,
            F.Older or F.After => 1 + NumberSize(K),
            F.Hash256 or F.Sha256 => 4 + 2 + 33,
            F.Hash160 or F.Ripemd160 => 4 + 2 + 21,
            F.Multi => 1 + NumberSize(Keys.Count) + NumberSize(K) + 34L * Keys.Count,
            F.MultiA => (1 + 32 + 1) * (long)Keys.Count + NumberSize(K) + 1,
            F.AndV => subsize,
            F.WrapV => subsize + (sub0x ? 1 : 0),
            F.WrapS or F.WrapC or F.WrapN or F.AndB or F.OrB => subsize + 1,
            F.WrapA or F.OrC => subsize + 2,
            F.WrapD or F.OrD or F.OrI or F.AndOr => subsize + 3,
            F.WrapJ => subsize + 4,
            F.Thresh => subsize + Subs.Count + NumberSize(K),
            _ => throw new InvalidOperationException("Unknown fragment"),
        };
    }

    /// <summary>The size of a script number push (Core's BuildScript(n).size()).</summary>
    internal static long NumberSize(long n) => new ScriptBuilder().Number(n).Length;

    private T CalcType()
    {
        T x = Subs.Count > 0 ? Subs[0].Type : T.None;
        T y = Subs.Count > 1 ? Subs[1].Type : T.None;
        T z = Subs.Count > 2 ? Subs[2].Type : T.None;
        return Sanitize(ComputeType(x, y, z));
    }

    private static T Sanitize(T e)
    {
        int numTypes = (e.Is("K") ? 1 : 0) + (e.Is("V") ? 1 : 0) + (e.Is("B") ? 1 : 0) + (e.Is("W") ? 1 : 0);
        if (numTypes == 0) return T.None;
        // The remaining consistency rules hold by construction of ComputeType; a violation is a bug here.
        if (numTypes != 1 || (e.Is("z") && e.Is("o")) || (e.Is("n") && e.Is("z")) || (e.Is("n") && e.Is("W")) ||
            (e.Is("V") && e.Is("d")) || (e.Is("K") && !e.Is("u")) || (e.Is("V") && e.Is("u")) || (e.Is("e") && e.Is("f")) ||
            (e.Is("e") && !e.Is("d")) || (e.Is("V") && e.Is("e")) || (e.Is("d") && e.Is("f")) || (e.Is("V") && !e.Is("f")) ||
            (e.Is("K") && !e.Is("s")) || (e.Is("z") && !e.Is("m")))
            throw new InvalidOperationException("Inconsistent miniscript type");
        return e;
    }

    private static bool TimelockConflict(T x, T y)
        => (x.Is("g") && y.Is("h")) || (x.Is("h") && y.Is("g")) || (x.Is("i") && y.Is("j")) || (x.Is("j") && y.Is("i"));

    private T ComputeType(T x, T y, T z)
    {
        bool tap = MiniscriptLimits.IsTapscript(Context);
        switch (Fragment)
        {
            case F.PkK: return Ty("Konudemsxk");
            case F.PkH: return Ty("Knudemsxk");
            case F.Older:
                return Ty("g").If((K & MiniscriptLimits.SequenceLocktimeTypeFlag) != 0) |
                       Ty("h").If((K & MiniscriptLimits.SequenceLocktimeTypeFlag) == 0) | Ty("Bzfmxk");
            case F.After:
                return Ty("i").If(K >= MiniscriptLimits.LocktimeThreshold) | Ty("j").If(K < MiniscriptLimits.LocktimeThreshold) | Ty("Bzfmxk");
            case F.Sha256:
            case F.Ripemd160:
            case F.Hash256:
            case F.Hash160: return Ty("Bonudmk");
            case F.Just1: return Ty("Bzufmxk");
            case F.Just0: return Ty("Bzudemsxk");
            case F.WrapA: return Ty("W").If(x.Is("B")) | (x & Ty("ghijk")) | (x & Ty("udfems")) | Ty("x");
            case F.WrapS: return Ty("W").If(x.Is("Bo")) | (x & Ty("ghijk")) | (x & Ty("udfemsx"));
            case F.WrapC: return Ty("B").If(x.Is("K")) | (x & Ty("ghijk")) | (x & Ty("ondfem")) | Ty("us");
            case F.WrapD:
                return Ty("B").If(x.Is("Vz")) | Ty("o").If(x.Is("z")) | Ty("e").If(x.Is("f")) | (x & Ty("ghijk")) |
                       (x & Ty("ms")) | Ty("u").If(tap) | Ty("ndx");
            case F.WrapV: return Ty("V").If(x.Is("B")) | (x & Ty("ghijk")) | (x & Ty("zonms")) | Ty("fx");
            case F.WrapJ:
                return Ty("B").If(x.Is("Bn")) | Ty("e").If(x.Is("f")) | (x & Ty("ghijk")) | (x & Ty("oums")) | Ty("ndx");
            case F.WrapN: return (x & Ty("ghijk")) | (x & Ty("Bzondfems")) | Ty("ux");
            case F.AndV:
                return (y & Ty("KVB")).If(x.Is("V")) | (x & Ty("n")) | (y & Ty("n")).If(x.Is("z")) |
                       ((x | y) & Ty("o")).If((x | y).Is("z")) | (x & y & Ty("mz")) | ((x | y) & Ty("s")) |
                       Ty("f").If(y.Is("f") || x.Is("s")) | (y & Ty("ux")) | ((x | y) & Ty("ghij")) |
                       Ty("k").If((x & y).Is("k") && !TimelockConflict(x, y));
            case F.AndB:
                return (x & Ty("B")).If(y.Is("W")) | ((x | y) & Ty("o")).If((x | y).Is("z")) | (x & Ty("n")) |
                       (y & Ty("n")).If(x.Is("z")) | (x & y & Ty("e")).If((x & y).Is("s")) | (x & y & Ty("dzm")) |
                       Ty("f").If((x & y).Is("f") || x.Is("sf") || y.Is("sf")) | ((x | y) & Ty("s")) | Ty("ux") |
                       ((x | y) & Ty("ghij")) | Ty("k").If((x & y).Is("k") && !TimelockConflict(x, y));
            case F.OrB:
                return Ty("B").If(x.Is("Bd") && y.Is("Wd")) | ((x | y) & Ty("o")).If((x | y).Is("z")) |
                       (x & y & Ty("m")).If((x | y).Is("s") && (x & y).Is("e")) | (x & y & Ty("zse")) | Ty("dux") |
                       ((x | y) & Ty("ghij")) | (x & y & Ty("k"));
            case F.OrD:
                return (y & Ty("B")).If(x.Is("Bdu")) | (x & Ty("o")).If(y.Is("z")) |
                       (x & y & Ty("m")).If(x.Is("e") && (x | y).Is("s")) | (x & y & Ty("zs")) | (y & Ty("ufde")) |
                       Ty("x") | ((x | y) & Ty("ghij")) | (x & y & Ty("k"));
            case F.OrC:
                return (y & Ty("V")).If(x.Is("Bdu")) | (x & Ty("o")).If(y.Is("z")) |
                       (x & y & Ty("m")).If(x.Is("e") && (x | y).Is("s")) | (x & y & Ty("zs")) | Ty("fx") |
                       ((x | y) & Ty("ghij")) | (x & y & Ty("k"));
            case F.OrI:
                return (x & y & Ty("VBKufs")) | Ty("o").If((x & y).Is("z")) | ((x | y) & Ty("e")).If((x | y).Is("f")) |
                       (x & y & Ty("m")).If((x | y).Is("s")) | ((x | y) & Ty("d")) | Ty("x") | ((x | y) & Ty("ghij")) |
                       (x & y & Ty("k"));
            case F.AndOr:
                return (y & z & Ty("BKV")).If(x.Is("Bdu")) | (x & y & z & Ty("z")) |
                       ((x | (y & z)) & Ty("o")).If((x | (y & z)).Is("z")) | (y & z & Ty("u")) |
                       (z & Ty("f")).If(x.Is("s") || y.Is("f")) | (z & Ty("d")) | (z & Ty("e")).If(x.Is("s") || y.Is("f")) |
                       (x & y & z & Ty("m")).If(x.Is("e") && (x | y | z).Is("s")) | (z & (x | y) & Ty("s")) | Ty("x") |
                       ((x | y | z) & Ty("ghij")) | Ty("k").If((x & y & z).Is("k") && !TimelockConflict(x, y));
            case F.Multi: return Ty("Bnudemsk");
            case F.MultiA: return Ty("Budemsk");
            case F.Thresh:
            {
                bool allE = true, allM = true;
                uint args = 0, numS = 0;
                T accTl = Ty("k");
                for (int i = 0; i < Subs.Count; i++)
                {
                    T t = Subs[i].Type;
                    if (!t.Is(i > 0 ? "Wdu" : "Bdu")) return T.None;
                    if (!t.Is("e")) allE = false;
                    if (!t.Is("m")) allM = false;
                    if (t.Is("s")) numS++;
                    args += t.Is("z") ? 0u : t.Is("o") ? 1u : 2u;
                    accTl = ((accTl | t) & Ty("ghij")) |
                            Ty("k").If((accTl & t).Is("k") && (K <= 1 || (K > 1 && !TimelockConflict(accTl, t))));
                }
                uint n = (uint)Subs.Count;
                return Ty("Bdu") | Ty("z").If(args == 0) | Ty("o").If(args == 1) | Ty("e").If(allE && numS == n) |
                       Ty("m").If(allE && allM && numS >= n - K) | Ty("s").If(numS >= n - K + 1) | accTl;
            }
        }
        throw new InvalidOperationException("Unknown fragment");
    }
}
