using Bitcoin.Common.Addresses.Internal;
using Bitcoin.Common.Descriptors.Internal;
using F = Bitcoin.Common.Descriptors.Miniscript.MiniscriptFragment;

namespace Bitcoin.Common.Descriptors.Miniscript;

/// <summary>
/// Parses miniscript text (Core's miniscript::FromString). The result is only parsed, not checked: callers check
/// <see cref="MiniscriptNode{TKey}.IsValidTopLevel"/> and <see cref="MiniscriptNode{TKey}.IsSane"/>.
/// </summary>
internal static class MiniscriptParser
{
    private enum Ctx
    {
        WrappedExpr,
        Expr,
        Swap,
        Alt,
        Check,
        DupIf,
        Verify,
        NonZero,
        ZeroNotEqual,
        WrapU,
        WrapT,
        AndN,
        AndV,
        AndB,
        AndOr,
        OrB,
        OrC,
        OrD,
        OrI,
        Thresh,
        Comma,
        CloseBracket,
    }

    public static MiniscriptNode<TKey>? FromString<TKey>(string text, IMiniscriptStringParser<TKey> ctx)
    {
        var ms = ctx.MsContext;
        // A cursor into the text: slicing strings would make parsing quadratic in the text length.
        int pos = 0;
        int Remaining() => text.Length - pos;
        bool Const(string str, bool skip = true)
        {
            if (!text.AsSpan(pos).StartsWith(str, StringComparison.Ordinal)) return false;
            if (skip) pos += str.Length;
            return true;
        }
        string Expr()
        {
            string rest = text[pos..Math.Min(text.Length, pos + ExprLength(text, pos))];
            pos += rest.Length;
            return rest;
        }
        // script_size counts a lower bound of the script size so far, to stop parsing hopelessly large input early.
        long scriptSize = 1;
        long maxSize = MiniscriptLimits.MaxScriptSize(ms);
        var toParse = new List<(Ctx Context, long N, long K)> { (Ctx.WrappedExpr, -1, -1) };
        var constructed = new List<MiniscriptNode<TKey>>();

        MiniscriptNode<TKey> Leaf(F fragment, List<TKey>? keys = null, byte[]? data = null, uint k = 0)
            => new(ms, fragment, keys: keys, data: data, k: k);

        MiniscriptNode<TKey> Wrap(F fragment, params MiniscriptNode<TKey>[] subs) => new(ms, fragment, [.. subs]);

        void BuildBack(F fragment)
        {
            var child = constructed[^1];
            constructed.RemoveAt(constructed.Count - 1);
            constructed[^1] = Wrap(fragment, constructed[^1], child);
        }

        bool ParseMulti(bool isMultiA)
        {
            int maxKeys = isMultiA ? MiniscriptLimits.MaxPubKeysPerMultiA : MiniscriptLimits.MaxPubKeysPerMultisig;
            var required = isMultiA ? MiniscriptContext.Tapscript : MiniscriptContext.P2WSH;
            if (ms != required) return false;
            int nextComma = FindNextChar(text, pos, ',');
            if (nextComma < 1) return false;
            if (!TryParseInt64(text.Substring(pos, nextComma), out long k)) return false;
            pos += nextComma + 1;
            var keys = new List<TKey>();
            while (nextComma != -1)
            {
                nextComma = FindNextChar(text, pos, ',');
                int keyLength = nextComma == -1 ? FindNextChar(text, pos, ')') : nextComma;
                if (keyLength < 1) return false;
                if (!ctx.TryFromString(text.Substring(pos, keyLength), out var key)) return false;
                keys.Add(key);
                pos += keyLength + 1;
            }
            if (keys.Count < 1 || keys.Count > maxKeys) return false;
            if (k < 1 || k > keys.Count) return false;
            if (isMultiA)
            {
                scriptSize += (1 + 32 + 1) * keys.Count + MiniscriptNode<TKey>.NumberSize(k);
                constructed.Add(Leaf(F.MultiA, keys, k: (uint)k));
            }
            else
            {
                scriptSize += 2 + (keys.Count > 16 ? 1 : 0) + (k > 16 ? 1 : 0) + 34 * keys.Count;
                constructed.Add(Leaf(F.Multi, keys, k: (uint)k));
            }
            return true;
        }

        bool ParseKeyFunc(string func, out TKey key)
        {
            key = default!;
            string expr = Expr();
            if (!DescriptorText.Func(func, ref expr)) return false;
            return ctx.TryFromString(expr, out key);
        }

        bool ParseHashFunc(string func, int expectedSize, out byte[] hash)
        {
            hash = [];
            string expr = Expr();
            if (!DescriptorText.Func(func, ref expr)) return false;
            if (!DescriptorText.IsHex(expr)) return false;
            hash = Convert.FromHexString(expr);
            return hash.Length == expectedSize;
        }

        bool ParseTimelock(string func, out long num)
        {
            num = 0;
            string expr = Expr();
            if (!DescriptorText.Func(func, ref expr)) return false;
            if (!TryParseInt64(expr, out num)) return false;
            return num >= 1 && num < 0x80000000L;
        }

        static long TimelockSize(long num) => 1 + (num > 16 ? 1 : 0) + (num > 0x7f ? 1 : 0) + (num > 0x7fff ? 1 : 0) + (num > 0x7fffff ? 1 : 0);

        while (toParse.Count > 0)
        {
            if (scriptSize > maxSize) return null;
            var (cur, n, k) = toParse[^1];
            toParse.RemoveAt(toParse.Count - 1);
            switch (cur)
            {
                case Ctx.WrappedExpr:
                {
                    int colon = -1;
                    for (int i = 1; i < Remaining(); i++)
                    {
                        if (text[pos + i] == ':')
                        {
                            colon = i;
                            break;
                        }
                        if (text[pos + i] < 'a' || text[pos + i] > 'z') break;
                    }
                    bool lastWasV = false;
                    for (int j = 0; colon != -1 && j < colon; j++)
                    {
                        if (scriptSize > maxSize) return null;
                        switch (text[pos + j])
                        {
                            case 'a': scriptSize += 2; toParse.Add((Ctx.Alt, -1, -1)); break;
                            case 's': scriptSize += 1; toParse.Add((Ctx.Swap, -1, -1)); break;
                            case 'c': scriptSize += 1; toParse.Add((Ctx.Check, -1, -1)); break;
                            case 'd': scriptSize += 3; toParse.Add((Ctx.DupIf, -1, -1)); break;
                            case 'j': scriptSize += 4; toParse.Add((Ctx.NonZero, -1, -1)); break;
                            case 'n': scriptSize += 1; toParse.Add((Ctx.ZeroNotEqual, -1, -1)); break;
                            case 'v':
                                // "vv" is never valid and would not grow script_size, so refuse it here.
                                if (lastWasV) return null;
                                toParse.Add((Ctx.Verify, -1, -1));
                                break;
                            case 'u': scriptSize += 4; toParse.Add((Ctx.WrapU, -1, -1)); break;
                            case 't': scriptSize += 1; toParse.Add((Ctx.WrapT, -1, -1)); break;
                            case 'l':
                                // l:X is or_i(0,X).
                                scriptSize += 4;
                                constructed.Add(Leaf(F.Just0));
                                toParse.Add((Ctx.OrI, -1, -1));
                                break;
                            default: return null;
                        }
                        lastWasV = text[pos + j] == 'v';
                    }
                    toParse.Add((Ctx.Expr, -1, -1));
                    if (colon != -1) pos += colon + 1;
                    break;
                }
                case Ctx.Expr:
                {
                    if (Const("0"))
                    {
                        constructed.Add(Leaf(F.Just0));
                    }
                    else if (Const("1"))
                    {
                        constructed.Add(Leaf(F.Just1));
                    }
                    else if (Const("pk(", skip: false))
                    {
                        if (!ParseKeyFunc("pk", out var key)) return null;
                        constructed.Add(Wrap(F.WrapC, Leaf(F.PkK, [key])));
                        scriptSize += MiniscriptLimits.IsTapscript(ms) ? 33 : 34;
                    }
                    else if (Const("pkh(", skip: false))
                    {
                        if (!ParseKeyFunc("pkh", out var key)) return null;
                        constructed.Add(Wrap(F.WrapC, Leaf(F.PkH, [key])));
                        scriptSize += 24;
                    }
                    else if (Const("pk_k(", skip: false))
                    {
                        if (!ParseKeyFunc("pk_k", out var key)) return null;
                        constructed.Add(Leaf(F.PkK, [key]));
                        scriptSize += MiniscriptLimits.IsTapscript(ms) ? 32 : 33;
                    }
                    else if (Const("pk_h(", skip: false))
                    {
                        if (!ParseKeyFunc("pk_h", out var key)) return null;
                        constructed.Add(Leaf(F.PkH, [key]));
                        scriptSize += 23;
                    }
                    else if (Const("sha256(", skip: false))
                    {
                        if (!ParseHashFunc("sha256", 32, out var hash)) return null;
                        constructed.Add(Leaf(F.Sha256, data: hash));
                        scriptSize += 38;
                    }
                    else if (Const("ripemd160(", skip: false))
                    {
                        if (!ParseHashFunc("ripemd160", 20, out var hash)) return null;
                        constructed.Add(Leaf(F.Ripemd160, data: hash));
                        scriptSize += 26;
                    }
                    else if (Const("hash256(", skip: false))
                    {
                        if (!ParseHashFunc("hash256", 32, out var hash)) return null;
                        constructed.Add(Leaf(F.Hash256, data: hash));
                        scriptSize += 38;
                    }
                    else if (Const("hash160(", skip: false))
                    {
                        if (!ParseHashFunc("hash160", 20, out var hash)) return null;
                        constructed.Add(Leaf(F.Hash160, data: hash));
                        scriptSize += 26;
                    }
                    else if (Const("after(", skip: false))
                    {
                        if (!ParseTimelock("after", out long num)) return null;
                        constructed.Add(Leaf(F.After, k: (uint)num));
                        scriptSize += TimelockSize(num);
                    }
                    else if (Const("older(", skip: false))
                    {
                        if (!ParseTimelock("older", out long num)) return null;
                        constructed.Add(Leaf(F.Older, k: (uint)num));
                        scriptSize += TimelockSize(num);
                    }
                    else if (Const("multi("))
                    {
                        if (!ParseMulti(isMultiA: false)) return null;
                    }
                    else if (Const("multi_a("))
                    {
                        if (!ParseMulti(isMultiA: true)) return null;
                    }
                    else if (Const("thresh("))
                    {
                        int nextComma = FindNextChar(text, pos, ',');
                        if (nextComma < 1) return null;
                        if (!TryParseInt64(text.Substring(pos, nextComma), out long threshold) || threshold < 1) return null;
                        pos += nextComma + 1;
                        // n starts at 1: the first child is read before THRESH runs.
                        toParse.Add((Ctx.Thresh, 1, threshold));
                        toParse.Add((Ctx.WrappedExpr, -1, -1));
                        scriptSize += 2 + (threshold > 16 ? 1 : 0) + (threshold > 0x7f ? 1 : 0) + (threshold > 0x7fff ? 1 : 0) + (threshold > 0x7fffff ? 1 : 0);
                    }
                    else if (Const("andor("))
                    {
                        toParse.Add((Ctx.AndOr, -1, -1));
                        toParse.Add((Ctx.CloseBracket, -1, -1));
                        toParse.Add((Ctx.WrappedExpr, -1, -1));
                        toParse.Add((Ctx.Comma, -1, -1));
                        toParse.Add((Ctx.WrappedExpr, -1, -1));
                        toParse.Add((Ctx.Comma, -1, -1));
                        toParse.Add((Ctx.WrappedExpr, -1, -1));
                        scriptSize += 5;
                    }
                    else
                    {
                        if (Const("and_n(")) { toParse.Add((Ctx.AndN, -1, -1)); scriptSize += 5; }
                        else if (Const("and_b(")) { toParse.Add((Ctx.AndB, -1, -1)); scriptSize += 2; }
                        else if (Const("and_v(")) { toParse.Add((Ctx.AndV, -1, -1)); scriptSize += 1; }
                        else if (Const("or_b(")) { toParse.Add((Ctx.OrB, -1, -1)); scriptSize += 2; }
                        else if (Const("or_c(")) { toParse.Add((Ctx.OrC, -1, -1)); scriptSize += 3; }
                        else if (Const("or_d(")) { toParse.Add((Ctx.OrD, -1, -1)); scriptSize += 4; }
                        else if (Const("or_i(")) { toParse.Add((Ctx.OrI, -1, -1)); scriptSize += 4; }
                        else return null;
                        toParse.Add((Ctx.CloseBracket, -1, -1));
                        toParse.Add((Ctx.WrappedExpr, -1, -1));
                        toParse.Add((Ctx.Comma, -1, -1));
                        toParse.Add((Ctx.WrappedExpr, -1, -1));
                    }
                    break;
                }
                case Ctx.Alt: constructed[^1] = Wrap(F.WrapA, constructed[^1]); break;
                case Ctx.Swap: constructed[^1] = Wrap(F.WrapS, constructed[^1]); break;
                case Ctx.Check: constructed[^1] = Wrap(F.WrapC, constructed[^1]); break;
                case Ctx.DupIf: constructed[^1] = Wrap(F.WrapD, constructed[^1]); break;
                case Ctx.NonZero: constructed[^1] = Wrap(F.WrapJ, constructed[^1]); break;
                case Ctx.ZeroNotEqual: constructed[^1] = Wrap(F.WrapN, constructed[^1]); break;
                case Ctx.Verify:
                    scriptSize += constructed[^1].Type.Is("x") ? 1 : 0;
                    constructed[^1] = Wrap(F.WrapV, constructed[^1]);
                    break;
                case Ctx.WrapU: constructed[^1] = Wrap(F.OrI, constructed[^1], Leaf(F.Just0)); break;
                case Ctx.WrapT: constructed[^1] = Wrap(F.AndV, constructed[^1], Leaf(F.Just1)); break;
                case Ctx.AndB: BuildBack(F.AndB); break;
                case Ctx.AndN:
                {
                    var mid = constructed[^1];
                    constructed.RemoveAt(constructed.Count - 1);
                    constructed[^1] = Wrap(F.AndOr, constructed[^1], mid, Leaf(F.Just0));
                    break;
                }
                case Ctx.AndV: BuildBack(F.AndV); break;
                case Ctx.OrB: BuildBack(F.OrB); break;
                case Ctx.OrC: BuildBack(F.OrC); break;
                case Ctx.OrD: BuildBack(F.OrD); break;
                case Ctx.OrI: BuildBack(F.OrI); break;
                case Ctx.AndOr:
                {
                    var right = constructed[^1];
                    constructed.RemoveAt(constructed.Count - 1);
                    var mid = constructed[^1];
                    constructed.RemoveAt(constructed.Count - 1);
                    constructed[^1] = Wrap(F.AndOr, constructed[^1], mid, right);
                    break;
                }
                case Ctx.Thresh:
                {
                    if (Remaining() < 1) return null;
                    if (text[pos] == ',')
                    {
                        pos++;
                        toParse.Add((Ctx.Thresh, n + 1, k));
                        toParse.Add((Ctx.WrappedExpr, -1, -1));
                        scriptSize += 2;
                    }
                    else if (text[pos] == ')')
                    {
                        if (k > n) return null;
                        pos++;
                        var subs = constructed.GetRange(constructed.Count - (int)n, (int)n);
                        constructed.RemoveRange(constructed.Count - (int)n, (int)n);
                        constructed.Add(new MiniscriptNode<TKey>(ms, F.Thresh, subs, k: (uint)k));
                    }
                    else
                    {
                        return null;
                    }
                    break;
                }
                case Ctx.Comma:
                    if (Remaining() < 1 || text[pos] != ',') return null;
                    pos++;
                    break;
                case Ctx.CloseBracket:
                    if (Remaining() < 1 || text[pos] != ')') return null;
                    pos++;
                    break;
            }
        }

        if (constructed.Count != 1) return null;
        if (Remaining() > 0) return null;
        var top = constructed[0];
        top.DuplicateKeyCheck(ctx);
        return top;
    }

    // Core's FindNextChar: the index of m before any ')' in the current parentheses, or -1.
    private static int FindNextChar(string s, int start, char m)
    {
        for (int i = start; i < s.Length; i++)
        {
            if (s[i] == m) return i - start;
            if (s[i] == ')') break;
        }
        return -1;
    }

    // The length of the expression at start (Core's script::Expr): up to the first ',', ')' or '}' outside brackets.
    private static int ExprLength(string s, int start)
    {
        int level = 0;
        int i = start;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '(' || c == '{') level++;
            else if (level > 0 && (c == ')' || c == '}')) level--;
            else if (level == 0 && (c == ')' || c == '}' || c == ',')) break;
        }
        return i - start;
    }

    // Core's ToIntegral<int64_t>: an optional '-' and decimal digits, nothing else.
    private static bool TryParseInt64(string s, out long value)
    {
        value = 0;
        if (s.Length == 0) return false;
        int start = s[0] == '-' ? 1 : 0;
        if (start == s.Length) return false;
        for (int i = start; i < s.Length; i++)
        {
            if (s[i] < '0' || s[i] > '9') return false;
        }
        return long.TryParse(s, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}
