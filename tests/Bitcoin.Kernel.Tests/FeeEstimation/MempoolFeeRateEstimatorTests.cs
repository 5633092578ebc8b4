using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.FeeEstimation;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Policy;
using Bitcoin.Kernel.Tests.Mempool.Support;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.FeeEstimation;

/// <summary>
/// The next-block estimator from the mempool (Core's mempool_fee_estimator_tests): weight percentiles of template
/// chunks, the health window of recent blocks (coverage, low activity, reorgs and height gaps), the floor for a sparse
/// mempool and the seven-second cache.
/// </summary>
public sealed class MempoolFeeRateEstimatorTests : IDisposable
{
    private const long BlockWeight = ConsensusConstants.MaxBlockWeight;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mpe-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private string EstimatorPath => Path.Combine(_directory, "fees", "mempool_policy_estimator.dat");

    private static Transaction RandomTx()
    {
        var tx = Network.RegTest.CreateTransaction();
        tx.Inputs.Add(new TxIn(new OutPoint(RandomUtils.GetUInt256(), 0), new Script(OpcodeType.OP_TRUE)));
        tx.Outputs.Add(new TxOut(Money.Coins(1), new Script(OpcodeType.OP_TRUE)));
        return tx;
    }

    /// <summary>Core's AddRemovedBlock: a block of about <paramref name="blockTxsWeight"/> of which the mempool held <paramref name="removedTxsWeight"/>.</summary>
    private static void AddRemovedBlock(MempoolFeeRateEstimator estimator, long removedTxsWeight, long blockTxsWeight, ref int height)
    {
        var block = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
        block.Transactions.Add(RandomTx());
        var removed = new List<RemovedMempoolTransactionInfo>();
        while (blockTxsWeight > 0)
        {
            var tx = RandomTx();
            long weight = TxChecks.GetTransactionWeight(tx);
            if (blockTxsWeight - weight < 0) break;
            block.Transactions.Add(tx);
            blockTxsWeight -= weight;
            if (removedTxsWeight - weight >= 0)
            {
                removed.Add(new RemovedMempoolTransactionInfo(tx, 0, StandardPolicy.GetVirtualTransactionSize(tx), height));
                removedTxsWeight -= weight;
            }
        }
        estimator.MempoolTxsRemovedForBlock(block, removed, height);
        height++;
    }

    private static bool Healthy(MempoolFeeRateEstimator estimator) => estimator.HealthError() is null;

    [Fact]
    public void PercentilesAreTheChunkRatesAtHalfAndThreeQuartersOfABlock()
    {
        var empty = MempoolFeeRateEstimator.CalculateMaxWeightPercentiles([]);
        Assert.True(empty.P50.IsEmpty);
        Assert.True(empty.P75.IsEmpty);

        const int chunks = 10;
        int size = (int)(BlockWeight / ConsensusConstants.WitnessScaleFactor) / chunks;
        var superHigh = new FeeFrac(500L * size, size);
        var high = new FeeFrac(100L * size, size);
        var medium = new FeeFrac(50L * size, size);
        var low = new FeeFrac(10L * size, size);
        var rates = new List<FeeFrac>();
        for (int i = 0; i < chunks; i++)
        {
            if (i < 3) rates.Add(superHigh);
            else if (i < 5) rates.Add(high);
            else if (i < 8)
            {
                rates.Add(medium);
                if (i < 7)
                {
                    // Half a block is covered but not three quarters: only the conservative percentile.
                    var partial = MempoolFeeRateEstimator.CalculateMaxWeightPercentiles(rates);
                    Assert.Equal(high, partial.P50);
                    Assert.True(partial.P75.IsEmpty);
                }
            }
            else rates.Add(low);
        }
        var (p50, p75) = MempoolFeeRateEstimator.CalculateMaxWeightPercentiles(rates);
        Assert.Equal(high, p50);
        Assert.Equal(medium, p75);
        Assert.True(FeeFrac.CompareRatio(p50, p75) > 0);
    }

