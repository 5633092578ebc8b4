using Bitcoin.Kernel.FeeEstimation;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.FeeEstimation;

/// <summary>
/// The block policy estimator (Core's blockpolicyestimator_tests): transactions of ten fee rates enter every block and
/// higher rates confirm sooner, so estimates for longer targets are lower; quiet blocks keep them, a backlog raises
/// them and prompt confirmation lowers them. Also the saved file round trip and the fee filter rounder.
/// </summary>
public sealed class BlockPolicyEstimatorTests : IDisposable
{
    private const long BaseFee = 2000;
    private const long DeltaFee = 100;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "bpe-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private string FeePath => Path.Combine(_directory, "fees", "block_policy_estimates.dat");

    /// <summary>Core's template: one input with a 128-byte scriptSig, one empty output; made unique by the prevout index.</summary>
    private static Transaction MakeTx(int n)
    {
        var tx = Network.RegTest.CreateTransaction();
        tx.Inputs.Add(new TxIn(new OutPoint(uint256.Zero, (uint)n), Script.FromBytesUnsafe(Enumerable.Repeat((byte)'X', 128).ToArray())));
        tx.Outputs.Add(new TxOut(Money.Zero, Script.Empty));
        return tx;
    }

    private static long VirtualSize(Transaction tx) => StandardPolicy.GetVirtualTransactionSize(tx);

    private static void Add(BlockPolicyEstimator estimator, Transaction tx, long fee, int height) =>
        estimator.ProcessTransaction(new NewMempoolTransactionInfo(tx, fee, VirtualSize(tx), height,
            MempoolLimitBypassed: false, SubmittedInPackage: false, ChainstateIsCurrent: true, HasNoMempoolParents: true));

