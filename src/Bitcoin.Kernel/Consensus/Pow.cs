using Bitcoin.Kernel.Chain;
using NBitcoin;

namespace Bitcoin.Kernel.Consensus;

/// <summary>Proof-of-work rules, as Core's pow.cpp and the work helpers of chain.cpp.</summary>
public static class Pow
{
    /// <summary>
    /// The compact target the block after <paramref name="last"/> must use. <paramref name="newBlockTime"/> is the new
    /// block's timestamp, which matters only for testnet's minimum-difficulty rule.
    /// </summary>
    public static uint GetNextWorkRequired(BlockIndex last, long newBlockTime, ConsensusParams consensus)
    {
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(consensus);
        uint proofOfWorkLimit = consensus.PowLimit.ToCompact();
        long interval = consensus.DifficultyAdjustmentInterval;

        // Difficulty changes only once per adjustment interval.
        if ((last.Height + 1) % interval != 0)
        {
            if (consensus.PowAllowMinDifficultyBlocks)
            {
                // Testnet: a block more than twice the target spacing after its predecessor must be min-difficulty.
                if (newBlockTime > last.BlockTime + (consensus.PowTargetSpacing * 2))
                {
                    return proofOfWorkLimit;
                }
                // Otherwise use the last target that was not set by that special rule.
                var walk = last;
                while (walk.Previous != null && walk.Height % interval != 0 && walk.Bits == proofOfWorkLimit)
                {
                    walk = walk.Previous;
                }
                return walk.Bits;
            }
            return last.Bits;
        }

        // Go back by what we want to be one interval's worth of blocks.
        int heightFirst = checked((int)(last.Height - (interval - 1)));
        var first = last.GetAncestor(heightFirst) ??
                    throw new InvalidOperationException($"No ancestor at height {heightFirst} for a retarget.");
        return CalculateNextWorkRequired(last, first.BlockTime, consensus);
    }

    /// <summary>The compact target following a retarget period that started at <paramref name="firstBlockTime"/>.</summary>
    public static uint CalculateNextWorkRequired(BlockIndex last, long firstBlockTime, ConsensusParams consensus)
    {
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(consensus);
        if (consensus.PowNoRetargeting) return last.Bits;

        // Limit the adjustment step to a factor of four either way.
        long actualTimespan = last.BlockTime - firstBlockTime;
        actualTimespan = Math.Clamp(actualTimespan, consensus.PowTargetTimespan / 4, consensus.PowTargetTimespan * 4);

        ArithUInt256 target;
        if (consensus.EnforceBip94)
        {
            // BIP94: start from the first block of the period, which can never use the min-difficulty exception.
            int heightFirst = checked((int)(last.Height - (consensus.DifficultyAdjustmentInterval - 1)));
            var first = last.GetAncestor(heightFirst) ??
                        throw new InvalidOperationException($"No ancestor at height {heightFirst} for a retarget.");
            target = ArithUInt256.FromCompact(first.Bits);
        }
        else
        {
            target = ArithUInt256.FromCompact(last.Bits);
        }

        target *= (ulong)actualTimespan;
        target /= (ulong)consensus.PowTargetTimespan;
        if (target > consensus.PowLimit) target = consensus.PowLimit;
        return target.ToCompact();
    }

    /// <summary>
    /// Whether a header chain may move from <paramref name="oldBits"/> to <paramref name="newBits"/> at
    /// <paramref name="height"/>: within a factor of four at a retarget, unchanged otherwise (always true on chains with
    /// minimum-difficulty blocks).
    /// </summary>
    public static bool PermittedDifficultyTransition(ConsensusParams consensus, long height, uint oldBits, uint newBits)
    {
        ArgumentNullException.ThrowIfNull(consensus);
        if (consensus.PowAllowMinDifficultyBlocks) return true;

        if (height % consensus.DifficultyAdjustmentInterval == 0)
        {
            long smallestTimespan = consensus.PowTargetTimespan / 4;
            long largestTimespan = consensus.PowTargetTimespan * 4;
            var observedNewTarget = ArithUInt256.FromCompact(newBits);

            var largest = ArithUInt256.FromCompact(oldBits) * (ulong)largestTimespan / (ulong)consensus.PowTargetTimespan;
            if (largest > consensus.PowLimit) largest = consensus.PowLimit;
            // Compare after rounding through the compact encoding, as the new bits went through it.
            if (ArithUInt256.FromCompact(largest.ToCompact()) < observedNewTarget) return false;

            var smallest = ArithUInt256.FromCompact(oldBits) * (ulong)smallestTimespan / (ulong)consensus.PowTargetTimespan;
            if (smallest > consensus.PowLimit) smallest = consensus.PowLimit;
            if (ArithUInt256.FromCompact(smallest.ToCompact()) > observedNewTarget) return false;
        }
        else if (oldBits != newBits)
        {
            return false;
        }
        return true;
    }

