using Bitcoin.Common.Addresses;
using Bitcoin.Common.Addresses.Internal;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>
/// Core's descriptor parser (ParseScript, ParsePubkey, ParseKeyPath): turns descriptor text into descriptors (one
/// per multipath alternative), putting private keys it meets into <see cref="Output"/>. Errors carry Core's messages.
/// </summary>
internal sealed partial class DescriptorParser(Network network, FlatSigningProvider output)
{
    private uint _keyExpIndex;

    public Network Network { get; } = network;

    public FlatSigningProvider Output { get; } = output;

    /// <summary>Core's ParseKeyPath over the '/'-split elements (element 0, the key, is skipped).</summary>
    internal static bool ParseKeyPath(List<string> split, List<List<uint>> output, ref bool apostrophe, out string error,
        bool allowMultipath, out bool hasHardened)
    {
        error = "";
        hasHardened = false;
        var path = new List<uint>();
        List<uint>? substitutes = null;
        int placeholderIndex = -1;
        bool localApostrophe = apostrophe;
        bool localHardened = false;

        bool ParseElem(string elem, out uint value, out string err)
        {
            if (!HDKeyPath.TryParseElement(elem, out value, out bool hardened, out err)) return false;
            if (hardened)
            {
                localHardened = true;
                localApostrophe = elem[^1] == '\'';
            }
            return true;
        }

        for (int i = 1; i < split.Count; i++)
        {
            string elem = split[i];
            if (elem.Length > 0 && elem[0] == '<' && elem[^1] == '>')
            {
                if (!allowMultipath)
                {
                    error = $"Key path value '{elem}' specifies multipath in a section where multipath is not allowed";
                    return false;
                }
                if (substitutes is not null)
                {
                    error = "Multiple multipath key path specifiers found";
                    return false;
                }
                var nums = DescriptorText.Split(elem.Length >= 2 ? elem[1..^1] : "", ';');
                if (nums.Count < 2)
                {
                    error = "Multipath key path specifiers must have at least two items";
                    return false;
                }
                substitutes = [];
                var seen = new HashSet<uint>();
                foreach (var num in nums)
                {
                    if (!ParseElem(num, out uint value, out error)) return false;
                    if (!seen.Add(value))
                    {
                        error = $"Duplicated key path value {value} in multipath specifier";
                        return false;
                    }
                    substitutes.Add(value);
                }
                path.Add(0);
                placeholderIndex = path.Count - 1;
            }
            else
            {
                if (!ParseElem(elem, out uint value, out error)) return false;
                path.Add(value);
            }
        }
        apostrophe = localApostrophe;
        hasHardened = localHardened;
        if (substitutes is null)
        {
            output.Add(path);
        }
        else
        {
            foreach (uint s in substitutes)
            {
                var branch = new List<uint>(path) { [placeholderIndex] = s };
                output.Add(branch);
            }
        }
        return true;
    }

    private static DeriveType ParseDeriveType(List<string> split, ref bool apostrophe)
    {
        string last = split[^1];
        if (last == "*")
        {
            split.RemoveAt(split.Count - 1);
            return DeriveType.UnhardenedRanged;
        }
        if (last == "*'" || last == "*h")
        {
            apostrophe = last == "*'";
            split.RemoveAt(split.Count - 1);
            return DeriveType.HardenedRanged;
        }
        return DeriveType.NonRanged;
    }