    [Fact]
    public void EstimatesFollowHowSoonEachFeeRateConfirms()
    {
        var estimator = new BlockPolicyEstimator(FeePath, readStaleEstimates: false);
        long[] fees = Enumerable.Range(1, 10).Select(j => BaseFee * j).ToArray();
        var mempool = Enumerable.Range(0, 10).Select(_ => new List<RemovedMempoolTransactionInfo>()).ToArray();
        long baseRate = TxFeeRate.FromFee(BaseFee, VirtualSize(MakeTx(0))).FeePerKvB;
        var block = new List<RemovedMempoolTransactionInfo>();
        int blocknum = 0;

        void AddRound(bool keep)
        {
            for (int j = 0; j < 10; j++)
            {
                for (int k = 0; k < 4; k++)
                {
                    var tx = MakeTx(10000 * blocknum + 100 * j + k);
                    Add(estimator, tx, fees[j], blocknum);
                    var info = new RemovedMempoolTransactionInfo(tx, fees[j], VirtualSize(tx), blocknum);
                    if (keep) mempool[j].Add(info);
                    else block.Add(info);
                }
            }
        }

        // 200 blocks: the highest rate confirms in every block, the next in 9 of 10, ..., the lowest in 1 of 10.
        while (blocknum < 200)
        {
            AddRound(keep: true);
            for (int h = 0; h <= blocknum % 10; h++)
            {
                block.AddRange(Enumerable.Reverse(mempool[9 - h]));
                mempool[9 - h].Clear();
            }
            estimator.ProcessBlock(block, ++blocknum);
            block.Clear();
            if (blocknum == 3)
            {
                // Three buckets must be combined: a target of 1 never answers, 2 gives about 9 times the base rate.
                Assert.Equal(TxFeeRate.Zero, estimator.EstimateFee(1));
                Assert.InRange(estimator.EstimateFee(2).FeePerKvB, 9 * baseRate - DeltaFee + 1, 9 * baseRate + DeltaFee - 1);
            }
        }

        var original = new List<long>();
        for (int i = 1; i < 10; i++)
        {
            original.Add(estimator.EstimateFee(i).FeePerKvB);
            if (i > 2) Assert.True(original[i - 1] <= original[i - 2], "estimates decrease with the target");
            int mult = 11 - i;
            if (i % 2 == 0) Assert.InRange(original[i - 1], mult * baseRate - DeltaFee + 1, mult * baseRate + DeltaFee - 1);
        }
        for (int i = 10; i <= 48; i++) original.Add(estimator.EstimateFee(i).FeePerKvB);

        // 50 empty blocks: not enough decay to lose the data, so the estimates stay.
        while (blocknum < 250) estimator.ProcessBlock(block, ++blocknum);
        Assert.Equal(TxFeeRate.Zero, estimator.EstimateFee(1));
        for (int i = 2; i < 10; i++)
            Assert.InRange(estimator.EstimateFee(i).FeePerKvB, original[i - 1] - DeltaFee + 1, original[i - 1] + DeltaFee - 1);

        // 15 blocks of transactions that do not confirm: estimates go up (or fail).
        while (blocknum < 265)
        {
            AddRound(keep: true);
            estimator.ProcessBlock(block, ++blocknum);
        }
        for (int i = 1; i < 10; i++)
        {
            long estimate = estimator.EstimateFee(i).FeePerKvB;
            Assert.True(estimate == 0 || estimate > original[i - 1] - DeltaFee, $"target {i}: {estimate}");
        }

        // All of them confirm at once: still not below the original estimates.
        for (int j = 0; j < 10; j++)
        {
            block.AddRange(Enumerable.Reverse(mempool[j]));
            mempool[j].Clear();
        }
        estimator.ProcessBlock(block, ++blocknum);
        block.Clear();
        Assert.Equal(TxFeeRate.Zero, estimator.EstimateFee(1));
        for (int i = 2; i < 10; i++)
        {
            long estimate = estimator.EstimateFee(i).FeePerKvB;
            Assert.True(estimate == 0 || estimate > original[i - 1] - DeltaFee, $"target {i}: {estimate}");
        }

        // 400 blocks where everything confirms at once: estimates fall below the original ones.
        while (blocknum < 665)
        {
            AddRound(keep: false);
            estimator.ProcessBlock(block, ++blocknum);
            block.Clear();
        }
        Assert.Equal(TxFeeRate.Zero, estimator.EstimateFee(1));
        for (int i = 2; i < 9; i++) Assert.True(estimator.EstimateFee(i).FeePerKvB < original[i - 1] - DeltaFee, $"target {i}");

        // The saved file gives back the same estimates.
        estimator.FlushFeeEstimates();
        var reloaded = new BlockPolicyEstimator(FeePath, readStaleEstimates: false);
        for (int i = 1; i <= 48; i++) Assert.Equal(estimator.EstimateFee(i), reloaded.EstimateFee(i));
        for (int target = 1; target <= 100; target += 7)
        {
            Assert.Equal(estimator.EstimateSmartFee(target, conservative: true, out var a), reloaded.EstimateSmartFee(target, conservative: true, out var b));
            Assert.Equal(a.ReturnedTarget, b.ReturnedTarget);
            Assert.Equal(a.Reason, b.Reason);
        }
        Assert.Equal(estimator.MaximumTarget, reloaded.MaximumTarget);
    }

    [Fact]
    public void TransactionsNotFitForEstimationAreNotTracked()
    {
        var estimator = new BlockPolicyEstimator(FeePath, readStaleEstimates: false);
        estimator.ProcessBlock([], 1);
        var tx = MakeTx(1);
        // In a package, with mempool parents, bypassing limits or while the chain is not current: untracked.
        estimator.ProcessTransaction(new NewMempoolTransactionInfo(tx, 5000, VirtualSize(tx), 1, false, true, true, true));
        estimator.ProcessTransaction(new NewMempoolTransactionInfo(tx, 5000, VirtualSize(tx), 1, false, false, true, false));
        estimator.ProcessTransaction(new NewMempoolTransactionInfo(tx, 5000, VirtualSize(tx), 1, true, false, true, true));
        estimator.ProcessTransaction(new NewMempoolTransactionInfo(tx, 5000, VirtualSize(tx), 1, false, false, false, true));
        Assert.False(estimator.RemoveTx(tx.GetHash()));
        // At another height than the estimator's: untracked.
        estimator.ProcessTransaction(new NewMempoolTransactionInfo(tx, 5000, VirtualSize(tx), 7, false, false, true, true));
        Assert.False(estimator.RemoveTx(tx.GetHash()));
        Add(estimator, tx, 5000, 1);
        Assert.True(estimator.RemoveTx(tx.GetHash()));
        Assert.False(estimator.RemoveTx(tx.GetHash()));
    }

