using System.Globalization;
using Bitcoin.Common.Addresses.Internal;
using F = Bitcoin.Common.Descriptors.Miniscript.MiniscriptFragment;
using Op = Bitcoin.Common.Addresses.Internal.ScriptOpcodes;

namespace Bitcoin.Common.Descriptors.Miniscript;

internal sealed partial class MiniscriptNode<TKey>
{
    /// <summary>The script of this expression (Core's ToScript); v: merges into a preceding -VERIFY opcode where it can.</summary>
    public byte[] ToScript(IMiniscriptScriptMaker<TKey> ctx)
    {
        // The state is whether the node's script is followed by OP_VERIFY (so its last opcode can be the -VERIFY form).
        static bool Down(bool verify, MiniscriptNode<TKey> node, int index)
        {
            if (node.Fragment == F.WrapV) return true;
            if (node.Fragment == F.WrapS || (node.Fragment == F.AndV && index == 1)) return verify;
            return false;
        }

        (bool, byte[]) Up(bool verify, MiniscriptNode<TKey> node, List<byte[]> subs)
        {
            var b = new ScriptBuilder();
            switch (node.Fragment)
            {
                case F.PkK: b.Push(ctx.ToPKBytes(node.Keys[0])); break;
                case F.PkH: b.Op(Op.OP_DUP).Op(Op.OP_HASH160).Push(ctx.ToPKHBytes(node.Keys[0])).Op(Op.OP_EQUALVERIFY); break;
                case F.Older: b.Number(node.K).Op(Op.OP_CHECKSEQUENCEVERIFY); break;
                case F.After: b.Number(node.K).Op(Op.OP_CHECKLOCKTIMEVERIFY); break;
                case F.Sha256: HashScript(b, Op.OP_SHA256, node.Data, verify); break;
                case F.Ripemd160: HashScript(b, Op.OP_RIPEMD160, node.Data, verify); break;
                case F.Hash256: HashScript(b, Op.OP_HASH256, node.Data, verify); break;
                case F.Hash160: HashScript(b, Op.OP_HASH160, node.Data, verify); break;
                case F.WrapA: b.Op(Op.OP_TOALTSTACK).Raw(subs[0]).Op(Op.OP_FROMALTSTACK); break;
                case F.WrapS: b.Op(Op.OP_SWAP).Raw(subs[0]); break;
                case F.WrapC: b.Raw(subs[0]).Op(verify ? Op.OP_CHECKSIGVERIFY : Op.OP_CHECKSIG); break;
                case F.WrapD: b.Op(Op.OP_DUP).Op(Op.OP_IF).Raw(subs[0]).Op(Op.OP_ENDIF); break;
                case F.WrapV:
                    b.Raw(subs[0]);
                    if (node.Subs[0].Type.Is("x")) b.Op(Op.OP_VERIFY);
                    break;
                case F.WrapJ: b.Op(Op.OP_SIZE).Op(Op.OP_0NOTEQUAL).Op(Op.OP_IF).Raw(subs[0]).Op(Op.OP_ENDIF); break;
                case F.WrapN: b.Raw(subs[0]).Op(Op.OP_0NOTEQUAL); break;
                case F.Just1: b.Op(Op.OP_1); break;
                case F.Just0: b.Op(Op.OP_0); break;
                case F.AndV: b.Raw(subs[0]).Raw(subs[1]); break;
                case F.AndB: b.Raw(subs[0]).Raw(subs[1]).Op(Op.OP_BOOLAND); break;
                case F.OrB: b.Raw(subs[0]).Raw(subs[1]).Op(Op.OP_BOOLOR); break;
                case F.OrD: b.Raw(subs[0]).Op(Op.OP_IFDUP).Op(Op.OP_NOTIF).Raw(subs[1]).Op(Op.OP_ENDIF); break;
                case F.OrC: b.Raw(subs[0]).Op(Op.OP_NOTIF).Raw(subs[1]).Op(Op.OP_ENDIF); break;
                case F.OrI: b.Op(Op.OP_IF).Raw(subs[0]).Op(Op.OP_ELSE).Raw(subs[1]).Op(Op.OP_ENDIF); break;
                case F.AndOr: b.Raw(subs[0]).Op(Op.OP_NOTIF).Raw(subs[2]).Op(Op.OP_ELSE).Raw(subs[1]).Op(Op.OP_ENDIF); break;
                case F.Multi:
                    b.Number(node.K);
                    foreach (var key in node.Keys) b.Push(ctx.ToPKBytes(key));
                    b.Number(node.Keys.Count).Op(verify ? Op.OP_CHECKMULTISIGVERIFY : Op.OP_CHECKMULTISIG);
                    break;
                case F.MultiA:
                    b.Push(ctx.ToPKBytes(node.Keys[0])).Op(Op.OP_CHECKSIG);
                    for (int i = 1; i < node.Keys.Count; i++) b.Push(ctx.ToPKBytes(node.Keys[i])).Op(Op.OP_CHECKSIGADD);
                    b.Number(node.K).Op(verify ? Op.OP_NUMEQUALVERIFY : Op.OP_NUMEQUAL);
                    break;
                case F.Thresh:
                    b.Raw(subs[0]);
                    for (int i = 1; i < subs.Count; i++) b.Raw(subs[i]).Op(Op.OP_ADD);
                    b.Number(node.K).Op(verify ? Op.OP_EQUALVERIFY : Op.OP_EQUAL);
                    break;
                default:
                    throw new InvalidOperationException("Unknown fragment");
            }
            return (true, b.ToBytes());
        }

        TreeEval<bool, byte[]>(false, Down, Up, out var script);
        return script;
    }

