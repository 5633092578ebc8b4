using F = Bitcoin.Common.Descriptors.Miniscript.MiniscriptFragment;
using S = Bitcoin.Common.Descriptors.Miniscript.InputStack;

namespace Bitcoin.Common.Descriptors.Miniscript;

internal sealed partial class MiniscriptNode<TKey>
{
    /// <summary>
    /// Builds the best witness (Core's Satisfy): non-malleable and containing a signature unless
    /// <paramref name="nonMalleable"/> is false. Returns the availability of that witness.
    /// </summary>
    public Availability Satisfy(IMiniscriptSatisfier<TKey> ctx, out List<byte[]> stack, bool nonMalleable = true)
    {
        var (_, sat) = ProduceInput(ctx);
        stack = [];
        if (nonMalleable && (sat.Malleable || !sat.HasSig)) return Availability.No;
        stack = sat.Stack;
        return sat.Available;
    }

    private (S Nsat, S Sat) ProduceInput(IMiniscriptSatisfier<TKey> ctx)
        => TreeEval<(S Nsat, S Sat)>((node, subres) => Helper(ctx, node, subres));

    private static (S Nsat, S Sat) Helper(IMiniscriptSatisfier<TKey> ctx, MiniscriptNode<TKey> node, List<(S Nsat, S Sat)> subres)
    {
        switch (node.Fragment)
        {
            case F.PkK:
            {
                var avail = ctx.Sign(node.Keys[0], out var sig);
                return (S.Zero, new S(sig).SetWithSig().SetAvailable(avail));
            }
            case F.PkH:
            {
                var key = ctx.ToPKBytes(node.Keys[0]);
                var avail = ctx.Sign(node.Keys[0], out var sig);
                return (S.Zero + new S(key), (new S(sig).SetWithSig() + new S(key)).SetAvailable(avail));
            }
            case F.MultiA:
            {
                // sats[j]: the best stack with j signatures among the keys seen so far (taken last to first, since
                // the first key's signature must end up on top).
                var sats = new List<S> { S.EmptyStack };
                for (int i = 0; i < node.Keys.Count; i++)
                {
                    var avail = ctx.Sign(node.Keys[node.Keys.Count - 1 - i], out var sig);
                    var sat = new S(sig).SetWithSig().SetAvailable(avail);
                    var next = new List<S> { sats[0] + S.Zero };
                    for (int j = 1; j < sats.Count; j++) next.Add((sats[j] + S.Zero) | (sats[j - 1] + sat));
                    next.Add(sats[^1] + sat);
                    sats = next;
                }
                return (sats[0], sats[(int)node.K]);
            }
            case F.Multi:
            {
                // sats[0] starts with the dummy element CHECKMULTISIG pops.
                var sats = new List<S> { S.Zero };
                for (int i = 0; i < node.Keys.Count; i++)
                {
                    var avail = ctx.Sign(node.Keys[i], out var sig);
                    var sat = new S(sig).SetWithSig().SetAvailable(avail);
                    var next = new List<S> { sats[0] };
                    for (int j = 1; j < sats.Count; j++) next.Add(sats[j] | (sats[j - 1] + sat));
                    next.Add(sats[^1] + sat);
                    sats = next;
                }
                var nsat = S.Zero;
                for (int i = 0; i < node.K; i++) nsat = nsat + S.Zero;
                return (nsat, sats[(int)node.K]);
            }
            case F.Thresh:
            {
                // sats[k]: the best stack satisfying k of the last i subexpressions.
                var sats = new List<S> { S.EmptyStack };
                for (int i = 0; i < subres.Count; i++)
                {
                    var res = subres[subres.Count - i - 1];
                    var next = new List<S> { sats[0] + res.Nsat };
                    for (int j = 1; j < sats.Count; j++) next.Add((sats[j] + res.Nsat) | (sats[j - 1] + res.Sat));
                    next.Add(sats[^1] + res.Sat);
                    sats = next;
                }
                var nsat = S.Invalid;
                for (int i = 0; i < sats.Count; i++)
                {
                    // Dissatisfactions satisfying some but not k children are overcomplete: malleable, non-canonical.
                    if (i != 0 && i != node.K) sats[i] = sats[i].SetMalleable().SetNonCanon();
                    if (i != node.K) nsat = nsat | sats[i];
                }
                return (nsat, sats[(int)node.K]);
            }
            case F.Older: return (S.Invalid, ctx.CheckOlder(node.K) ? S.EmptyStack : S.Invalid);
            case F.After: return (S.Invalid, ctx.CheckAfter(node.K) ? S.EmptyStack : S.Invalid);
            case F.Sha256:
            {
                var avail = ctx.SatSha256(node.Data, out var preimage);
                return (S.Zero32, new S(preimage).SetAvailable(avail));
            }
            case F.Ripemd160:
            {
                var avail = ctx.SatRipemd160(node.Data, out var preimage);
                return (S.Zero32, new S(preimage).SetAvailable(avail));
            }
            case F.Hash256:
            {
                var avail = ctx.SatHash256(node.Data, out var preimage);
                return (S.Zero32, new S(preimage).SetAvailable(avail));
            }
            case F.Hash160:
            {
                var avail = ctx.SatHash160(node.Data, out var preimage);
                return (S.Zero32, new S(preimage).SetAvailable(avail));
            }
            case F.AndV:
            {
                var (x, y) = (subres[0], subres[1]);
                return ((y.Nsat + x.Sat).SetNonCanon(), y.Sat + x.Sat);
            }
            case F.AndB:
            {
                var (x, y) = (subres[0], subres[1]);
                return ((y.Nsat + x.Nsat) | (y.Sat + x.Nsat).SetMalleable().SetNonCanon() | (y.Nsat + x.Sat).SetMalleable().SetNonCanon(),
                    y.Sat + x.Sat);
            }
            case F.OrB:
            {
                var (x, z) = (subres[0], subres[1]);
                return (z.Nsat + x.Nsat, (z.Nsat + x.Sat) | (z.Sat + x.Nsat) | (z.Sat + x.Sat).SetMalleable().SetNonCanon());
            }
            case F.OrC:
            {
                var (x, z) = (subres[0], subres[1]);
                return (S.Invalid, x.Sat | (z.Sat + x.Nsat));
            }
            case F.OrD:
            {
                var (x, z) = (subres[0], subres[1]);
                return (z.Nsat + x.Nsat, x.Sat | (z.Sat + x.Nsat));
            }
            case F.OrI:
            {
                var (x, z) = (subres[0], subres[1]);
                return ((x.Nsat + S.One) | (z.Nsat + S.Zero), (x.Sat + S.One) | (z.Sat + S.Zero));
            }
            case F.AndOr:
            {
                var (x, y, z) = (subres[0], subres[1], subres[2]);
                return ((y.Nsat + x.Sat).SetNonCanon() | (z.Nsat + x.Nsat), (y.Sat + x.Sat) | (z.Sat + x.Nsat));
            }
            case F.WrapA:
            case F.WrapS:
            case F.WrapC:
            case F.WrapN:
                return subres[0];
            case F.WrapD: return (S.Zero, subres[0].Sat + S.One);
            case F.WrapJ:
            {
                // If the child can be dissatisfied without a signature, a nonzero-top dissatisfaction may exist too.
                var x = subres[0];
                return (S.Zero.SetMalleable(x.Nsat.Available != Availability.No && !x.Nsat.HasSig), x.Sat);
            }
            case F.WrapV: return (S.Invalid, subres[0].Sat);
            case F.Just0: return (S.EmptyStack, S.Invalid);
            case F.Just1: return (S.Invalid, S.EmptyStack);
        }
        throw new InvalidOperationException("Unknown fragment");
    }
}