    [Fact]
    public void CorruptOrNewerFilesAreIgnored()
    {
        var estimator = new BlockPolicyEstimator(FeePath, readStaleEstimates: false);
        using (var stream = new MemoryStream())
        {
            estimator.Write(stream);
            var bytes = stream.ToArray();
            Assert.Equal(BlockPolicyEstimator.CurrentFeesFileVersion, BitConverter.ToInt32(bytes, 0));
            BitConverter.GetBytes(BlockPolicyEstimator.CurrentFeesFileVersion + 1).CopyTo(bytes, 0);
            Assert.False(estimator.Read(new MemoryStream(bytes)));
            BitConverter.GetBytes(BlockPolicyEstimator.CurrentFeesFileVersion).CopyTo(bytes, 0);
            Assert.False(estimator.Read(new MemoryStream(bytes[..40])));
            Assert.True(estimator.Read(new MemoryStream(bytes)));
        }
        Assert.Equal(1008u, estimator.MaximumTarget);
        Assert.Equal(12u, estimator.HighestTargetTracked(FeeEstimateHorizon.ShortHalfLife));
        Assert.Equal(48u, estimator.HighestTargetTracked(FeeEstimateHorizon.MedHalfLife));
    }

    [Fact]
    public void StaleFilesAreReadOnlyWhenAccepted()
    {
        var estimator = new BlockPolicyEstimator(FeePath, readStaleEstimates: false);
        estimator.ProcessBlock([], 500);
        estimator.FlushFeeEstimates();
        var old = File.GetLastWriteTimeUtc(FeePath) + TimeSpan.FromHours(61);
        // A file older than 60 hours starts the estimator from scratch, unless stale estimates are accepted.
        Assert.Equal(TxFeeRate.Zero, new BlockPolicyEstimator(FeePath, false, old).EstimateRawFee(2, 0.95, FeeEstimateHorizon.MedHalfLife, out var fresh));
        var tx = MakeTx(3);
        var fromScratch = new BlockPolicyEstimator(FeePath, false, old);
        Add(fromScratch, tx, 1000, 500);
        Assert.False(fromScratch.RemoveTx(tx.GetHash()));
        var stale = new BlockPolicyEstimator(FeePath, true, old);
        Add(stale, tx, 1000, 500);
        Assert.True(stale.RemoveTx(tx.GetHash()));
    }

    [Fact]
    public void FeeFilterRounderQuantizesByTenPercentSteps()
    {
        var rounder = new FeeFilterRounder(1000, new Random(1));
        var results = new SortedSet<long>();
        while (results.Count < 2) results.Add(rounder.Round(1000));
        Assert.Equal([974, 1071], results);
        Assert.Equal(0, rounder.Round(-0));
        Assert.Equal(0, rounder.Round(-1));
        Assert.Equal(9170997, rounder.Round(Money.Satoshis(21_000_000L * 100_000_000).Satoshi));
    }

    [Fact]
    public void EstimatorTypeNames()
    {
        Assert.Equal("none", FeeRateEstimation.TypeToString(FeeRateEstimatorType.None));
        Assert.Equal("block_policy", FeeRateEstimation.TypeToString(FeeRateEstimatorType.BlockPolicy));
        Assert.Equal("mempool_policy", FeeRateEstimation.TypeToString(FeeRateEstimatorType.MempoolPolicy));
        Assert.Equal(FeeRateEstimatorType.BlockPolicy, FeeRateEstimation.TypeFromString("block_policy"));
        Assert.Equal(FeeRateEstimatorType.MempoolPolicy, FeeRateEstimation.TypeFromString("mempool_policy"));
        Assert.Equal(FeeRateEstimatorType.None, FeeRateEstimation.TypeFromString("unknown"));
    }
}
