using Bitcoin.Common.Addresses.Internal;
using F = Bitcoin.Common.Descriptors.Miniscript.MiniscriptFragment;
using Op = Bitcoin.Common.Addresses.Internal.ScriptOpcodes;

namespace Bitcoin.Common.Descriptors.Miniscript;

/// <summary>Recovers a miniscript from a script (Core's miniscript::FromScript); null if the script is not valid miniscript.</summary>
internal static class MiniscriptDecoder
{
    private enum Ctx
    {
        SingleBkvExpr,
        BkvExpr,
        WExpr,
        Swap,
        Alt,
        Check,
        DupIf,
        Verify,
        NonZero,
        ZeroNotEqual,
        MaybeAndV,
        AndV,
        AndB,
        AndOr,
        OrB,
        OrC,
        OrD,
        ThreshW,
        ThreshE,
        EndIf,
        EndIfNotIf,
        EndIfElse,
    }

    public static MiniscriptNode<TKey>? FromScript<TKey>(ReadOnlySpan<byte> script, IMiniscriptScriptParser<TKey> ctx)
    {
        if (script.Length > MiniscriptLimits.MaxScriptSize(ctx.MsContext)) return null;
        var decomposed = Decompose(script);
        if (decomposed is null) return null;
        int pos = 0;
        var ret = Decode(decomposed, ref pos, ctx);
        if (ret is null || pos != decomposed.Count) return null;
        return ret;
    }

    /// <summary>
    /// Splits a script into (opcode, push data) pairs in reverse order, with OP_n turned into a one-byte push and the
    /// -VERIFY opcodes split into their base opcode plus OP_VERIFY. Null for non-minimal pushes or VERIFY sequences.
    /// </summary>
    public static List<(byte Op, byte[] Data)>? Decompose(ReadOnlySpan<byte> script)
    {
        var output = new List<(byte, byte[])>();
        int pc = 0;
        while (pc < script.Length)
        {
            if (!ScriptParsing.GetOp(script, ref pc, out byte opcode, out var data)) return null;
            byte[] push = data.ToArray();
            if (opcode >= Op.OP_1 && opcode <= Op.OP_16)
            {
                push = [(byte)Op.DecodeOpN(opcode)];
            }
            else if (opcode == Op.OP_CHECKSIGVERIFY)
            {
                output.Add((Op.OP_CHECKSIG, []));
                opcode = Op.OP_VERIFY;
            }
            else if (opcode == Op.OP_CHECKMULTISIGVERIFY)
            {
                output.Add((Op.OP_CHECKMULTISIG, []));
                opcode = Op.OP_VERIFY;
            }
            else if (opcode == Op.OP_EQUALVERIFY)
            {
                output.Add((Op.OP_EQUAL, []));
                opcode = Op.OP_VERIFY;
            }
            else if (opcode == Op.OP_NUMEQUALVERIFY)
            {
                output.Add((Op.OP_NUMEQUAL, []));
                opcode = Op.OP_VERIFY;
            }
            else if (opcode <= Op.OP_PUSHDATA4)
            {
                if (!ScriptParsing.CheckMinimalPush(data, opcode)) return null;
            }
            else if (pc < script.Length && (opcode == Op.OP_CHECKSIG || opcode == Op.OP_CHECKMULTISIG ||
                     opcode == Op.OP_EQUAL || opcode == Op.OP_NUMEQUAL) && script[pc] == Op.OP_VERIFY)
            {
                // A separate OP_VERIFY after an opcode with a -VERIFY form is not minimal.
                return null;
            }
            output.Add((opcode, push));
        }
        output.Reverse();
        return output;
    }

    /// <summary>Core's ParseScriptNumber: OP_0, OP_n, or a minimal push of a minimally encoded number.</summary>
    public static long? ParseScriptNumber((byte Op, byte[] Data) input)
    {
        if (input.Op == Op.OP_0) return 0;
        if (input.Data.Length > 0)
        {
            if (input.Op <= Op.OP_PUSHDATA4 && !ScriptParsing.CheckMinimalPush(input.Data, input.Op)) return null;
            if (ScriptNum.TryDecode(input.Data, requireMinimal: true, maxSize: 4, out long value)) return value;
        }
        return null;
    }

