using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Node.Mining;

/// <summary>Timestamps for new blocks (Core's GetMinimumTime and UpdateTime in node/miner.cpp).</summary>
public static class BlockTime
{
    /// <summary>
    /// The earliest time a block after <paramref name="previous"/> may use: one second past the median time past, and
    /// at the first block of a retarget period no more than <see cref="ConsensusConstants.MaxTimewarp"/> before the
    /// previous block (BIP94; applied on every chain so that the rule can activate safely).
    /// </summary>
    public static long GetMinimumTime(BlockIndex previous, long difficultyAdjustmentInterval)
    {
        ArgumentNullException.ThrowIfNull(previous);
        long minTime = previous.GetMedianTimePast() + 1;
        int height = previous.Height + 1;
        if (height % difficultyAdjustmentInterval == 0)
            minTime = Math.Max(minTime, previous.BlockTime - ConsensusConstants.MaxTimewarp);
        return minTime;
    }

    /// <summary>
    /// Moves the header's time forward to max(minimum time, <paramref name="now"/>) (never backwards) and, on chains
    /// with minimum-difficulty blocks, recomputes its target since it depends on the time. Returns how far the time
    /// would have moved (negative if it stayed because it was already later).
    /// </summary>
    public static long UpdateTime(BlockHeader header, ConsensusParams consensus, BlockIndex previous, long now)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(consensus);
        ArgumentNullException.ThrowIfNull(previous);
        long oldTime = header.BlockTime.ToUnixTimeSeconds();
        long newTime = Math.Max(GetMinimumTime(previous, consensus.DifficultyAdjustmentInterval), now);
        if (oldTime < newTime) header.BlockTime = DateTimeOffset.FromUnixTimeSeconds(newTime);
        if (consensus.PowAllowMinDifficultyBlocks)
            header.Bits = new Target(Pow.GetNextWorkRequired(previous, header.BlockTime.ToUnixTimeSeconds(), consensus));
        return newTime - oldTime;
    }
}
