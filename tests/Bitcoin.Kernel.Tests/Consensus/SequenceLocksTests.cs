using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Consensus;

/// <summary>BIP68 relative lock-time rules.</summary>
public class SequenceLocksTests
{
    private static List<BlockIndex> Chain(int length)
    {
        var chain = new List<BlockIndex>();
        for (int h = 0; h < length; h++)
        {
            var entry = new BlockIndex(new uint256((ulong)h + 1), 4, uint256.Zero, (uint)(1_000_000 + (h * 600)), 0x207fffff, 0)
            {
                Height = h,
                Previous = h > 0 ? chain[^1] : null,
            };
            entry.BuildSkip();
            chain.Add(entry);
        }
        return chain;
    }

    private static Transaction Tx(int version, params uint[] sequences)
    {
        var tx = Transaction.Create(Network.RegTest);
        tx.Version = (uint)version;
        foreach (var s in sequences) tx.Inputs.Add(new TxIn(new OutPoint(uint256.One, (uint)tx.Inputs.Count)) { Sequence = s });
        tx.Outputs.Add(new TxOut(Money.Zero, Script.Empty));
        return tx;
    }

    [Fact]
    public void HeightLockIsSatisfiedExactlyAfterTheRelativeDepth()
    {
        var chain = Chain(120);
        var tx = Tx(2, 10);
        // Coin created at height 100: spendable from height 110.
        Assert.False(SequenceLocks.CheckSequenceLocks(tx, ConsensusConstants.LockTimeVerifySequence, [100], chain[109]));
        Assert.True(SequenceLocks.CheckSequenceLocks(tx, ConsensusConstants.LockTimeVerifySequence, [100], chain[110]));
    }

    [Fact]
    public void TimeLockCountsFromTheMedianTimePastBeforeTheCoin()
    {
        var chain = Chain(200);
        var tx = Tx(2, SequenceLocks.TypeFlag | 2); // 2 * 512 seconds
        var locks = SequenceLocks.CalculateSequenceLocks(tx, ConsensusConstants.LockTimeVerifySequence, [100], chain[150]);
        Assert.Equal(chain[99].GetMedianTimePast() + 1024 - 1, locks.MinTime);
        Assert.Equal(-1, locks.MinHeight);
        // Satisfied once the previous block's median time past passes the lock.
        var first = chain.First(b => b.Height > 100 && b.Previous!.GetMedianTimePast() > locks.MinTime);
        Assert.True(SequenceLocks.EvaluateSequenceLocks(first, locks));
        Assert.False(SequenceLocks.EvaluateSequenceLocks(first.Previous!, locks));
    }

    [Fact]
    public void DisabledFlagVersionOneAndMissingFlagIgnoreLocks()
    {
        var chain = Chain(110);
        int[] heights = [100];
        Assert.True(SequenceLocks.CheckSequenceLocks(Tx(2, SequenceLocks.DisableFlag | 50), ConsensusConstants.LockTimeVerifySequence, heights, chain[101]));
        Assert.Equal(0, heights[0]);
        Assert.True(SequenceLocks.CheckSequenceLocks(Tx(1, 50), ConsensusConstants.LockTimeVerifySequence, [100], chain[101]));
        Assert.True(SequenceLocks.CheckSequenceLocks(Tx(2, 50), 0, [100], chain[101]));
    }

    [Fact]
    public void IsFinalTxHonoursHeightTimeAndFinalSequences()
    {
        var tx = Tx(2, 0);
        tx.LockTime = new LockTime(100);
        Assert.False(TxChecks.IsFinalTx(tx, 100, 0));
        Assert.True(TxChecks.IsFinalTx(tx, 101, 0));
        tx.LockTime = new LockTime(500_000_100);
        Assert.False(TxChecks.IsFinalTx(tx, 1, 500_000_100));
        Assert.True(TxChecks.IsFinalTx(tx, 1, 500_000_101));
        tx.Inputs[0].Sequence = Sequence.Final;
        Assert.True(TxChecks.IsFinalTx(tx, 1, 0));
    }
}
