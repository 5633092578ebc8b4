using Bitcoin.Kernel.Chain;
using NBitcoin;

namespace Bitcoin.Kernel.Consensus;

/// <summary>BIP68 relative lock-times, as Core's CalculateSequenceLocks / EvaluateSequenceLocks / SequenceLocks.</summary>
public static class SequenceLocks
{
    /// <summary>Sequence bit that disables the relative lock of an input.</summary>
    public const uint DisableFlag = 1u << 31;

    /// <summary>Sequence bit that makes the lock time-based (units of 512 seconds) rather than height-based.</summary>
    public const uint TypeFlag = 1u << 22;

    /// <summary>Bits of the sequence holding the lock value.</summary>
    public const uint Mask = 0x0000ffff;

    /// <summary>Time-based locks count in units of 2^9 seconds.</summary>
    public const int Granularity = 9;

    /// <summary>
    /// The last invalid height and time (nLockTime semantics, -1 for none) the transaction's relative locks require,
    /// given the heights of the blocks that created its inputs. Enforced only for version 2+ transactions with
    /// <see cref="ConsensusConstants.LockTimeVerifySequence"/> in <paramref name="flags"/>. Inputs with the disable
    /// flag get their entry in <paramref name="previousHeights"/> set to zero, as Core does.
    /// </summary>
    public static (int MinHeight, long MinTime) CalculateSequenceLocks(Transaction tx, int flags, int[] previousHeights, BlockIndex block)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(previousHeights);
        ArgumentNullException.ThrowIfNull(block);
        if (previousHeights.Length != tx.Inputs.Count)
        {
            throw new ArgumentException("One previous height per input is needed.", nameof(previousHeights));
        }
        int minHeight = -1;
        long minTime = -1;
        bool enforce = tx.Version >= 2 && (flags & ConsensusConstants.LockTimeVerifySequence) != 0;
        if (!enforce) return (minHeight, minTime);

        for (int i = 0; i < tx.Inputs.Count; i++)
        {
            uint sequence = tx.Inputs[i].Sequence.Value;
            if ((sequence & DisableFlag) != 0)
            {
                previousHeights[i] = 0;
                continue;
            }
            int coinHeight = previousHeights[i];
            if ((sequence & TypeFlag) != 0)
            {
                // Time locks count from the median time past of the block before the one holding the coin.
                var ancestor = block.GetAncestor(Math.Max(coinHeight - 1, 0)) ??
                               throw new ArgumentException($"Block has no ancestor at height {coinHeight - 1}.", nameof(block));
                long coinTime = ancestor.GetMedianTimePast();
                minTime = Math.Max(minTime, coinTime + ((long)(sequence & Mask) << Granularity) - 1);
            }
            else
            {
                minHeight = Math.Max(minHeight, coinHeight + (int)(sequence & Mask) - 1);
            }
        }
        return (minHeight, minTime);
    }

    /// <summary>True when locks computed by <see cref="CalculateSequenceLocks"/> are satisfied in <paramref name="block"/> (which must have a predecessor).</summary>
    public static bool EvaluateSequenceLocks(BlockIndex block, (int MinHeight, long MinTime) locks)
    {
        ArgumentNullException.ThrowIfNull(block);
        var previous = block.Previous ?? throw new ArgumentException("The block needs a predecessor.", nameof(block));
        long blockTime = previous.GetMedianTimePast();
        return locks.MinHeight < block.Height && locks.MinTime < blockTime;
    }

    /// <summary>Both steps: whether the transaction's relative locks allow it in <paramref name="block"/>.</summary>
    public static bool CheckSequenceLocks(Transaction tx, int flags, int[] previousHeights, BlockIndex block) =>
        EvaluateSequenceLocks(block, CalculateSequenceLocks(tx, flags, previousHeights, block));
}
