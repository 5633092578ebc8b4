using Bitcoin.Common.Addresses;
using Bitcoin.Common.Addresses.Internal;
using Bitcoin.Common.Descriptors.Miniscript;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>Core's InferScript and helpers: the most specific descriptor for a script given what a provider knows.</summary>
internal static class DescriptorInference
{
    public static PubkeyProvider? InferPubkey(byte[] pubkeyBytes, ParseScriptContext ctx, SigningProvider provider, Network network)
    {
        if (!PubKeyBytes.IsValidNonHybrid(pubkeyBytes)) return null;
        if (ctx != ParseScriptContext.Top && ctx != ParseScriptContext.P2SH && pubkeyBytes.Length != 33) return null;
        // Core keeps keys as bytes here; a key that is not on the curve cannot be represented, so it is not inferred.
        if (!PubKeyBytes.TryParse(pubkeyBytes, out var pubkey)) return null;
        PubkeyProvider keyProvider = new ConstPubkeyProvider(0, pubkey, xonly: false, network);
        if (provider.TryGetKeyOrigin(pubkey.Hash, out var info))
            return new OriginPubkeyProvider(0, info, keyProvider, apostrophe: false);
        return keyProvider;
    }

    public static PubkeyProvider? InferXOnlyPubkey(XOnlyPubKey xkey, ParseScriptContext ctx, SigningProvider provider, Network network)
    {
        if (!xkey.IsFullyValid) return null;
        PubkeyProvider keyProvider = new ConstPubkeyProvider(0, xkey.EvenPubKey, xonly: true, network);
        if (provider.TryGetKeyOriginByXOnly(xkey, out var info))
            return new OriginPubkeyProvider(0, info, keyProvider, apostrophe: false);
        return keyProvider;
    }

    private static Descriptor? InferMultiA(byte[] script, ParseScriptContext ctx, SigningProvider provider, Network network)
    {
        if (!ScriptSolver.TryMatchMultiA(script, out int threshold, out var keyBytes)) return null;
        var keys = new List<PubkeyProvider>();
        foreach (var k in keyBytes)
        {
            var key = InferXOnlyPubkey(new XOnlyPubKey(k), ctx, provider, network);
            if (key is null) return null;
            keys.Add(key);
        }
        return new MultiADescriptor(threshold, keys, sorted: false, network);
    }

