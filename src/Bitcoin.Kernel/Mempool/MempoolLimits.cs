using Bitcoin.Kernel.Policy;

namespace Bitcoin.Kernel.Mempool;

/// <summary>Cluster and (for wallets) ancestor/descendant limits (Core's MemPoolLimits).</summary>
public sealed record MempoolLimits
{
    /// <summary>The most transactions in a cluster (-limitclustercount, at most 64).</summary>
    public int ClusterCount { get; init; } = PolicyConstants.DefaultClusterLimit;

    /// <summary>The largest cluster in virtual bytes (-limitclustersize times 1000).</summary>
    public long ClusterSizeVBytes { get; init; } = PolicyConstants.DefaultClusterSizeLimitKvB * 1000L;

    /// <summary>-limitancestorcount (only wallet coin selection uses it).</summary>
    public long AncestorCount { get; init; } = PolicyConstants.DefaultAncestorLimit;

    /// <summary>-limitdescendantcount (only wallet coin selection uses it).</summary>
    public long DescendantCount { get; init; } = PolicyConstants.DefaultDescendantLimit;
}
