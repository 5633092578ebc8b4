using Bitcoin.Common.Addresses;
using Bitcoin.Common.Addresses.Internal;
using Bitcoin.Common.Descriptors.Miniscript;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

internal sealed partial class DescriptorParser
{
    /// <summary>
    /// Core's ParseScript: parses the expression at the start of <paramref name="sp"/> (leaving what follows it) in a
    /// context. Returns one descriptor per multipath alternative, or an empty list with the error.
    /// </summary>
    internal List<Descriptor> ParseScript(ref string sp, ParseScriptContext ctx, out string error)
    {
        error = "";
        var ret = new List<Descriptor>();
        string expr = DescriptorText.Expr(ref sp);
        bool top = ctx == ParseScriptContext.Top;
        bool topOrSh = top || ctx == ParseScriptContext.P2SH;
        bool scriptCtx = topOrSh || ctx == ParseScriptContext.P2WSH;

        if (DescriptorText.Func("pk", ref expr))
        {
            var pubkeys = ParsePubkey(expr, ctx, out string e);
            if (pubkeys.Count == 0)
            {
                error = $"pk(): {e}";
                return [];
            }
            return pubkeys.Select(p => (Descriptor)new PKDescriptor(p, ctx == ParseScriptContext.P2TR, Network)).ToList();
        }
        if (scriptCtx && DescriptorText.Func("pkh", ref expr))
        {
            var pubkeys = ParsePubkey(expr, ctx, out string e);
            if (pubkeys.Count == 0)
            {
                error = $"pkh(): {e}";
                return [];
            }
            return pubkeys.Select(p => (Descriptor)new PKHDescriptor(p, Network)).ToList();
        }
        if (top && DescriptorText.Func("combo", ref expr))
        {
            var pubkeys = ParsePubkey(expr, ctx, out string e);
            if (pubkeys.Count == 0)
            {
                error = $"combo(): {e}";
                return [];
            }
            return pubkeys.Select(p => (Descriptor)new ComboDescriptor(p, Network)).ToList();
        }
        if (IsFunc("combo", expr))
        {
            error = "Can only have combo() at top level";
            return [];
        }

        bool multi = IsFunc("multi", expr);
        bool sortedmulti = !multi && IsFunc("sortedmulti", expr);
        bool multiA = !(multi || sortedmulti) && IsFunc("multi_a", expr);
        bool sortedmultiA = !(multi || sortedmulti || multiA) && IsFunc("sortedmulti_a", expr);
        if ((scriptCtx && (multi || sortedmulti)) || (ctx == ParseScriptContext.P2TR && (multiA || sortedmultiA)))
        {
            DescriptorText.Func(multi ? "multi" : sortedmulti ? "sortedmulti" : multiA ? "multi_a" : "sortedmulti_a", ref expr);
            return ParseMulti(expr, ctx, multi || sortedmulti, sortedmulti || sortedmultiA, out error);
        }
        if (multi || sortedmulti)
        {
            error = "Can only have multi/sortedmulti at top level, in sh(), or in wsh()";
            return [];
        }
        if (multiA || sortedmultiA)
        {
            error = "Can only have multi_a/sortedmulti_a inside tr()";
            return [];
        }

        if (topOrSh && DescriptorText.Func("wpkh", ref expr))
        {
            var pubkeys = ParsePubkey(expr, ParseScriptContext.P2WPKH, out string e);
            if (pubkeys.Count == 0)
            {
                error = $"wpkh(): {e}";
                return [];
            }
            return pubkeys.Select(p => (Descriptor)new WPKHDescriptor(p, Network)).ToList();
        }
        if (IsFunc("wpkh", expr))
        {
            error = "Can only have wpkh() at top level or inside sh()";
            return [];
        }

        if (top && DescriptorText.Func("sh", ref expr))
        {
            var descs = ParseScript(ref expr, ParseScriptContext.P2SH, out error);
            if (descs.Count == 0 || expr.Length > 0) return [];
            return descs.Select(d => (Descriptor)new SHDescriptor(d, Network)).ToList();
        }
        if (IsFunc("sh", expr))
        {
            error = "Can only have sh() at top level";
            return [];
        }

        if (topOrSh && DescriptorText.Func("wsh", ref expr))
        {
            var descs = ParseScript(ref expr, ParseScriptContext.P2WSH, out error);
            if (descs.Count == 0 || expr.Length > 0) return [];
            return descs.Select(d => (Descriptor)new WSHDescriptor(d, Network)).ToList();
        }
        if (IsFunc("wsh", expr))
        {
            error = "Can only have wsh() at top level or inside sh()";
            return [];
        }

        if (top && DescriptorText.Func("addr", ref expr))
        {
            var dest = AddressEncoding.DecodeDestination(expr, Network);
            if (!dest.IsValid)
            {
                error = "Address is not valid";
                return [];
            }
            return [new AddressDescriptor(dest.Destination, Network)];
        }
        if (IsFunc("addr", expr))
        {
            error = "Can only have addr() at top level";
            return [];
        }

        if (top && DescriptorText.Func("tr", ref expr)) return ParseTr(expr, out error);
        if (IsFunc("tr", expr))
        {
            error = "Can only have tr at top level";
            return [];
        }

        if (top && DescriptorText.Func("rawtr", ref expr))
        {
            string arg = DescriptorText.Expr(ref expr);
            if (expr.Length > 0)
            {
                error = "rawtr(): only one key expected.";
                return [];
            }
            var outputKeys = ParsePubkey(arg, ParseScriptContext.P2TR, out string e);
            if (outputKeys.Count == 0)
            {
                error = $"rawtr(): {e}";
                return [];
            }
            return outputKeys.Select(p => (Descriptor)new RawTRDescriptor(p, Network)).ToList();
        }
        if (IsFunc("rawtr", expr))
        {
            error = "Can only have rawtr at top level";
            return [];
        }

        if (top && DescriptorText.Func("unused", ref expr))
        {
            string arg = DescriptorText.Expr(ref expr);
            if (expr.Length > 0)
            {
                error = "unused(): only one key expected";
                return [];
            }
            var keys = ParsePubkey(arg, ctx, out error);
            if (keys.Count == 0) return [];
            foreach (var key in keys)
            {
                if (key.IsRange)
                {
                    error = "unused(): key cannot be ranged";
                    return [];
                }
                ret.Add(new UnusedDescriptor(key, Network));
            }
            return ret;
        }
        if (IsFunc("unused", expr))
        {
            error = "Can only have unused at top level";
            return [];
        }

        if (top && DescriptorText.Func("raw", ref expr))
        {
            if (!DescriptorText.IsHex(expr))
            {
                error = "Raw script is not hex";
                return [];
            }
            return [new RawDescriptor(Script.FromBytesUnsafe(Convert.FromHexString(expr)), Network)];
        }
        if (IsFunc("raw", expr))
        {
            error = "Can only have raw() at top level";
            return [];
        }

        var miniscript = ParseMiniscript(expr, ctx, out error, out bool handled);
        if (handled) return miniscript;

        if (ctx == ParseScriptContext.P2SH)
        {
            error = "A function is needed within P2SH";
            return [];
        }
        if (ctx == ParseScriptContext.P2WSH)
        {
            error = "A function is needed within P2WSH";
            return [];
        }
        error = $"'{expr}' is not a valid descriptor function";
        return [];
    }

