using Bitcoin.Kernel.Policy;

namespace Bitcoin.Kernel.Mempool.Internal;

/// <summary>
/// Core's mining order of chunks (TxGraph's CompareMainTransactions): higher fee rate first, then the smaller
/// equal-feerate prefix, then (between clusters) the smaller greatest txid, then position within the cluster.
/// </summary>
internal sealed class ChunkMiningOrder : IComparer<ChunkData>
{
    public static ChunkMiningOrder Instance { get; } = new();

    public int Compare(ChunkData? a, ChunkData? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int c = FeeFrac.CompareRatio(b.Rate, a.Rate);
        if (c != 0) return c;
        c = a.EqualFeeratePrefixSize.CompareTo(b.EqualFeeratePrefixSize);
        if (c != 0) return c;
        if (!ReferenceEquals(a.Cluster, b.Cluster))
        {
            c = a.MaxTxid.CompareTo(b.MaxTxid);
            return c != 0 ? c : a.Cluster.Id.CompareTo(b.Cluster.Id);
        }
        return a.Start.CompareTo(b.Start);
    }
}