    /// <summary>The target a compact value encodes, or null if it is negative, zero, overflows or exceeds the pow limit.</summary>
    public static ArithUInt256? DeriveTarget(uint bits, ArithUInt256 powLimit)
    {
        var target = ArithUInt256.FromCompact(bits, out bool negative, out bool overflow);
        if (negative || target.IsZero || overflow || target > powLimit) return null;
        return target;
    }

    /// <summary>True when <paramref name="hash"/> satisfies the target encoded by <paramref name="bits"/>.</summary>
    public static bool CheckProofOfWork(uint256 hash, uint bits, ConsensusParams consensus)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(consensus);
        var target = DeriveTarget(bits, consensus.PowLimit);
        return target.HasValue && ArithUInt256.FromUInt256(hash) <= target.Value;
    }

    /// <summary>True when every header's hash satisfies its own claimed target (Core's HasValidProofOfWork).</summary>
    public static bool HasValidProofOfWork(IEnumerable<BlockHeader> headers, ConsensusParams consensus)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.All(h => CheckProofOfWork(h.GetHash(), (uint)h.Bits, consensus));
    }

    /// <summary>The expected number of hashes to find a block with this compact target (zero for an invalid target).</summary>
    public static ArithUInt256 GetBitsProof(uint bits)
    {
        var target = ArithUInt256.FromCompact(bits, out bool negative, out bool overflow);
        if (negative || overflow || target.IsZero) return ArithUInt256.Zero;
        // 2^256 / (target + 1) does not fit, but equals (~target / (target + 1)) + 1.
        return (~target / (target + ArithUInt256.One)) + ArithUInt256.One;
    }

    /// <summary>The work a block index entry represents.</summary>
    public static ArithUInt256 GetBlockProof(BlockIndex block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return GetBitsProof(block.Bits);
    }

    /// <summary>The work a header represents.</summary>
    public static ArithUInt256 GetBlockProof(BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return GetBitsProof((uint)header.Bits);
    }

    /// <summary>The total work a list of headers claims (Core's CalculateClaimedHeadersWork).</summary>
    public static ArithUInt256 CalculateClaimedHeadersWork(IEnumerable<BlockHeader> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var total = ArithUInt256.Zero;
        foreach (var header in headers) total += GetBlockProof(header);
        return total;
    }

    /// <summary>
    /// How long, in seconds at the tip's difficulty, redoing the work between <paramref name="from"/> and
    /// <paramref name="to"/> would take; negative when <paramref name="to"/> has less work.
    /// </summary>
    public static long GetBlockProofEquivalentTime(BlockIndex to, BlockIndex from, BlockIndex tip, ConsensusParams consensus)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(tip);
        ArgumentNullException.ThrowIfNull(consensus);
        ArithUInt256 r;
        int sign = 1;
        if (to.ChainWork > from.ChainWork)
        {
            r = to.ChainWork - from.ChainWork;
        }
        else
        {
            r = from.ChainWork - to.ChainWork;
            sign = -1;
        }
        r = r * (ulong)consensus.PowTargetSpacing / GetBlockProof(tip);
        if (r.Bits() > 63) return sign * long.MaxValue;
        return sign * (long)r.GetLow64();
    }

    /// <summary>The difficulty (relative to the minimum mainnet target) a compact target represents, as Core's GetDifficulty.</summary>
    public static double GetDifficulty(uint bits)
    {
        int shift = (int)((bits >> 24) & 0xff);
        double diff = 0x0000ffff / (double)(bits & 0x00ffffff);
        while (shift < 29)
        {
            diff *= 256.0;
            shift++;
        }
        while (shift > 29)
        {
            diff /= 256.0;
            shift--;
        }
        return diff;
    }
}