    private static bool IsFunc(string name, string expr)
    {
        string copy = expr;
        return DescriptorText.Func(name, ref copy);
    }

    private List<Descriptor> ParseMulti(string expr, ParseScriptContext ctx, bool isMulti, bool sorted, out string error)
    {
        error = "";
        string threshold = DescriptorText.Expr(ref expr);
        if (!HDKeyPath.TryParseUInt32(threshold, out uint thres))
        {
            error = $"Multi threshold '{threshold}' is not valid";
            return [];
        }
        var providers = new List<List<PubkeyProvider>>();
        long scriptSize = 0;
        int maxProvidersLen = 0;
        while (expr.Length > 0)
        {
            if (!DescriptorText.Const(",", ref expr))
            {
                error = $"Multi: expected ',', got '{expr[0]}'";
                return [];
            }
            string arg = DescriptorText.Expr(ref expr);
            var pks = ParsePubkey(arg, ctx, out string e);
            if (pks.Count == 0)
            {
                error = $"Multi: {e}";
                return [];
            }
            scriptSize += pks[0].Size + 1;
            maxProvidersLen = Math.Max(maxProvidersLen, pks.Count);
            providers.Add(pks);
        }
        if (isMulti && (providers.Count == 0 || providers.Count > ScriptOpcodes.MAX_PUBKEYS_PER_MULTISIG))
        {
            error = $"Cannot have {providers.Count} keys in multisig; must have between 1 and {ScriptOpcodes.MAX_PUBKEYS_PER_MULTISIG} keys, inclusive";
            return [];
        }
        if (!isMulti && (providers.Count == 0 || providers.Count > ScriptOpcodes.MAX_PUBKEYS_PER_MULTI_A))
        {
            error = $"Cannot have {providers.Count} keys in multi_a; must have between 1 and {ScriptOpcodes.MAX_PUBKEYS_PER_MULTI_A} keys, inclusive";
            return [];
        }
        if (thres < 1)
        {
            error = $"Multisig threshold cannot be {thres}, must be at least 1";
            return [];
        }
        if (thres > providers.Count)
        {
            error = $"Multisig threshold cannot be larger than the number of keys; threshold is {thres} but only {providers.Count} keys specified";
            return [];
        }
        if (ctx == ParseScriptContext.Top && providers.Count > 3)
        {
            error = $"Cannot have {providers.Count} pubkeys in bare multisig; only at most 3 pubkeys";
            return [];
        }
        // Limits P2SH multisig to 15 compressed keys.
        if (ctx == ParseScriptContext.P2SH && scriptSize + 3 > ScriptOpcodes.MAX_SCRIPT_ELEMENT_SIZE)
        {
            error = $"P2SH script is too large, {scriptSize + 3} bytes is larger than {ScriptOpcodes.MAX_SCRIPT_ELEMENT_SIZE} bytes";
            return [];
        }
        foreach (var vec in providers)
        {
            if (vec.Count == 1)
            {
                for (int i = 1; i < maxProvidersLen; i++) vec.Add(vec[0].Clone());
            }
            else if (vec.Count != maxProvidersLen)
            {
                error = "multi(): Multipath derivation paths have mismatched lengths";
                return [];
            }
        }
        var ret = new List<Descriptor>();
        for (int i = 0; i < maxProvidersLen; i++)
        {
            var pubs = providers.Select(p => p[i]).ToList();
            ret.Add(isMulti ? new MultisigDescriptor((int)thres, pubs, sorted, Network) : new MultiADescriptor((int)thres, pubs, sorted, Network));
        }
        return ret;
    }

