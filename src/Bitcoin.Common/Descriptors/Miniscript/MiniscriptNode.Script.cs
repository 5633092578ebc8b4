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

        (bool, ByteRope) Up(bool verify, MiniscriptNode<TKey> node, List<ByteRope> subs)
        {
            var b = new RopeBuilder(subs);
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
                case F.WrapA: b.Op(Op.OP_TOALTSTACK).Raw(0).Op(Op.OP_FROMALTSTACK); break;
                case F.WrapS: b.Op(Op.OP_SWAP).Raw(0); break;
                case F.WrapC: b.Raw(0).Op(verify ? Op.OP_CHECKSIGVERIFY : Op.OP_CHECKSIG); break;
                case F.WrapD: b.Op(Op.OP_DUP).Op(Op.OP_IF).Raw(0).Op(Op.OP_ENDIF); break;
                case F.WrapV:
                    b.Raw(0);
                    if (node.Subs[0].Type.Is("x")) b.Op(Op.OP_VERIFY);
                    break;
                case F.WrapJ: b.Op(Op.OP_SIZE).Op(Op.OP_0NOTEQUAL).Op(Op.OP_IF).Raw(0).Op(Op.OP_ENDIF); break;
                case F.WrapN: b.Raw(0).Op(Op.OP_0NOTEQUAL); break;
                case F.Just1: b.Op(Op.OP_1); break;
                case F.Just0: b.Op(Op.OP_0); break;
                case F.AndV: b.Raw(0).Raw(1); break;
                case F.AndB: b.Raw(0).Raw(1).Op(Op.OP_BOOLAND); break;
                case F.OrB: b.Raw(0).Raw(1).Op(Op.OP_BOOLOR); break;
                case F.OrD: b.Raw(0).Op(Op.OP_IFDUP).Op(Op.OP_NOTIF).Raw(1).Op(Op.OP_ENDIF); break;
                case F.OrC: b.Raw(0).Op(Op.OP_NOTIF).Raw(1).Op(Op.OP_ENDIF); break;
                case F.OrI: b.Op(Op.OP_IF).Raw(0).Op(Op.OP_ELSE).Raw(1).Op(Op.OP_ENDIF); break;
                case F.AndOr: b.Raw(0).Op(Op.OP_NOTIF).Raw(2).Op(Op.OP_ELSE).Raw(1).Op(Op.OP_ENDIF); break;
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
                    b.Raw(0);
                    for (int i = 1; i < subs.Count; i++) b.Raw(i).Op(Op.OP_ADD);
                    b.Number(node.K).Op(verify ? Op.OP_EQUALVERIFY : Op.OP_EQUAL);
                    break;
                default:
                    throw new InvalidOperationException("Unknown fragment");
            }
            return (true, b.Build());
        }

        TreeEval<bool, ByteRope>(false, Down, Up, out var script);
        return script.ToArray();
    }

    private static void HashScript(RopeBuilder b, byte hashOp, byte[] hash, bool verify)
        => b.Op(Op.OP_SIZE).Number(32).Op(Op.OP_EQUALVERIFY).Op(hashOp).Push(hash).Op(verify ? Op.OP_EQUALVERIFY : Op.OP_EQUAL);

    // Appends opcodes and pushes like ScriptBuilder, and child scripts as rope pieces (without copying them).
    private sealed class RopeBuilder(List<ByteRope> subs)
    {
        private readonly List<ByteRope> _pieces = [];
        private ScriptBuilder _current = new();

        public RopeBuilder Op(byte op)
        {
            _current.Op(op);
            return this;
        }

        public RopeBuilder Number(long n)
        {
            _current.Number(n);
            return this;
        }

        public RopeBuilder Push(byte[] data)
        {
            _current.Push(data);
            return this;
        }

        public RopeBuilder Raw(int subIndex)
        {
            Flush();
            _pieces.Add(subs[subIndex]);
            return this;
        }

        public ByteRope Build()
        {
            Flush();
            return _pieces.Count == 1 ? _pieces[0] : ByteRope.Concat([.. _pieces]);
        }

        private void Flush()
        {
            if (_current.Length == 0) return;
            _pieces.Add(ByteRope.Of(_current.ToBytes()));
            _current = new ScriptBuilder();
        }
    }

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

        (bool, TextRope) Up(bool wrapped, MiniscriptNode<TKey> node, List<TextRope> subs)
        {
            string ret = wrapped ? ":" : "";
            static TextRope T(string s) => TextRope.Of(s);
            static (bool, TextRope) R(params object[] parts)
                => (true, TextRope.Concat(parts.Select(p => p as TextRope ?? TextRope.Of((string)p)).ToArray()));
            static (bool, TextRope) Fail() => (false, TextRope.Of(""));
            switch (node.Fragment)
            {
                case F.WrapA: return R("a", subs[0]);
                case F.WrapS: return R("s", subs[0]);
                case F.WrapC:
                    if (node.Subs[0].Fragment == F.PkK)
                    {
                        var k = KeyText(node.Subs[0].Keys[0]);
                        return k is null ? Fail() : R(ret, "pk(", k, ")");
                    }
                    if (node.Subs[0].Fragment == F.PkH)
                    {
                        var k = KeyText(node.Subs[0].Keys[0]);
                        return k is null ? Fail() : R(ret, "pkh(", k, ")");
                    }
                    return R("c", subs[0]);
                case F.WrapD: return R("d", subs[0]);
                case F.WrapV: return R("v", subs[0]);
                case F.WrapJ: return R("j", subs[0]);
                case F.WrapN: return R("n", subs[0]);
                case F.AndV when node.Subs[1].Fragment == F.Just1: return R("t", subs[0]);
                case F.OrI when node.Subs[0].Fragment == F.Just0: return R("l", subs[1]);
                case F.OrI when node.Subs[1].Fragment == F.Just0: return R("u", subs[0]);
            }
            switch (node.Fragment)
            {
                case F.PkK:
                {
                    var k = KeyText(node.Keys[0]);
                    return k is null ? Fail() : R(ret, "pk_k(", k, ")");
                }
                case F.PkH:
                {
                    var k = KeyText(node.Keys[0]);
                    return k is null ? Fail() : R(ret, "pk_h(", k, ")");
                }
                case F.After: return R(ret, "after(", node.K.ToString(CultureInfo.InvariantCulture), ")");
                case F.Older: return R(ret, "older(", node.K.ToString(CultureInfo.InvariantCulture), ")");
                case F.Hash256: return R(ret, "hash256(", Hex(node.Data), ")");
                case F.Hash160: return R(ret, "hash160(", Hex(node.Data), ")");
                case F.Sha256: return R(ret, "sha256(", Hex(node.Data), ")");
                case F.Ripemd160: return R(ret, "ripemd160(", Hex(node.Data), ")");
                case F.Just1: return R(ret, "1");
                case F.Just0: return R(ret, "0");
                case F.AndV: return R(ret, "and_v(", subs[0], ",", subs[1], ")");
                case F.AndB: return R(ret, "and_b(", subs[0], ",", subs[1], ")");
                case F.OrB: return R(ret, "or_b(", subs[0], ",", subs[1], ")");
                case F.OrD: return R(ret, "or_d(", subs[0], ",", subs[1], ")");
                case F.OrC: return R(ret, "or_c(", subs[0], ",", subs[1], ")");
                case F.OrI: return R(ret, "or_i(", subs[0], ",", subs[1], ")");
                case F.AndOr:
                    if (node.Subs[2].Fragment == F.Just0) return R(ret, "and_n(", subs[0], ",", subs[1], ")");
                    return R(ret, "andor(", subs[0], ",", subs[1], ",", subs[2], ")");
                case F.Multi:
                case F.MultiA:
                {
                    var str = new System.Text.StringBuilder(ret).Append(node.Fragment == F.Multi ? "multi(" : "multi_a(")
                        .Append(node.K.ToString(CultureInfo.InvariantCulture));
                    foreach (var key in node.Keys)
                    {
                        var k = KeyText(key);
                        if (k is null) return Fail();
                        str.Append(',').Append(k);
                    }
                    return R(str.Append(')').ToString());
                }
                case F.Thresh:
                {
                    var parts = new List<TextRope> { T(ret + "thresh(" + node.K.ToString(CultureInfo.InvariantCulture)) };
                    foreach (var sub in subs)
                    {
                        parts.Add(T(","));
                        parts.Add(sub);
                    }
                    parts.Add(T(")"));
                    return (true, TextRope.Concat([.. parts]));
                }
            }
            throw new InvalidOperationException("Unknown fragment");
        }

        bool ok = TreeEval<bool, TextRope>(false, Down, Up, out var result);
        hasPrivateKey = anyPriv;
        return ok ? result.ToString() : null;
    }

    private static string Hex(byte[] data) => Convert.ToHexString(data).ToLowerInvariant();
}
