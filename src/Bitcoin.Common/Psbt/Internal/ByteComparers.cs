using Bitcoin.Common.Descriptors;
using NBitcoin;

namespace Bitcoin.Common.Psbt.Internal;

/// <summary>Orderings of Core's std::map keys, so maps serialize and print in Core's order.</summary>
internal static class ByteComparers
{
    /// <summary>std::vector&lt;unsigned char&gt; ordering: lexicographic, a prefix first.</summary>
    public static readonly IComparer<byte[]> Lexicographic = Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b));

    /// <summary>CPubKey ordering (the header byte, then the bytes).</summary>
    public static readonly IComparer<PubKey> PubKey = Comparer<PubKey>.Create((a, b) => a.ToBytes().AsSpan().SequenceCompareTo(b.ToBytes()));

    /// <summary>CKeyID ordering (memcmp of the 20 bytes).</summary>
    public static readonly IComparer<KeyId> KeyId = Comparer<KeyId>.Create((a, b) => a.ToBytes().AsSpan().SequenceCompareTo(b.ToBytes()));

    /// <summary>uint256 ordering in Core's maps and sets (memcmp of the stored bytes, not numeric).</summary>
    public static readonly IComparer<uint256> Uint256 = Comparer<uint256>.Create((a, b) => a.ToBytes().AsSpan().SequenceCompareTo(b.ToBytes()));

    /// <summary>(x-only key, leaf hash) pairs.</summary>
    public static readonly IComparer<(XOnlyPubKey Key, uint256 LeafHash)> XOnlyLeaf = Comparer<(XOnlyPubKey Key, uint256 LeafHash)>.Create((a, b) =>
    {
        int c = a.Key.CompareTo(b.Key);
        return c != 0 ? c : Uint256.Compare(a.LeafHash, b.LeafHash);
    });

    /// <summary>(aggregate key, leaf hash) pairs of the MuSig2 maps.</summary>
    public static readonly IComparer<(PubKey Aggregate, uint256 LeafHash)> AggregateLeaf = Comparer<(PubKey Aggregate, uint256 LeafHash)>.Create((a, b) =>
    {
        int c = PubKey.Compare(a.Aggregate, b.Aggregate);
        return c != 0 ? c : Uint256.Compare(a.LeafHash, b.LeafHash);
    });
}