    /// <summary>Core's ParsePubkeyInner: a key without origin. Empty on failure, with the error.</summary>
    private List<PubkeyProvider> ParsePubkeyInner(string sp, ParseScriptContext ctx, ref bool apostrophe, out string error)
    {
        error = "";
        bool permitUncompressed = ctx == ParseScriptContext.Top || ctx == ParseScriptContext.P2SH;
        var split = DescriptorText.Split(sp, '/');
        string str = split[0];
        if (str.Length == 0)
        {
            error = "No key provided";
            return [];
        }
        if (DescriptorText.IsSpace(str[0]) || DescriptorText.IsSpace(str[^1]))
        {
            error = $"Key '{str}' is invalid due to whitespace";
            return [];
        }
        if (split.Count == 1)
        {
            if (DescriptorText.IsHex(str))
            {
                byte[] data = Convert.FromHexString(str);
                if (PubKeyBytes.IsHybrid(data))
                {
                    error = "Hybrid public keys are not allowed";
                    return [];
                }
                if (PubKeyBytes.TryParse(data, out var pubkey))
                {
                    if (permitUncompressed || pubkey.IsCompressed)
                        return [new ConstPubkeyProvider(_keyExpIndex++, pubkey, xonly: false, Network)];
                    error = "Uncompressed keys are not allowed";
                    return [];
                }
                if (data.Length == 32 && ctx == ParseScriptContext.P2TR && PubKeyBytes.TryParse([0x02, .. data], out var xonlyFull))
                {
                    return [new ConstPubkeyProvider(_keyExpIndex++, xonlyFull, xonly: true, Network)];
                }
                error = $"Pubkey '{str}' is invalid";
                return [];
            }
            var key = AddressEncoding.DecodeSecret(str, Network);
            if (key is not null)
            {
                if (permitUncompressed || key.IsCompressed)
                {
                    var pubkey = key.PubKey;
                    Output.Keys.TryAdd(pubkey.Hash, key);
                    return [new ConstPubkeyProvider(_keyExpIndex++, pubkey, ctx == ParseScriptContext.P2TR, Network)];
                }
                error = "Uncompressed keys are not allowed";
                return [];
            }
        }
        var extkey = AddressEncoding.DecodeExtKey(str, Network);
        var extpubkey = AddressEncoding.DecodeExtPubKey(str, Network);
        if (extkey is null && extpubkey is null)
        {
            error = $"key '{str}' is not valid";
            return [];
        }
        var paths = new List<List<uint>>();
        var type = ParseDeriveType(split, ref apostrophe);
        if (!ParseKeyPath(split, paths, ref apostrophe, out error, allowMultipath: true, out _)) return [];
        if (extkey is not null)
        {
            extpubkey = extkey.Neuter();
            Output.Keys.TryAdd(extpubkey.PubKey.Hash, extkey.PrivateKey);
        }
        var ret = new List<PubkeyProvider>();
        foreach (var path in paths) ret.Add(new Bip32PubkeyProvider(_keyExpIndex, extpubkey!, path, type, apostrophe, Network));
        _keyExpIndex++;
        return ret;
    }

    /// <summary>Core's ParsePubkey: a key with optional origin, or a musig() expression. Empty on failure, with the error.</summary>
    internal List<PubkeyProvider> ParsePubkey(string sp, ParseScriptContext ctx, out string error)
    {
        error = "";
        if (sp.StartsWith("musig(", StringComparison.Ordinal)) return ParseMuSig(sp, ctx, out error);

        var originSplit = DescriptorText.Split(sp, ']');
        if (originSplit.Count > 2)
        {
            error = "Multiple ']' characters found for a single pubkey";
            return [];
        }
        // Set when either the origin or the path after the key uses an apostrophe for its last hardened step.
        bool apostrophe = false;
        if (originSplit.Count == 1) return ParsePubkeyInner(originSplit[0], ctx, ref apostrophe, out error);
        if (originSplit[0].Length == 0 || originSplit[0][0] != '[')
        {
            error = $"Key origin start '[ character expected but not found, got '{(originSplit[0].Length == 0 ? ']' : originSplit[0][0])}' instead";
            return [];
        }
        var slashSplit = DescriptorText.Split(originSplit[0][1..], '/');
        if (slashSplit[0].Length != 8)
        {
            error = $"Fingerprint is not 4 bytes ({slashSplit[0].Length} characters instead of 8 characters)";
            return [];
        }
        string fprHex = slashSplit[0];
        if (!DescriptorText.IsHex(fprHex))
        {
            error = $"Fingerprint '{fprHex}' is not hex";
            return [];
        }
        var originPaths = new List<List<uint>>();
        if (!ParseKeyPath(slashSplit, originPaths, ref apostrophe, out error, allowMultipath: false, out _)) return [];
        var info = new KeyOriginInfo(new HDFingerprint(Convert.FromHexString(fprHex)), originPaths[0]);
        var providers = ParsePubkeyInner(originSplit[1], ctx, ref apostrophe, out error);
        if (providers.Count == 0) return [];
        return providers.Select(p => (PubkeyProvider)new OriginPubkeyProvider(p.ExprIndex, info, p, apostrophe)).ToList();
    }