    public static Descriptor? InferScript(Script script, ParseScriptContext ctx, SigningProvider provider, Network network)
    {
        byte[] s = script.ToBytes(true);
        if (ctx == ParseScriptContext.P2TR && s.Length == 34 && s[0] == 32 && s[33] == ScriptOpcodes.OP_CHECKSIG)
        {
            var key = InferXOnlyPubkey(new XOnlyPubKey(s.AsSpan(1, 32)), ctx, provider, network);
            if (key is not null) return new PKDescriptor(key, xonly: true, network);
        }
        if (ctx == ParseScriptContext.P2TR)
        {
            var multiA = InferMultiA(s, ctx, provider, network);
            if (multiA is not null) return multiA;
        }

        var type = ScriptSolver.Solve(s, out var data);
        bool scriptCtx = ctx is ParseScriptContext.Top or ParseScriptContext.P2SH or ParseScriptContext.P2WSH;

        if (type == TxoutType.PubKey && scriptCtx)
        {
            var key = InferPubkey(data[0], ctx, provider, network);
            if (key is not null) return new PKDescriptor(key, xonly: false, network);
        }
        if (type == TxoutType.PubKeyHash && scriptCtx)
        {
            if (provider.TryGetPubKey(new KeyId(data[0]), out var pubkey))
            {
                var key = InferPubkey(pubkey.ToBytes(), ctx, provider, network);
                if (key is not null) return new PKHDescriptor(key, network);
            }
        }
        if (type == TxoutType.WitnessV0KeyHash && (ctx == ParseScriptContext.Top || ctx == ParseScriptContext.P2SH))
        {
            if (provider.TryGetPubKey(new KeyId(data[0]), out var pubkey))
            {
                var key = InferPubkey(pubkey.ToBytes(), ParseScriptContext.P2WPKH, provider, network);
                if (key is not null) return new WPKHDescriptor(key, network);
            }
        }
        if (type == TxoutType.Multisig && scriptCtx)
        {
            var providers = new List<PubkeyProvider>();
            bool ok = true;
            for (int i = 1; i + 1 < data.Count; i++)
            {
                var key = InferPubkey(data[i], ctx, provider, network);
                if (key is null)
                {
                    ok = false;
                    break;
                }
                providers.Add(key);
            }
            if (ok) return new MultisigDescriptor(data[0][0], providers, sorted: false, network);
        }
        if (type == TxoutType.ScriptHash && ctx == ParseScriptContext.Top)
        {
            if (provider.TryGetScript(new ScriptId(data[0]), out var subscript))
            {
                var sub = InferScript(subscript, ParseScriptContext.P2SH, provider, network);
                if (sub is not null) return new SHDescriptor(sub, network);
            }
        }
        if (type == TxoutType.WitnessV0ScriptHash && (ctx == ParseScriptContext.Top || ctx == ParseScriptContext.P2SH))
        {
            if (provider.TryGetScript(new ScriptId(CoreHashes.Ripemd160(data[0])), out var subscript))
            {
                var sub = InferScript(subscript, ParseScriptContext.P2WSH, provider, network);
                if (sub is not null) return new WSHDescriptor(sub, network);
            }
        }
        if (type == TxoutType.WitnessV1Taproot && ctx == ParseScriptContext.Top)
        {
            var outputKey = new XOnlyPubKey(data[0]);
            if (provider.TryGetTaprootSpendData(outputKey, out var tap))
            {
                var tree = InferTaprootTree(tap, outputKey);
                if (tree is not null)
                {
                    bool ok = true;
                    var subscripts = new List<Descriptor>();
                    var depths = new List<int>();
                    foreach (var (depth, leafScript, leafVersion) in tree)
                    {
                        Descriptor? subdesc = null;
                        if (leafVersion == TaprootHashes.LeafTapscript)
                            subdesc = InferScript(Script.FromBytesUnsafe(leafScript), ParseScriptContext.P2TR, provider, network);
                        if (subdesc is null)
                        {
                            ok = false;
                            break;
                        }
                        subscripts.Add(subdesc);
                        depths.Add(depth);
                    }
                    if (ok)
                    {
                        var key = InferXOnlyPubkey(tap.InternalKey, ParseScriptContext.P2TR, provider, network);
                        if (key is not null) return new TRDescriptor(key, subscripts, depths, network);
                    }
                }
            }
            // Otherwise describe just the output key.
            if (outputKey.IsFullyValid)
            {
                var key = InferXOnlyPubkey(outputKey, ParseScriptContext.P2TR, provider, network);
                if (key is not null) return new RawTRDescriptor(key, network);
            }
        }

        if (ctx == ParseScriptContext.P2WSH || ctx == ParseScriptContext.P2TR)
        {
            var msCtx = ctx == ParseScriptContext.P2WSH ? MiniscriptContext.P2WSH : MiniscriptContext.Tapscript;
            var parser = new MiniscriptKeyParser(null, provider, msCtx, network);
            var node = MiniscriptDecoder.FromScript(s, parser);
            if (node is not null && node.IsSane())
                return new MiniscriptDescriptor(parser.Keys.Select(k => k[0]).ToList(), node, network);
        }

        // The remaining forms are top-level only.
        if (ctx != ParseScriptContext.Top) return null;

        if (ScriptSolver.TryExtractDestination(script, out var dest) && dest.ScriptBytes.SequenceEqual(s))
            return new AddressDescriptor(dest, network);
        return new RawDescriptor(script, network);
    }