    private static void HashScript(ScriptBuilder b, byte hashOp, byte[] hash, bool verify)
        => b.Op(Op.OP_SIZE).Number(32).Op(Op.OP_EQUALVERIFY).Op(hashOp).Push(hash).Op(verify ? Op.OP_EQUALVERIFY : Op.OP_EQUAL);

    /// <summary>
    /// The miniscript text (Core's ToString) with the sugar forms pk(), pkh(), t:, l:, u:, and_n(); null if a key
    /// cannot be written. <paramref name="hasPrivateKey"/> tells whether any key was written with its private key.
    /// </summary>
    public string? ToString(IMiniscriptStringMaker<TKey> ctx, out bool hasPrivateKey)
    {
        bool anyPriv = false;

        // The state is whether the parent is a wrapper, in which case a non-wrapper child is written after ':'.
        static bool Down(bool wrapped, MiniscriptNode<TKey> node, int index)
            => node.Fragment is F.WrapA or F.WrapS or F.WrapD or F.WrapV or F.WrapJ or F.WrapN or F.WrapC ||
               (node.Fragment == F.AndV && node.Subs[1].Fragment == F.Just1) ||
               (node.Fragment == F.OrI && node.Subs[0].Fragment == F.Just0) ||
               (node.Fragment == F.OrI && node.Subs[1].Fragment == F.Just0);

        string? KeyText(TKey key)
        {
            var text = ctx.ToString(key, out bool priv);
            if (text is not null && priv) anyPriv = true;
            return text;
        }

        (bool, string) Up(bool wrapped, MiniscriptNode<TKey> node, List<string> subs)
        {
            string ret = wrapped ? ":" : "";
            switch (node.Fragment)
            {
                case F.WrapA: return (true, "a" + subs[0]);
                case F.WrapS: return (true, "s" + subs[0]);
                case F.WrapC:
                    if (node.Subs[0].Fragment == F.PkK)
                    {
                        var k = KeyText(node.Subs[0].Keys[0]);
                        return k is null ? (false, "") : (true, ret + "pk(" + k + ")");
                    }
                    if (node.Subs[0].Fragment == F.PkH)
                    {
                        var k = KeyText(node.Subs[0].Keys[0]);
                        return k is null ? (false, "") : (true, ret + "pkh(" + k + ")");
                    }
                    return (true, "c" + subs[0]);
                case F.WrapD: return (true, "d" + subs[0]);
                case F.WrapV: return (true, "v" + subs[0]);
                case F.WrapJ: return (true, "j" + subs[0]);
                case F.WrapN: return (true, "n" + subs[0]);
                case F.AndV when node.Subs[1].Fragment == F.Just1: return (true, "t" + subs[0]);
                case F.OrI when node.Subs[0].Fragment == F.Just0: return (true, "l" + subs[1]);
                case F.OrI when node.Subs[1].Fragment == F.Just0: return (true, "u" + subs[0]);
            }
            switch (node.Fragment)
            {
                case F.PkK:
                {
                    var k = KeyText(node.Keys[0]);
                    return k is null ? (false, "") : (true, ret + "pk_k(" + k + ")");
                }
                case F.PkH:
                {
                    var k = KeyText(node.Keys[0]);
                    return k is null ? (false, "") : (true, ret + "pk_h(" + k + ")");
                }
                case F.After: return (true, ret + "after(" + node.K.ToString(CultureInfo.InvariantCulture) + ")");
                case F.Older: return (true, ret + "older(" + node.K.ToString(CultureInfo.InvariantCulture) + ")");
                case F.Hash256: return (true, ret + "hash256(" + Hex(node.Data) + ")");
                case F.Hash160: return (true, ret + "hash160(" + Hex(node.Data) + ")");
                case F.Sha256: return (true, ret + "sha256(" + Hex(node.Data) + ")");
                case F.Ripemd160: return (true, ret + "ripemd160(" + Hex(node.Data) + ")");
                case F.Just1: return (true, ret + "1");
                case F.Just0: return (true, ret + "0");
                case F.AndV: return (true, ret + "and_v(" + subs[0] + "," + subs[1] + ")");
                case F.AndB: return (true, ret + "and_b(" + subs[0] + "," + subs[1] + ")");
                case F.OrB: return (true, ret + "or_b(" + subs[0] + "," + subs[1] + ")");
                case F.OrD: return (true, ret + "or_d(" + subs[0] + "," + subs[1] + ")");
                case F.OrC: return (true, ret + "or_c(" + subs[0] + "," + subs[1] + ")");
                case F.OrI: return (true, ret + "or_i(" + subs[0] + "," + subs[1] + ")");
                case F.AndOr:
                    if (node.Subs[2].Fragment == F.Just0) return (true, ret + "and_n(" + subs[0] + "," + subs[1] + ")");
                    return (true, ret + "andor(" + subs[0] + "," + subs[1] + "," + subs[2] + ")");
                case F.Multi:
                case F.MultiA:
                {
                    var str = ret + (node.Fragment == F.Multi ? "multi(" : "multi_a(") + node.K.ToString(CultureInfo.InvariantCulture);
                    foreach (var key in node.Keys)
                    {
                        var k = KeyText(key);
                        if (k is null) return (false, "");
                        str += "," + k;
                    }
                    return (true, str + ")");
                }
                case F.Thresh:
                {
                    var str = ret + "thresh(" + node.K.ToString(CultureInfo.InvariantCulture);
                    foreach (var sub in subs) str += "," + sub;
                    return (true, str + ")");
                }
            }
            throw new InvalidOperationException("Unknown fragment");
        }

        bool ok = TreeEval<bool, string>(false, Down, Up, out var result);
        hasPrivateKey = anyPriv;
        return ok ? result : null;
    }

    private static string Hex(byte[] data) => Convert.ToHexString(data).ToLowerInvariant();
}