    private List<Descriptor> ParseTr(string expr, out string error)
    {
        error = "";
        string arg = DescriptorText.Expr(ref expr);
        var internalKeys = ParsePubkey(arg, ParseScriptContext.P2TR, out string e);
        if (internalKeys.Count == 0)
        {
            error = $"tr(): {e}";
            return [];
        }
        int maxProvidersLen = internalKeys.Count;
        var subscripts = new List<List<Descriptor>>();
        var depths = new List<int>();
        if (expr.Length > 0)
        {
            if (!DescriptorText.Const(",", ref expr))
            {
                error = $"tr: expected ',', got '{expr[0]}'";
                return [];
            }
            // The path from the root to the current position: false = in a left branch, true = in a right branch.
            var branches = new List<bool>();
            do
            {
                while (DescriptorText.Const("{", ref expr))
                {
                    branches.Add(false);
                    if (branches.Count > TaprootHashes.ControlMaxNodeCount)
                    {
                        error = $"tr() supports at most {TaprootHashes.ControlMaxNodeCount} nesting levels";
                        return [];
                    }
                }
                string sarg = DescriptorText.Expr(ref expr);
                var leaf = ParseScript(ref sarg, ParseScriptContext.P2TR, out error);
                subscripts.Add(leaf);
                if (leaf.Count == 0) return [];
                maxProvidersLen = Math.Max(maxProvidersLen, leaf.Count);
                depths.Add(branches.Count);
                while (branches.Count > 0 && branches[^1])
                {
                    if (!DescriptorText.Const("}", ref expr))
                    {
                        error = "tr(): expected '}' after script expression";
                        return [];
                    }
                    branches.RemoveAt(branches.Count - 1);
                }
                if (branches.Count > 0 && !branches[^1])
                {
                    if (!DescriptorText.Const(",", ref expr))
                    {
                        error = "tr(): expected ',' after script expression";
                        return [];
                    }
                    branches[^1] = true;
                }
            }
            while (branches.Count > 0);
            if (expr.Length > 0)
            {
                error = "tr(): expected ')' after script expression";
                return [];
            }
        }

        foreach (var vec in subscripts)
        {
            if (vec.Count == 1)
            {
                for (int i = 1; i < maxProvidersLen; i++) vec.Add(vec[0].Clone());
            }
            else if (vec.Count != maxProvidersLen)
            {
                error = "tr(): Multipath subscripts have mismatched lengths";
                return [];
            }
        }
        if (internalKeys.Count > 1 && internalKeys.Count != maxProvidersLen)
        {
            error = "tr(): Multipath internal key mismatches multipath subscripts lengths";
            return [];
        }
        while (internalKeys.Count < maxProvidersLen) internalKeys.Add(internalKeys[0].Clone());

        var ret = new List<Descriptor>();
        for (int i = 0; i < maxProvidersLen; i++)
        {
            ret.Add(new TRDescriptor(internalKeys[i], subscripts.Select(s => s[i]).ToList(), depths, Network));
        }
        return ret;
    }

