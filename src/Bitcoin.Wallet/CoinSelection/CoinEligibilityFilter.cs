namespace Bitcoin.Wallet.CoinSelection;

/// <summary>
/// Which output groups may be spent in one selection attempt (Core's CoinEligibilityFilter): confirmations needed for
/// our own and others' outputs, the most unconfirmed ancestors and the largest cluster, and whether partial groups may
/// be used. Ordered as Core's (field by field).
/// </summary>
public readonly record struct CoinEligibilityFilter(int ConfMine, int ConfTheirs, ulong MaxAncestors, ulong MaxClusterCount,
    bool IncludePartialGroups = false) : IComparable<CoinEligibilityFilter>
{
    /// <summary>A filter whose cluster limit equals its ancestor limit.</summary>
    public CoinEligibilityFilter(int confMine, int confTheirs, ulong maxAncestors) : this(confMine, confTheirs, maxAncestors, maxAncestors)
    {
    }

    /// <inheritdoc/>
    public int CompareTo(CoinEligibilityFilter other)
    {
        int c = ConfMine.CompareTo(other.ConfMine);
        if (c != 0) return c;
        c = ConfTheirs.CompareTo(other.ConfTheirs);
        if (c != 0) return c;
        c = MaxAncestors.CompareTo(other.MaxAncestors);
        if (c != 0) return c;
        c = MaxClusterCount.CompareTo(other.MaxClusterCount);
        return c != 0 ? c : IncludePartialGroups.CompareTo(other.IncludePartialGroups);
    }
}
