using NBitcoin;

namespace Bitcoin.Kernel.Chain;

/// <summary>
/// An in-memory chain of block index entries from the genesis block to a tip, as Core's CChain. Not thread-safe:
/// callers synchronise (Core guards it with cs_main).
/// </summary>
public sealed class ActiveChain
{
    private readonly List<BlockIndex> _chain = [];

    /// <summary>The genesis entry, or null when the chain is empty.</summary>
    public BlockIndex? Genesis => _chain.Count > 0 ? _chain[0] : null;

    /// <summary>The tip, or null when the chain is empty.</summary>
    public BlockIndex? Tip => _chain.Count > 0 ? _chain[^1] : null;

    /// <summary>The tip's height, or -1 when the chain is empty.</summary>
    public int Height => _chain.Count - 1;

    /// <summary>The entry at <paramref name="height"/>, or null when there is none.</summary>
    public BlockIndex? this[int height] => height < 0 || height >= _chain.Count ? null : _chain[height];

    /// <summary>True when <paramref name="index"/> is part of this chain.</summary>
    public bool Contains(BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return ReferenceEquals(this[index.Height], index);
    }

    /// <summary>The successor of <paramref name="index"/> in this chain, or null if it is the tip or not in the chain.</summary>
    public BlockIndex? Next(BlockIndex index) => Contains(index) ? this[index.Height + 1] : null;

    /// <summary>Makes <paramref name="tip"/> the tip, replacing entries back to the fork point; null empties the chain.</summary>
    public void SetTip(BlockIndex? tip)
    {
        if (tip == null)
        {
            _chain.Clear();
            return;
        }
        int newCount = tip.Height + 1;
        if (_chain.Count > newCount)
        {
            _chain.RemoveRange(newCount, _chain.Count - newCount);
        }
        while (_chain.Count < newCount)
        {
            _chain.Add(null!);
        }
        for (BlockIndex? index = tip; index != null && !ReferenceEquals(_chain[index.Height], index); index = index.Previous)
        {
            _chain[index.Height] = index;
        }
    }

    /// <summary>The last entry of this chain that is also an ancestor of (or equal to) <paramref name="index"/>, or null.</summary>
    public BlockIndex? FindFork(BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        BlockIndex? walk = index;
        if (walk.Height > Height) walk = walk.GetAncestor(Height);
        while (walk != null && !Contains(walk))
        {
            walk = walk.Previous;
        }
        return walk;
    }

    /// <summary>
    /// The earliest entry whose <see cref="BlockIndex.TimeMax"/> is at least <paramref name="time"/> and whose height is at
    /// least <paramref name="height"/>, or null.
    /// </summary>
    public BlockIndex? FindEarliestAtLeast(long time, int height)
    {
        int lo = 0, hi = _chain.Count;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) / 2);
            var entry = _chain[mid];
            if (entry.TimeMax < time || entry.Height < height) lo = mid + 1;
            else hi = mid;
        }
        return lo == _chain.Count ? null : _chain[lo];
    }

    /// <summary>
    /// A block locator for <paramref name="index"/> (this chain's tip when null): the ten most recent hashes, then
    /// exponentially sparser ones, ending with the genesis block. Empty when there is no block.
    /// </summary>
    public BlockLocator GetLocator(BlockIndex? index = null) => CreateLocator(index ?? Tip);

    /// <summary>The locator hashes for <paramref name="index"/> (Core's LocatorEntries); empty for null.</summary>
    public static List<uint256> LocatorEntries(BlockIndex? index)
    {
        var have = new List<uint256>(32);
        int step = 1;
        while (index != null)
        {
            have.Add(index.Hash);
            if (index.Height == 0) break;
            int height = Math.Max(index.Height - step, 0);
            index = index.GetAncestor(height);
            if (have.Count > 10) step *= 2;
        }
        return have;
    }

    /// <summary>A block locator for <paramref name="index"/> (Core's GetLocator).</summary>
    public static BlockLocator CreateLocator(BlockIndex? index)
    {
        var locator = new BlockLocator();
        locator.Blocks.AddRange(LocatorEntries(index));
        return locator;
    }
}