    /// <summary>
    /// Core's InferTaprootTree: rebuilds the tree (depth, script, leaf version in depth-first order) from spend data,
    /// or null if the data does not describe a complete tree for <paramref name="output"/>.
    /// </summary>
    public static List<(int Depth, byte[] Script, int LeafVersion)>? InferTaprootTree(TaprootSpendData spenddata, XOnlyPubKey output)
    {
        var merkleRoot = spenddata.MerkleRoot?.ToBytes();
        if (merkleRoot is not null && merkleRoot.AsSpan().IndexOfAnyExcept((byte)0) < 0) merkleRoot = null;
        if (!TaprootHashes.TryTweak(spenddata.InternalKey, merkleRoot, out var tweaked, out _) || tweaked != output) return null;
        var ret = new List<(int, byte[], int)>();
        if (merkleRoot is null) return ret;

        var root = new TreeNode { Hash = merkleRoot };
        foreach (var (key, controlBlocks) in spenddata.Scripts)
        {
            byte[] script = key.Script.ToArray();
            int leafVer = key.LeafVersion;
            foreach (var control in controlBlocks)
            {
                if (leafVer < 0 || leafVer >= 0x100 || (leafVer & 1) != 0) continue;
                if (control.Length < TaprootHashes.ControlBaseSize || control.Length > TaprootHashes.ControlMaxSize ||
                    (control.Length - TaprootHashes.ControlBaseSize) % TaprootHashes.ControlNodeSize != 0) continue;
                if ((control[0] & TaprootHashes.LeafMask) != leafVer) continue;
                var leafHash = TaprootHashes.LeafHash(leafVer, script);
                if (!TaprootHashes.MerkleRootFromControl(control, leafHash).AsSpan().SequenceEqual(merkleRoot)) continue;

                var node = root;
                int levels = (control.Length - TaprootHashes.ControlBaseSize) / TaprootHashes.ControlNodeSize;
                for (int depth = 0; depth < levels; depth++)
                {
                    // A known leaf cannot have children.
                    if (node.Explored && !node.Inner) return null;
                    byte[] hash = control.AsSpan(TaprootHashes.ControlBaseSize + (levels - 1 - depth) * TaprootHashes.ControlNodeSize, TaprootHashes.ControlNodeSize).ToArray();
                    if (node.Sub0 is not null)
                    {
                        bool descended = false;
                        for (int i = 0; i < 2; i++)
                        {
                            var sub = i == 0 ? node.Sub0 : node.Sub1!;
                            var other = i == 0 ? node.Sub1! : node.Sub0;
                            if (sub.Hash.AsSpan().SequenceEqual(hash) || (IsZero(sub.Hash) && !other.Hash.AsSpan().SequenceEqual(hash)))
                            {
                                sub.Hash = hash;
                                node = other;
                                descended = true;
                                break;
                            }
                        }
                        if (!descended) return null;
                    }
                    else
                    {
                        node.Explored = true;
                        node.Inner = true;
                        node.Sub0 = new TreeNode();
                        node.Sub1 = new TreeNode { Hash = hash };
                        node = node.Sub0;
                    }
                }
                if (node.Sub0 is not null) return null;
                node.Explored = true;
                node.Inner = false;
                node.Leaf = (script, leafVer);
                node.Hash = leafHash;
            }
        }

        // Flatten depth first with an explicit stack: trees may be 128 levels deep.
        var stack = new List<TreeNode> { root };
        while (stack.Count > 0)
        {
            var node = stack[^1];
            if (!node.Explored)
            {
                return null;
            }
            if (!node.Inner)
            {
                ret.Add((stack.Count - 1, node.Leaf!.Value.Script, node.Leaf.Value.LeafVersion));
                node.Done = true;
                stack.RemoveAt(stack.Count - 1);
            }
            else if (node.Sub0!.Done && !node.Sub1!.Done && !node.Sub1.Explored && !IsZero(node.Sub1.Hash) &&
                     TaprootHashes.BranchHash(node.Sub1.Hash, node.Sub1.Hash).AsSpan().SequenceEqual(node.Hash))
            {
                // Two identical subtrees share control blocks, so only the left one got explored: output it twice.
                node.Sub0.Done = false;
                node.Sub1.Done = true;
            }
            else if (node.Sub0.Done && node.Sub1!.Done)
            {
                node.Sub0.Done = false;
                node.Sub1.Done = false;
                node.Done = true;
                stack.RemoveAt(stack.Count - 1);
            }
            else if (!node.Sub0.Done)
            {
                stack.Add(node.Sub0);
            }
            else
            {
                stack.Add(node.Sub1!);
            }
        }
        return ret;
    }

    private static bool IsZero(byte[] hash) => hash.AsSpan().IndexOfAnyExcept((byte)0) < 0;

    private sealed class TreeNode
    {
        public byte[] Hash { get; set; } = new byte[32];
        public TreeNode? Sub0 { get; set; }
        public TreeNode? Sub1 { get; set; }
        public (byte[] Script, int LeafVersion)? Leaf { get; set; }
        public bool Explored { get; set; }
        public bool Inner { get; set; }
        public bool Done { get; set; }
    }
}
