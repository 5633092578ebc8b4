using NBitcoin;

namespace Bitcoin.Common.Descriptors;

/// <summary>
/// What is needed to spend a taproot output (Core's TaprootSpendData): the internal key, the Merkle root (null when
/// there is no script tree), and for each (script, leaf version) the control blocks that prove it.
/// </summary>
public sealed class TaprootSpendData
{
    /// <summary>The BIP341 internal key (default when unknown).</summary>
    public XOnlyPubKey InternalKey { get; set; }

    /// <summary>The Merkle root of the script tree, or null for a key-path-only output.</summary>
    public uint256? MerkleRoot { get; set; }

    /// <summary>
    /// (script bytes, leaf version) → control blocks, ordered as Core's map: by script bytes then leaf version; each
    /// set shortest control block first.
    /// </summary>
    public SortedDictionary<TaprootLeafKey, SortedSet<byte[]>> Scripts { get; } = new();

    /// <summary>Adds another record for the same output: fills missing key and root, unions the control blocks.</summary>
    public void Merge(TaprootSpendData other)
    {
        if (InternalKey.IsNull && !other.InternalKey.IsNull) InternalKey = other.InternalKey;
        if (MerkleRoot is null && other.MerkleRoot is not null) MerkleRoot = other.MerkleRoot;
        foreach (var (key, blocks) in other.Scripts)
        {
            if (!Scripts.TryGetValue(key, out var set)) Scripts[key] = set = NewControlBlockSet();
            set.UnionWith(blocks);
        }
    }

    /// <summary>An empty set of control blocks with Core's ordering (shortest first, then bytes).</summary>
    public static SortedSet<byte[]> NewControlBlockSet() => new(ShortestFirstComparer.Instance);

    private sealed class ShortestFirstComparer : IComparer<byte[]>
    {
        public static readonly ShortestFirstComparer Instance = new();

        public int Compare(byte[]? a, byte[]? b)
        {
            if (a is null || b is null) return (a is null).CompareTo(b is null);
            int c = a.Length.CompareTo(b.Length);
            return c != 0 ? c : a.AsSpan().SequenceCompareTo(b);
        }
    }
}