    private List<PubkeyProvider> ParseMuSig(string sp, ParseScriptContext ctx, out string error)
    {
        error = "";
        if (ctx != ParseScriptContext.P2TR)
        {
            error = "musig() is only allowed in tr() and rawtr()";
            return [];
        }
        var split = DescriptorText.Split(sp, ')', includeSeparator: true);
        if (split.Count > 2)
        {
            error = "Too many ')' in musig() expression";
            return [];
        }
        string expr = split[0];
        if (!DescriptorText.Func("musig", ref expr))
        {
            error = "Invalid musig() expression";
            return [];
        }

        bool anyRanged = false;
        bool allBip32 = true;
        var providers = new List<List<PubkeyProvider>>();
        bool anyKeyParsed = false;
        int maxMultipathLen = 0;
        while (expr.Length > 0)
        {
            if (anyKeyParsed && !DescriptorText.Const(",", ref expr))
            {
                error = $"musig(): expected ',', got '{expr[0]}'";
                return [];
            }
            string arg = DescriptorText.Expr(ref expr);
            var pk = ParsePubkey(arg, ParseScriptContext.MuSig, out string keyError);
            if (pk.Count == 0)
            {
                error = $"musig(): {keyError}";
                return [];
            }
            anyKeyParsed = true;
            anyRanged = anyRanged || pk[0].IsRange;
            allBip32 = allBip32 && pk[0].IsBip32;
            maxMultipathLen = Math.Max(maxMultipathLen, pk.Count);
            providers.Add(pk);
        }
        if (!anyKeyParsed)
        {
            error = "musig(): Must contain key expressions";
            return [];
        }

        var derive = DeriveType.NonRanged;
        var derivationPaths = new List<List<uint>>();
        string tail = split.Count == 2 ? split[1] : "";
        if (split.Count == 2 && DescriptorText.Const("/", ref tail, skip: false))
        {
            if (!allBip32)
            {
                error = "musig(): derivation requires all participants to be xpubs or xprvs";
                return [];
            }
            if (anyRanged)
            {
                error = "musig(): Cannot have ranged participant keys if musig() also has derivation";
                return [];
            }
            bool dummy = false;
            var derivSplit = DescriptorText.Split(split[1], '/');
            derive = ParseDeriveType(derivSplit, ref dummy);
            if (derive == DeriveType.HardenedRanged)
            {
                error = "musig(): Cannot have hardened child derivation";
                return [];
            }
            if (!ParseKeyPath(derivSplit, derivationPaths, ref dummy, out string pathError, allowMultipath: true, out bool hasHardened))
            {
                error = "musig(): " + pathError;
                return [];
            }
            if (hasHardened)
            {
                error = "musig(): cannot have hardened derivation steps";
                return [];
            }
        }
        else
        {
            derivationPaths.Add([]);
        }

        // Single-path participants are cloned to match the number of multipath alternatives.
        bool CloneProviders(int length)
        {
            foreach (var alternatives in providers)
            {
                if (alternatives.Count == 1)
                {
                    for (int i = 1; i < length; i++) alternatives.Add(alternatives[0].Clone());
                }
                else if (alternatives.Count != length)
                {
                    return false;
                }
            }
            return true;
        }

        var ret = new List<PubkeyProvider>();
        void EmplaceFinal(int vecIdx, int pathIdx)
            => ret.Add(new MuSigPubkeyProvider(_keyExpIndex, providers.Select(v => v[vecIdx]).ToList(), derivationPaths[pathIdx], derive, Network));

        if (maxMultipathLen > 1 && derivationPaths.Count > 1)
        {
            error = "musig(): Cannot have multipath participant keys if musig() is also multipath";
            return [];
        }
        if (maxMultipathLen > 1)
        {
            if (!CloneProviders(maxMultipathLen))
            {
                error = "musig(): Multipath derivation paths have mismatched lengths";
                return [];
            }
            for (int i = 0; i < maxMultipathLen; i++) EmplaceFinal(i, 0);
        }
        else if (derivationPaths.Count > 1)
        {
            CloneProviders(derivationPaths.Count);
            for (int i = 0; i < derivationPaths.Count; i++) EmplaceFinal(i, i);
        }
        else
        {
            EmplaceFinal(0, 0);
        }
        _keyExpIndex++;
        return ret;
    }
}
