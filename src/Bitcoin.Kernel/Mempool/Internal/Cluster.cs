namespace Bitcoin.Kernel.Mempool.Internal;

/// <summary>
/// A connected group of mempool transactions with its linearization (mining order) and chunks. Immutable once built:
/// any change to its transactions, links or fees replaces it with newly linearized clusters.
/// </summary>
internal sealed class Cluster
{
    private static long s_nextId;

    public Cluster(List<MempoolEntry> linearization)
    {
        Id = Interlocked.Increment(ref s_nextId);
        Transactions = linearization;
        foreach (var entry in linearization) TotalWeight += entry.AdjustedWeight;
    }

    /// <summary>Creation order, the last tie-break between clusters.</summary>
    public long Id { get; }

    /// <summary>The transactions in mining order.</summary>
    public List<MempoolEntry> Transactions { get; }

    /// <summary>The chunks, best first.</summary>
    public List<ChunkData> Chunks { get; } = [];

    /// <summary>The sum of the sigop-adjusted weights.</summary>
    public long TotalWeight { get; }

    /// <summary>Set when the cluster was replaced (its transactions changed).</summary>
    public bool Retired { get; set; }
}
