using Bitcoin.Kernel.Chain;

namespace Bitcoin.Kernel.Validation;

/// <summary>
/// Orders candidate tips as Core's CBlockIndexWorkComparator: less work first; at equal work the block received
/// later (higher sequence id) first; finally by hash (Core uses the memory address) so distinct entries never tie.
/// The best candidate is the maximum.
/// </summary>
public sealed class BlockIndexWorkComparer : IComparer<BlockIndex>
{
    /// <summary>The shared instance.</summary>
    public static BlockIndexWorkComparer Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(BlockIndex? a, BlockIndex? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        int work = a.ChainWork.CompareTo(b.ChainWork);
        if (work != 0) return work;
        if (a.SequenceId != b.SequenceId) return a.SequenceId < b.SequenceId ? 1 : -1;
        return b.Hash.CompareTo(a.Hash);
    }

    /// <summary>True when <paramref name="a"/> sorts strictly before <paramref name="b"/> (Core's comparator call).</summary>
    public static bool Less(BlockIndex a, BlockIndex b) => Instance.Compare(a, b) < 0;
}
