using Bitcoin.Common.Descriptors.Internal;

namespace Bitcoin.Common.Descriptors;

/// <summary>
/// Builds a taproot script tree from leaves given in depth-first order with their depths, as Core's TaprootTreeBuilder:
/// after <see cref="Finalize"/> it knows the output key, the Merkle root and every leaf's control block.
/// </summary>
public sealed class TaprootTreeBuilder
{
    private sealed class LeafInfo
    {
        public required byte[] Script { get; init; }
        public required int LeafVersion { get; init; }
        public List<byte[]> MerkleBranch { get; } = [];
    }

    private sealed class NodeInfo
    {
        public byte[] Hash { get; set; } = [];
        public List<LeafInfo> Leaves { get; } = [];
    }

    private readonly List<NodeInfo?> _branch = [];
    private XOnlyPubKey _internalKey;
    private XOnlyPubKey _outputKey;
    private bool _parity;

    /// <summary>False once a leaf was added at a depth that cannot form a binary tree with the earlier ones.</summary>
    public bool IsValid { get; private set; } = true;

    /// <summary>True if there are no leaves, or the leaves added so far form a complete tree.</summary>
    public bool IsComplete => IsValid && (_branch.Count == 0 || (_branch.Count == 1 && _branch[0] is not null));

    /// <summary>True if any leaf was added.</summary>
    public bool HasScripts => _branch.Count != 0;

    /// <summary>The internal key (after <see cref="Finalize"/>).</summary>
    public XOnlyPubKey InternalKey => _internalKey;

    /// <summary>The output key (after <see cref="Finalize"/>).</summary>
    public XOnlyPubKey OutputKey => _outputKey;

    /// <summary>Adds a leaf script at a depth (0 = root). <paramref name="track"/> keeps it for control blocks.</summary>
    public TaprootTreeBuilder Add(int depth, ReadOnlySpan<byte> script, int leafVersion, bool track = true)
    {
        if ((leafVersion & ~TaprootHashes.LeafMask) != 0) throw new ArgumentOutOfRangeException(nameof(leafVersion));
        if (!IsValid) return this;
        var node = new NodeInfo { Hash = TaprootHashes.LeafHash(leafVersion, script) };
        if (track) node.Leaves.Add(new LeafInfo { Script = script.ToArray(), LeafVersion = leafVersion });
        Insert(node, depth);
        return this;
    }

    /// <summary>Adds a hidden subtree by its hash at a depth.</summary>
    public TaprootTreeBuilder AddOmitted(int depth, byte[] hash)
    {
        if (!IsValid) return this;
        Insert(new NodeInfo { Hash = hash }, depth);
        return this;
    }

    /// <summary>Computes the output key from the internal key; requires <see cref="IsComplete"/> and a valid key.</summary>
    public TaprootTreeBuilder Finalize(XOnlyPubKey internalKey)
    {
        if (!IsComplete) throw new InvalidOperationException("The taproot tree is not complete.");
        _internalKey = internalKey;
        if (!TaprootHashes.TryTweak(internalKey, MerkleRootBytes, out _outputKey, out _parity))
            throw new ArgumentException("The internal key is not a valid x-only key.", nameof(internalKey));
        return this;
    }

    /// <summary>The Merkle root, or null when there are no leaves.</summary>
    public byte[]? MerkleRootBytes => _branch.Count == 0 ? null : _branch[0]!.Hash;

    /// <summary>Core's TaprootTreeBuilder::ValidDepths: whether leaves at these depths (in order) form a complete tree.</summary>
    public static bool ValidDepths(IReadOnlyList<int> depths)
    {
        var branch = new List<bool>();
        foreach (int d in depths)
        {
            int depth = d;
            if (depth < 0 || depth > TaprootHashes.ControlMaxNodeCount) return false;
            if (depth + 1 < branch.Count) return false;
            while (branch.Count > depth && branch[depth])
            {
                branch.RemoveAt(branch.Count - 1);
                if (depth == 0) return false;
                depth--;
            }
            while (branch.Count <= depth) branch.Add(false);
            branch[depth] = true;
        }
        return branch.Count == 0 || (branch.Count == 1 && branch[0]);
    }