    private List<Descriptor> ParseMiniscript(string expr, ParseScriptContext ctx, out string error, out bool handled)
    {
        error = "";
        handled = false;
        var msCtx = ctx == ParseScriptContext.P2WSH ? MiniscriptContext.P2WSH : MiniscriptContext.Tapscript;
        var parser = new MiniscriptKeyParser(this, null, msCtx, Network);
        var node = MiniscriptParser.FromString(expr, parser);
        if (parser.KeyParsingError.Length > 0)
        {
            handled = true;
            error = parser.KeyParsingError;
            return [];
        }
        if (node is null) return [];
        handled = true;
        if (ctx != ParseScriptContext.P2WSH && ctx != ParseScriptContext.P2TR)
        {
            error = "Miniscript expressions can only be used in wsh or tr.";
            return [];
        }
        if (!node.IsSane() || node.IsNotSatisfiable())
        {
            // Report the first insane subexpression for a precise message.
            var insane = node.FindInsaneSub() ?? node;
            error = insane.ToString(parser, out _) ?? "";
            if (!insane.IsValid())
            {
                error += " is invalid";
            }
            else if (!node.IsSane())
            {
                error += " is not sane";
                if (!insane.IsNonMalleable()) error += ": malleable witnesses exist";
                else if (insane == node && !insane.NeedsSignature()) error += ": witnesses without signature exist";
                else if (!insane.CheckTimeLocksMix()) error += ": contains mixes of timelocks expressed in blocks and seconds";
                else if (!insane.CheckDuplicateKey()) error += ": contains duplicate public keys";
                else if (!insane.ValidSatisfactions()) error += ": needs witnesses that may exceed resource limits";
            }
            else
            {
                error += " is not satisfiable";
            }
            return [];
        }

        int numMultipath = parser.Keys.Max(k => k.Count);
        foreach (var vec in parser.Keys)
        {
            if (vec.Count == 1)
            {
                for (int i = 1; i < numMultipath; i++) vec.Add(vec[0].Clone());
            }
            else if (vec.Count != numMultipath)
            {
                error = "Miniscript: Multipath derivation paths have mismatched lengths";
                return [];
            }
        }
        var ret = new List<Descriptor>();
        for (int i = 0; i < numMultipath; i++)
        {
            ret.Add(new MiniscriptDescriptor(parser.Keys.Select(k => k[i]).ToList(), node, Network));
        }
        return ret;
    }
}