    private static MiniscriptNode<TKey>? Decode<TKey>(List<(byte Op, byte[] Data)> @in, ref int i, IMiniscriptScriptParser<TKey> ctx)
    {
        var ms = ctx.MsContext;
        int last = @in.Count;
        var toParse = new List<(Ctx Context, long N, long K)> { (Ctx.BkvExpr, -1, -1) };
        var constructed = new List<MiniscriptNode<TKey>>();

        MiniscriptNode<TKey> Leaf(F fragment, List<TKey>? keys = null, byte[]? data = null, uint k = 0) => new(ms, fragment, keys: keys, data: data, k: k);
        MiniscriptNode<TKey> Wrap(F fragment, params MiniscriptNode<TKey>[] subs) => new(ms, fragment, [.. subs]);

        // Children are decoded right to left, so the last constructed node is the first child.
        bool BuildBackReversed(F fragment)
        {
            if (constructed.Count < 2) return false;
            var child = constructed[^1];
            constructed.RemoveAt(constructed.Count - 1);
            constructed[^1] = Wrap(fragment, child, constructed[^1]);
            return true;
        }

        bool WrapTop(F fragment)
        {
            if (constructed.Count == 0) return false;
            constructed[^1] = Wrap(fragment, constructed[^1]);
            return true;
        }

        while (toParse.Count > 0)
        {
            // Stop early once the newest node cannot be valid.
            if (constructed.Count > 0 && !constructed[^1].IsValid()) return null;
            var (cur, n, k) = toParse[^1];
            toParse.RemoveAt(toParse.Count - 1);
            switch (cur)
            {
                case Ctx.SingleBkvExpr:
                {
                    if (i >= last) return null;
                    var op0 = @in[i];
                    if (op0.Op == Op.OP_1)
                    {
                        i++;
                        constructed.Add(Leaf(F.Just1));
                        break;
                    }
                    if (op0.Op == Op.OP_0)
                    {
                        i++;
                        constructed.Add(Leaf(F.Just0));
                        break;
                    }
                    if (op0.Data.Length == 33 || op0.Data.Length == 32)
                    {
                        if (!ctx.TryFromPKBytes(op0.Data, out var key)) return null;
                        i++;
                        constructed.Add(Leaf(F.PkK, [key]));
                        break;
                    }
                    if (last - i >= 5 && @in[i].Op == Op.OP_VERIFY && @in[i + 1].Op == Op.OP_EQUAL && @in[i + 3].Op == Op.OP_HASH160 &&
                        @in[i + 4].Op == Op.OP_DUP && @in[i + 2].Data.Length == 20)
                    {
                        if (!ctx.TryFromPKHBytes(@in[i + 2].Data, out var key)) return null;
                        i += 5;
                        constructed.Add(Leaf(F.PkH, [key]));
                        break;
                    }
                    long? num;
                    if (last - i >= 2 && @in[i].Op == Op.OP_CHECKSEQUENCEVERIFY && (num = ParseScriptNumber(@in[i + 1])) is not null)
                    {
                        i += 2;
                        if (num < 1 || num > 0x7FFFFFFFL) return null;
                        constructed.Add(Leaf(F.Older, k: (uint)num.Value));
                        break;
                    }
                    if (last - i >= 2 && @in[i].Op == Op.OP_CHECKLOCKTIMEVERIFY && (num = ParseScriptNumber(@in[i + 1])) is not null)
                    {
                        i += 2;
                        if (num < 1 || num > 0x7FFFFFFFL) return null;
                        constructed.Add(Leaf(F.After, k: (uint)num.Value));
                        break;
                    }
                    if (last - i >= 7 && @in[i].Op == Op.OP_EQUAL && @in[i + 3].Op == Op.OP_VERIFY && @in[i + 4].Op == Op.OP_EQUAL &&
                        ParseScriptNumber(@in[i + 5]) == 32 && @in[i + 6].Op == Op.OP_SIZE)
                    {
                        var hashOp = @in[i + 2].Op;
                        var hash = @in[i + 1].Data;
                        F? fragment = hashOp switch
                        {
                            Op.OP_SHA256 when hash.Length == 32 => F.Sha256,
                            Op.OP_RIPEMD160 when hash.Length == 20 => F.Ripemd160,
                            Op.OP_HASH256 when hash.Length == 32 => F.Hash256,
                            Op.OP_HASH160 when hash.Length == 20 => F.Hash160,
                            _ => null,
                        };
                        if (fragment is not null)
                        {
                            constructed.Add(Leaf(fragment.Value, data: hash));
                            i += 7;
                            break;
                        }
                    }
                    if (last - i >= 3 && @in[i].Op == Op.OP_CHECKMULTISIG)
                    {
                        if (MiniscriptLimits.IsTapscript(ms)) return null;
                        var nKeys = ParseScriptNumber(@in[i + 1]);
                        if (nKeys is null || last - i < 3 + nKeys) return null;
                        if (nKeys < 1 || nKeys > 20) return null;
                        var keys = new List<TKey>();
                        for (int j = 0; j < nKeys; j++)
                        {
                            if (@in[i + 2 + j].Data.Length != 33) return null;
                            if (!ctx.TryFromPKBytes(@in[i + 2 + j].Data, out var key)) return null;
                            keys.Add(key);
                        }
                        var kk = ParseScriptNumber(@in[i + 2 + (int)nKeys.Value]);
                        if (kk is null || kk < 1 || kk > nKeys) return null;
                        i += 3 + (int)nKeys.Value;
                        keys.Reverse();
                        constructed.Add(Leaf(F.Multi, keys, k: (uint)kk.Value));
                        break;
                    }
                    if (last - i >= 4 && @in[i].Op == Op.OP_NUMEQUAL)
                    {
                        if (!MiniscriptLimits.IsTapscript(ms)) return null;
                        var kk = ParseScriptNumber(@in[i + 1]);
                        if (kk is null) return null;
                        if (kk < 1 || kk > MiniscriptLimits.MaxPubKeysPerMultiA) return null;
                        if (last - i < 2 + kk * 2) return null;
                        var keys = new List<TKey>();
                        for (int p = 2; ; p += 2)
                        {
                            if (last - i < p + 2) return null;
                            if (@in[i + p].Op != Op.OP_CHECKSIGADD && @in[i + p].Op != Op.OP_CHECKSIG) return null;
                            if (@in[i + p + 1].Data.Length != 32) return null;
                            if (!ctx.TryFromPKBytes(@in[i + p + 1].Data, out var key)) return null;
                            keys.Add(key);
                            if (keys.Count > MiniscriptLimits.MaxPubKeysPerMultiA) return null;
                            if (@in[i + p].Op == Op.OP_CHECKSIG) break;
                        }
                        if (keys.Count < kk) return null;
                        i += 2 + keys.Count * 2;
                        keys.Reverse();
                        constructed.Add(Leaf(F.MultiA, keys, k: (uint)kk.Value));
                        break;
                    }
                    // The wrappers below commute with and_v, so a single expression is enough after them.
                    if (op0.Op == Op.OP_CHECKSIG)
                    {
                        i++;
                        toParse.Add((Ctx.Check, -1, -1));
                        toParse.Add((Ctx.SingleBkvExpr, -1, -1));
                        break;
                    }
                    if (op0.Op == Op.OP_VERIFY)
                    {
                        i++;
                        toParse.Add((Ctx.Verify, -1, -1));
                        toParse.Add((Ctx.SingleBkvExpr, -1, -1));
                        break;
                    }
                    if (op0.Op == Op.OP_0NOTEQUAL)
                    {
                        i++;
                        toParse.Add((Ctx.ZeroNotEqual, -1, -1));
                        toParse.Add((Ctx.SingleBkvExpr, -1, -1));
                        break;
                    }
                    if (last - i >= 3 && op0.Op == Op.OP_EQUAL && (num = ParseScriptNumber(@in[i + 1])) is not null)
                    {
                        if (num < 1) return null;
                        i += 2;
                        toParse.Add((Ctx.ThreshW, 0, num.Value));
                        break;
                    }
                    if (op0.Op == Op.OP_ENDIF)
                    {
                        i++;
                        toParse.Add((Ctx.EndIf, -1, -1));
                        toParse.Add((Ctx.BkvExpr, -1, -1));
                        break;
                    }
                    if (op0.Op == Op.OP_BOOLAND)
                    {
                        i++;
                        toParse.Add((Ctx.AndB, -1, -1));
                        toParse.Add((Ctx.SingleBkvExpr, -1, -1));
                        toParse.Add((Ctx.WExpr, -1, -1));
                        break;
                    }
                    if (op0.Op == Op.OP_BOOLOR)
                    {
                        i++;
                        toParse.Add((Ctx.OrB, -1, -1));
                        toParse.Add((Ctx.SingleBkvExpr, -1, -1));
                        toParse.Add((Ctx.WExpr, -1, -1));
                        break;
                    }
                    return null;
                }
                case Ctx.BkvExpr:
                    toParse.Add((Ctx.MaybeAndV, -1, -1));
                    toParse.Add((Ctx.SingleBkvExpr, -1, -1));
                    break;
                case Ctx.WExpr:
                    if (i >= last) return null;
                    if (@in[i].Op == Op.OP_FROMALTSTACK)
                    {
                        i++;
                        toParse.Add((Ctx.Alt, -1, -1));
                    }
                    else
                    {
                        toParse.Add((Ctx.Swap, -1, -1));
                    }
                    toParse.Add((Ctx.BkvExpr, -1, -1));
                    break;
                case Ctx.MaybeAndV:
                    // These opcodes cannot end a miniscript, so they cannot be the end of an and_v child.
                    if (i < last && @in[i].Op != Op.OP_IF && @in[i].Op != Op.OP_ELSE && @in[i].Op != Op.OP_NOTIF &&
                        @in[i].Op != Op.OP_TOALTSTACK && @in[i].Op != Op.OP_SWAP)
                    {
                        toParse.Add((Ctx.AndV, -1, -1));
                        toParse.Add((Ctx.BkvExpr, -1, -1));
                    }
                    break;
                case Ctx.Swap:
                    if (i >= last || @in[i].Op != Op.OP_SWAP || constructed.Count == 0) return null;
                    i++;
                    constructed[^1] = Wrap(F.WrapS, constructed[^1]);
                    break;
                case Ctx.Alt:
                    if (i >= last || @in[i].Op != Op.OP_TOALTSTACK || constructed.Count == 0) return null;
                    i++;
                    constructed[^1] = Wrap(F.WrapA, constructed[^1]);
                    break;
                case Ctx.Check: if (!WrapTop(F.WrapC)) return null; break;
                case Ctx.DupIf: if (!WrapTop(F.WrapD)) return null; break;
                case Ctx.Verify: if (!WrapTop(F.WrapV)) return null; break;
                case Ctx.NonZero: if (!WrapTop(F.WrapJ)) return null; break;
                case Ctx.ZeroNotEqual: if (!WrapTop(F.WrapN)) return null; break;
                case Ctx.AndV: if (!BuildBackReversed(F.AndV)) return null; break;
                case Ctx.AndB: if (!BuildBackReversed(F.AndB)) return null; break;
                case Ctx.OrB: if (!BuildBackReversed(F.OrB)) return null; break;
                case Ctx.OrC: if (!BuildBackReversed(F.OrC)) return null; break;
                case Ctx.OrD: if (!BuildBackReversed(F.OrD)) return null; break;
                case Ctx.AndOr:
                {
                    if (constructed.Count < 3) return null;
                    var left = constructed[^1];
                    constructed.RemoveAt(constructed.Count - 1);
                    var right = constructed[^1];
                    constructed.RemoveAt(constructed.Count - 1);
                    var mid = constructed[^1];
                    constructed[^1] = Wrap(F.AndOr, left, mid, right);
                    break;
                }
                case Ctx.ThreshW:
                    if (i >= last) return null;
                    if (@in[i].Op == Op.OP_ADD)
                    {
                        i++;
                        toParse.Add((Ctx.ThreshW, n + 1, k));
                        toParse.Add((Ctx.WExpr, -1, -1));
                    }
                    else
                    {
                        toParse.Add((Ctx.ThreshE, n + 1, k));
                        // Every thresh child has property d, so none can be an and_v.
                        toParse.Add((Ctx.SingleBkvExpr, -1, -1));
                    }
                    break;
                case Ctx.ThreshE:
                {
                    if (k < 1 || k > n || constructed.Count < n) return null;
                    var subs = new List<MiniscriptNode<TKey>>();
                    for (int j = 0; j < n; j++)
                    {
                        subs.Add(constructed[^1]);
                        constructed.RemoveAt(constructed.Count - 1);
                    }
                    constructed.Add(new MiniscriptNode<TKey>(ms, F.Thresh, subs, k: (uint)k));
                    break;
                }
                case Ctx.EndIf:
                    if (i >= last) return null;
                    if (@in[i].Op == Op.OP_ELSE)
                    {
                        i++;
                        toParse.Add((Ctx.EndIfElse, -1, -1));
                        toParse.Add((Ctx.BkvExpr, -1, -1));
                    }
                    else if (@in[i].Op == Op.OP_IF)
                    {
                        if (last - i >= 2 && @in[i + 1].Op == Op.OP_DUP)
                        {
                            i += 2;
                            toParse.Add((Ctx.DupIf, -1, -1));
                        }
                        else if (last - i >= 3 && @in[i + 1].Op == Op.OP_0NOTEQUAL && @in[i + 2].Op == Op.OP_SIZE)
                        {
                            i += 3;
                            toParse.Add((Ctx.NonZero, -1, -1));
                        }
                        else
                        {
                            return null;
                        }
                    }
                    else if (@in[i].Op == Op.OP_NOTIF)
                    {
                        i++;
                        toParse.Add((Ctx.EndIfNotIf, -1, -1));
                    }
                    else
                    {
                        return null;
                    }
                    break;
                case Ctx.EndIfNotIf:
                    if (i >= last) return null;
                    if (@in[i].Op == Op.OP_IFDUP)
                    {
                        i++;
                        toParse.Add((Ctx.OrD, -1, -1));
                    }
                    else
                    {
                        toParse.Add((Ctx.OrC, -1, -1));
                    }
                    // or_c and or_d need a d child first, which cannot be an and_v.
                    toParse.Add((Ctx.SingleBkvExpr, -1, -1));
                    break;
                case Ctx.EndIfElse:
                    if (i >= last) return null;
                    if (@in[i].Op == Op.OP_IF)
                    {
                        i++;
                        if (!BuildBackReversed(F.OrI)) return null;
                    }
                    else if (@in[i].Op == Op.OP_NOTIF)
                    {
                        i++;
                        toParse.Add((Ctx.AndOr, -1, -1));
                        toParse.Add((Ctx.SingleBkvExpr, -1, -1));
                    }
                    else
                    {
                        return null;
                    }
                    break;
            }
        }
        if (constructed.Count != 1) return null;
        var top = constructed[0];
        top.DuplicateKeyCheck(ctx);
        // Badly typed subtrees leave the top without a type, so this also rejects them.
        if (!top.IsValidTopLevel()) return null;
        return top;
    }
}