    /// <summary>The spending data: internal key, Merkle root and each tracked leaf's control block (after <see cref="Finalize"/>).</summary>
    public TaprootSpendData GetSpendData()
    {
        if (!IsComplete) throw new InvalidOperationException("The taproot tree is not complete.");
        var spd = new TaprootSpendData
        {
            MerkleRoot = _branch.Count == 0 ? null : new NBitcoin.uint256(_branch[0]!.Hash),
            InternalKey = _internalKey,
        };
        if (_branch.Count > 0)
        {
            foreach (var leaf in _branch[0]!.Leaves)
            {
                var control = new byte[TaprootHashes.ControlBaseSize + TaprootHashes.ControlNodeSize * leaf.MerkleBranch.Count];
                control[0] = (byte)(leaf.LeafVersion | (_parity ? 1 : 0));
                _internalKey.Bytes.CopyTo(control.AsSpan(1));
                for (int i = 0; i < leaf.MerkleBranch.Count; i++)
                    leaf.MerkleBranch[i].CopyTo(control, TaprootHashes.ControlBaseSize + TaprootHashes.ControlNodeSize * i);
                var key = new TaprootLeafKey(leaf.Script, leaf.LeafVersion);
                if (!spd.Scripts.TryGetValue(key, out var set)) spd.Scripts[key] = set = TaprootSpendData.NewControlBlockSet();
                set.Add(control);
            }
        }
        return spd;
    }

    /// <summary>The tracked leaves as (depth, leaf version, script) in tree order (Core's GetTreeTuples).</summary>
    public IReadOnlyList<(int Depth, int LeafVersion, byte[] Script)> GetTreeTuples()
    {
        if (!IsComplete) throw new InvalidOperationException("The taproot tree is not complete.");
        if (_branch.Count == 0) return [];
        return _branch[0]!.Leaves.Select(l => (l.MerkleBranch.Count, l.LeafVersion, l.Script)).ToList();
    }

    /// <summary>Equal trees have the same leaves (depth, version, script) in the same order.</summary>
    public bool SameTreeAs(TaprootTreeBuilder other)
    {
        var a = GetTreeTuples();
        var b = other.GetTreeTuples();
        return a.Count == b.Count && a.Zip(b).All(p => p.First.Depth == p.Second.Depth &&
            p.First.LeafVersion == p.Second.LeafVersion && p.First.Script.AsSpan().SequenceEqual(p.Second.Script));
    }

    private static NodeInfo Combine(NodeInfo a, NodeInfo b)
    {
        var ret = new NodeInfo();
        foreach (var leaf in a.Leaves)
        {
            leaf.MerkleBranch.Add(b.Hash);
            ret.Leaves.Add(leaf);
        }
        foreach (var leaf in b.Leaves)
        {
            leaf.MerkleBranch.Add(a.Hash);
            ret.Leaves.Add(leaf);
        }
        ret.Hash = TaprootHashes.BranchHash(a.Hash, b.Hash);
        return ret;
    }

    private void Insert(NodeInfo node, int depth)
    {
        if (depth < 0 || depth > TaprootHashes.ControlMaxNodeCount) throw new ArgumentOutOfRangeException(nameof(depth));
        // A leaf may not go higher up while a deeper branch is unfinished: that is not a depth-first order.
        if (depth + 1 < _branch.Count)
        {
            IsValid = false;
            return;
        }
        while (IsValid && _branch.Count > depth && _branch[depth] is not null)
        {
            node = Combine(node, _branch[depth]!);
            _branch.RemoveAt(_branch.Count - 1);
            if (depth == 0) IsValid = false;
            depth--;
        }
        if (IsValid)
        {
            while (_branch.Count <= depth) _branch.Add(null);
            _branch[depth] = node;
        }
    }
}
