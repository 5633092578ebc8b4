using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.FeeEstimation;

/// <summary>
/// The node's fee rate estimators (Core's FeeRateEstimatorManager): the block policy estimator and the mempool
/// estimator, fed by validation events (register it with <see cref="ValidationSignals.Register"/>). The default
/// estimate is the lower of the two, or the first one's error. Thread-safe.
/// </summary>
public sealed class FeeEstimatorManager : IValidationInterface
{
    /// <summary>How often estimates are written to disk while running (Core's FEE_FLUSH_INTERVAL).</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromHours(1);

    /// <summary>Creates the manager around its two estimators.</summary>
    public FeeEstimatorManager(BlockPolicyEstimator blockPolicy, MempoolFeeRateEstimator mempoolEstimator)
    {
        ArgumentNullException.ThrowIfNull(blockPolicy);
        ArgumentNullException.ThrowIfNull(mempoolEstimator);
        BlockPolicy = blockPolicy;
        MempoolEstimator = mempoolEstimator;
    }

    /// <summary>The block policy estimator (estimaterawfee uses it directly).</summary>
    public BlockPolicyEstimator BlockPolicy { get; }

    /// <summary>The mempool estimator.</summary>
    public MempoolFeeRateEstimator MempoolEstimator { get; }

    /// <summary>The largest target any estimator answers for (1008).</summary>
    public uint MaximumTarget => Math.Max(BlockPolicy.MaximumTarget, MempoolFeeRateEstimator.MaxTarget);

    /// <summary>An estimate from the chosen estimator; <see cref="FeeRateEstimatorType.None"/> combines both.</summary>
    public FeeRateEstimation GetFeeRateEstimate(FeeRateEstimatorType type, int target, bool conservative)
    {
        switch (type)
        {
            case FeeRateEstimatorType.BlockPolicy:
                return BlockPolicy.EstimateFeeRate(target, conservative);
            case FeeRateEstimatorType.MempoolPolicy:
                return MempoolEstimator.EstimateFeeRate(conservative);
            default:
                var blockPolicy = BlockPolicy.EstimateFeeRate(target, conservative);
                if (!blockPolicy.Success)
                {
                    Log.Debug(LogCategory.EstimateFee, blockPolicy.Error!);
                    return blockPolicy;
                }
                var mempool = MempoolEstimator.EstimateFeeRate(conservative);
                if (!mempool.Success)
                {
                    // Reported rather than silently falling back; callers can ask for the block policy estimate.
                    Log.Debug(LogCategory.EstimateFee, mempool.Error!);
                    return mempool;
                }
                var selected = mempool.FeeRate < blockPolicy.FeeRate ? mempool : blockPolicy;
                Log.Debug(LogCategory.EstimateFee,
                    $"Fee rate estimated using {FeeRateEstimation.TypeToString(selected.Estimator)}: target={selected.ReturnedTarget} feerate={selected.FeeRate.FeePerKvB} sat/kvB.");
                return selected;
        }
    }

    /// <summary>Saves both estimators (hourly).</summary>
    public void IntervalFlush()
    {
        BlockPolicy.FlushFeeEstimates();
        MempoolEstimator.FlushMinedBlockStats();
    }

    /// <summary>Saves both at shutdown, counting still-unconfirmed transactions as such.</summary>
    public void ShutdownFlush()
    {
        BlockPolicy.Flush();
        MempoolEstimator.FlushMinedBlockStats();
    }

    /// <inheritdoc/>
    public void TransactionAddedToMempool(NewMempoolTransactionInfo tx, ulong mempoolSequence) => BlockPolicy.ProcessTransaction(tx);

    /// <inheritdoc/>
    public void TransactionRemovedFromMempool(Transaction tx, MempoolRemovalReason reason, ulong mempoolSequence) => BlockPolicy.RemoveTx(tx.GetHash());

    /// <inheritdoc/>
    public void MempoolTransactionsRemovedForBlock(Block block, IReadOnlyList<RemovedMempoolTransactionInfo> removed, int blockHeight)
    {
        BlockPolicy.ProcessBlock(removed, blockHeight);
        MempoolEstimator.MempoolTxsRemovedForBlock(block, removed, blockHeight);
    }
}