    [Fact]
    public void HealthNeedsSixContiguousBlocksMostlyFromTheMempool()
    {
        using var node = new MempoolNode(blocks: 1);
        IReadOnlyList<FeeFrac>? chunks = [];
        var estimator = new MempoolFeeRateEstimator(EstimatorPath, node.Mempool, node.Chainman, () => chunks);
        Assert.Equal(2, MempoolFeeRateEstimator.MaxTarget);

        // Before the mempool is loaded there is no estimate.
        node.Mempool.LoadTried = false;
        var unloaded = estimator.EstimateFeeRate(conservative: true);
        Assert.False(unloaded.Success);
        Assert.Equal("mempool_policy: Mempool not loaded yet, no fee rate estimate available", unloaded.Error);
        node.Mempool.LoadTried = true;
        Assert.False(Healthy(estimator));
        Assert.Equal("mempool_policy: Not enough recent block data for fee rate estimation", estimator.EstimateFeeRate(true).Error);

        // Below one block of activity across the window, poor coverage is too noisy to count.
        {
            var custom = new MempoolFeeRateEstimator(EstimatorPath, node.Mempool, node.Chainman, () => chunks);
            int customHeight = 100;
            for (int i = 1; i < MempoolFeeRateEstimator.HealthWindowBlocks; i++)
            {
                AddRemovedBlock(custom, 0, 0, ref customHeight);
                Assert.False(Healthy(custom));
            }
            AddRemovedBlock(custom, 500, 1000, ref customHeight);
            Assert.True(Healthy(custom));
        }

        const long weight = BlockWeight / 2;
        int height = 100;
        for (int count = 1; count <= MempoolFeeRateEstimator.HealthWindowBlocks; count++)
        {
            AddRemovedBlock(estimator, weight, weight, ref height);
            if (count < MempoolFeeRateEstimator.HealthWindowBlocks) Assert.False(Healthy(estimator));
        }
        Assert.True(Healthy(estimator)); // coverage 100%
        AddRemovedBlock(estimator, weight / 2, weight, ref height);
        Assert.True(Healthy(estimator)); // ~92%
        AddRemovedBlock(estimator, 0, 0, ref height);
        Assert.True(Healthy(estimator)); // 90%
        AddRemovedBlock(estimator, weight / 2, weight, ref height);
        Assert.True(Healthy(estimator)); // 80%
        AddRemovedBlock(estimator, weight / 2, weight, ref height);
        Assert.False(Healthy(estimator)); // 70%
        Assert.Equal("mempool_policy: Mempool is unreliable for fee rate estimation", estimator.EstimateFeeRate(false).Error);
        for (int count = 1; count <= 3; count++)
        {
            AddRemovedBlock(estimator, weight, weight, ref height);
            if (count < 3) Assert.False(Healthy(estimator));
        }
        Assert.True(Healthy(estimator)); // 80%

        // Replacing the tip keeps a full window.
        height -= 1;
        AddRemovedBlock(estimator, weight, weight, ref height);
        Assert.True(Healthy(estimator));
        // Reorging two blocks away leaves too few until the new chain catches up.
        height -= 2;
        AddRemovedBlock(estimator, weight, weight, ref height);
        Assert.False(Healthy(estimator));
        AddRemovedBlock(estimator, weight, weight, ref height);
        Assert.True(Healthy(estimator));
        // A forward gap resets the window.
        height += 3;
        AddRemovedBlock(estimator, weight, weight, ref height);
        Assert.False(Healthy(estimator));
        for (int i = 1; i < MempoolFeeRateEstimator.HealthWindowBlocks; i++)
        {
            AddRemovedBlock(estimator, weight, weight, ref height);
            if (i < MempoolFeeRateEstimator.HealthWindowBlocks - 1) Assert.False(Healthy(estimator));
        }
        Assert.True(Healthy(estimator));

        // An empty mempool gives the floor: the higher of the minimum relay rate and the mempool's minimum fee.
        var floor = TxFeeRate.Max(node.Mempool.Options.MinRelayFeeRate, node.Mempool.GetMinFee());
        var result = estimator.EstimateFeeRate(conservative: true);
        Assert.True(result.Success);
        Assert.Equal(floor, result.FeeRate);
        Assert.Equal(FeeRateEstimatorType.MempoolPolicy, result.Estimator);
        Assert.Equal(2, result.ReturnedTarget);

        // Chunks filling three quarters of a block: the conservative estimate is the median rate, the economical one
        // the 75th percentile; a fresh cached answer survives template changes for seven seconds.
        int size = (int)(BlockWeight / ConsensusConstants.WitnessScaleFactor) / 4;
        chunks = [new FeeFrac(100L * size, size), new FeeFrac(50L * size, size), new FeeFrac(10L * size, size)];
        node.Clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(TxFeeRate.FromFeeFrac(new FeeFrac(50L * size, size)), estimator.EstimateFeeRate(true).FeeRate);
        Assert.Equal(TxFeeRate.FromFeeFrac(new FeeFrac(10L * size, size)), estimator.EstimateFeeRate(false).FeeRate);
        chunks = [new FeeFrac(500L * size, size), new FeeFrac(100L * size, size), new FeeFrac(50L * size, size)];
        Assert.Equal(TxFeeRate.FromFeeFrac(new FeeFrac(10L * size, size)), estimator.EstimateFeeRate(false).FeeRate);
        node.Clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(TxFeeRate.FromFeeFrac(new FeeFrac(100L * size, size)), estimator.EstimateFeeRate(true).FeeRate);
        Assert.Equal(TxFeeRate.FromFeeFrac(new FeeFrac(50L * size, size)), estimator.EstimateFeeRate(false).FeeRate);

        // Only half a block: the economical estimate falls back to the floor.
        chunks = [new FeeFrac(100L * size, size), new FeeFrac(50L * size, size)];
        node.Clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(TxFeeRate.FromFeeFrac(new FeeFrac(50L * size, size)), estimator.EstimateFeeRate(true).FeeRate);
        Assert.Equal(floor, estimator.EstimateFeeRate(false).FeeRate);

        // A failed template is reported.
        chunks = null;
        node.Clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal("mempool_policy: Failed to create block template for fee rate estimation", estimator.EstimateFeeRate(true).Error);
    }

    [Fact]
    public void SavedStatsAreReadOnlyWhenTheyEndAtTheActiveTip()
    {
        using var node = new MempoolNode(blocks: 10);
        var estimator = new MempoolFeeRateEstimator(EstimatorPath, node.Mempool, node.Chainman, () => []);
        var blocks = node.Node.MineBlocks(6);
        int first = node.Chainman.ActiveTip!.Height - 5;
        for (int i = 0; i < blocks.Count; i++) estimator.MempoolTxsRemovedForBlock(blocks[i], [], first + i);
        Assert.Equal(6, estimator.GetPrevBlockData().Count);
        estimator.FlushMinedBlockStats();
        Assert.Equal(6, new MempoolFeeRateEstimator(EstimatorPath, node.Mempool, node.Chainman, () => []).GetPrevBlockData().Count);

        // Once the chain moved on, the saved window no longer ends at the tip and is ignored.
        node.Node.MineBlocks(1);
        Assert.Empty(new MempoolFeeRateEstimator(EstimatorPath, node.Mempool, node.Chainman, () => []).GetPrevBlockData());
    }
}
