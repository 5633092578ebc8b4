using Bitcoin.Interfaces;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Policy;
using Bitcoin.Node.Mempool;
using NBitcoin;
using KernelRbfState = Bitcoin.Kernel.Policy.RbfTransactionState;

namespace Bitcoin.Node.Interfaces.Internal;

internal sealed partial class ChainImpl
{
    // Core's DEFAULT_MIN_RELAY_TX_FEE, DEFAULT_INCREMENTAL_RELAY_FEE and DUST_RELAY_TX_FEE, answered without a mempool.
    private static readonly MempoolOptions DefaultMempoolOptions = new();

    private TxMemPool? Mempool => _node.Mempool;

    /// <inheritdoc/>
    public IReadOnlyDictionary<OutPoint, ChainCoin> FindCoins(IReadOnlyList<OutPoint> outpoints)
    {
        ArgumentNullException.ThrowIfNull(outpoints);
        var chainman = Chainman;
        var result = new Dictionary<OutPoint, ChainCoin>();
        var mempool = Mempool;
        lock (chainman.Lock)
        {
            var tip = chainman.ActiveChainstate.CoinsTip;
            if (mempool is null)
            {
                foreach (var outpoint in outpoints)
                {
                    if (chainman.GetUnspentCoin(outpoint) is { IsSpent: false } coin)
                        result[outpoint] = new ChainCoin(coin.Output, coin.Height, coin.IsCoinbase);
                }

                return result;
            }

            lock (mempool.Lock)
            {
                var view = new CoinsViewMempool(tip, mempool);
                foreach (var outpoint in outpoints)
                {
                    if (view.GetCoin(outpoint) is { IsSpent: false } coin)
                        result[outpoint] = new ChainCoin(coin.Output, coin.Height, coin.IsCoinbase);
                }
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public Bitcoin.Interfaces.RbfTransactionState IsRbfOptIn(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var mempool = Mempool;
        if (mempool is null)
        {
            // Without a mempool only the transaction itself can be looked at.
            return RbfPolicy.SignalsOptInRbf(tx) ? Bitcoin.Interfaces.RbfTransactionState.ReplaceableBip125 : Bitcoin.Interfaces.RbfTransactionState.Unknown;
        }

        return RbfPolicy.IsRbfOptIn(tx, mempool) switch
        {
            KernelRbfState.ReplaceableBip125 => Bitcoin.Interfaces.RbfTransactionState.ReplaceableBip125,
            KernelRbfState.Final => Bitcoin.Interfaces.RbfTransactionState.Final,
            _ => Bitcoin.Interfaces.RbfTransactionState.Unknown,
        };
    }

    /// <inheritdoc/>
    public bool IsInMempool(uint256 txid) => Mempool?.Exists(txid) ?? false;

    /// <inheritdoc/>
    public bool HasDescendantsInMempool(uint256 txid) => Mempool?.HasDescendants(txid) ?? false;

    /// <inheritdoc/>
    public bool BroadcastTransaction(Transaction tx, Money maxTxFee, TxBroadcastMethod method, out string error)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(maxTxFee);
        if (Mempool is null)
        {
            error = "The node has no mempool";
            return false;
        }

        if (method == TxBroadcastMethod.NoMempoolPrivateBroadcast)
        {
            error = "Private broadcast is not supported by this node";
            return false;
        }

        // Clients only care whether the mempool took it; other outcomes (already confirmed) are failures to them.
        var result = TransactionBroadcast.Broadcast(_node, tx, maxTxFee.Satoshi, relay: method == TxBroadcastMethod.MempoolAndBroadcastToAll,
            waitCallback: false, out error);
        return result == TransactionError.Ok;
    }

    /// <inheritdoc/>
    public void GetTransactionAncestry(uint256 txid, out long ancestors, out long clusterCount, out long ancestorSize, out Money ancestorFees)
    {
        ancestors = clusterCount = ancestorSize = 0;
        ancestorFees = Money.Zero;
        if (Mempool is not { } mempool) return;
        var (a, c, size, fees) = mempool.GetTransactionAncestry(txid);
        ancestors = a;
        clusterCount = c;
        ancestorSize = size;
        ancestorFees = Money.Satoshis(fees);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<OutPoint, Money> CalculateIndividualBumpFees(IReadOnlyList<OutPoint> outpoints, FeeRate targetFeeRate)
    {
        ArgumentNullException.ThrowIfNull(outpoints);
        ArgumentNullException.ThrowIfNull(targetFeeRate);
        if (Mempool is not { } mempool) return outpoints.Distinct().ToDictionary(o => o, _ => Money.Zero);
        return new MiniMiner(mempool, outpoints).CalculateBumpFees(targetFeeRate.FeePerK.Satoshi)
            .ToDictionary(p => p.Key, p => Money.Satoshis(p.Value));
    }

    /// <inheritdoc/>
    public Money? CalculateCombinedBumpFee(IReadOnlyList<OutPoint> outpoints, FeeRate targetFeeRate)
    {
        ArgumentNullException.ThrowIfNull(outpoints);
        ArgumentNullException.ThrowIfNull(targetFeeRate);
        if (Mempool is not { } mempool) return Money.Zero;
        return new MiniMiner(mempool, outpoints).CalculateTotalBumpFees(targetFeeRate.FeePerK.Satoshi) is { } fee ? Money.Satoshis(fee) : null;
    }

    /// <inheritdoc/>
    public void GetPackageLimits(out uint ancestorCount, out uint descendantCount)
    {
        var limits = Mempool?.Options.Limits ?? DefaultMempoolOptions.Limits;
        ancestorCount = (uint)Math.Clamp(limits.AncestorCount, 0, uint.MaxValue);
        descendantCount = (uint)Math.Clamp(limits.DescendantCount, 0, uint.MaxValue);
    }

    /// <inheritdoc/>
    public BilingualString? CheckChainLimits(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (Mempool is not { } mempool) return null;
        return mempool.CheckPolicyLimits(tx) ? null : BilingualString.Untranslated("too many unconfirmed transactions in cluster");
    }

    /// <inheritdoc/>
    public FeeRateEstimate GetFeeRateEstimate(int numBlocks, bool conservative)
    {
        // Without an estimator (-blocksonly style set-ups, tests) Core answers an error with no reason and no target.
        if (_node.FeeEstimator is not { } estimator) return new FeeRateEstimate(FeeRateEstimatorType.None, Money.Zero, 0, 0, "");
        var estimate = estimator.GetFeeRateEstimate(Kernel.FeeEstimation.FeeRateEstimatorType.None, numBlocks, conservative);
        var type = estimate.Estimator switch
        {
            Kernel.FeeEstimation.FeeRateEstimatorType.BlockPolicy => FeeRateEstimatorType.BlockPolicy,
            Kernel.FeeEstimation.FeeRateEstimatorType.MempoolPolicy => FeeRateEstimatorType.MempoolPolicy,
            _ => FeeRateEstimatorType.None,
        };
        if (!estimate.Success) return new FeeRateEstimate(type, Money.Zero, 0, estimate.ReturnedTarget, estimate.Error);
        var ratio = estimate.FeeRate.PerVirtualSize;
        return new FeeRateEstimate(type, Money.Satoshis(ratio.Fee), ratio.Size, estimate.ReturnedTarget, null);
    }

    /// <inheritdoc/>
    public uint MaximumFeeEstimationTargetBlocks() => _node.FeeEstimator?.MaximumTarget ?? 0;

    /// <inheritdoc/>
    public FeeRate MempoolMinFee() => Mempool is { } mempool ? ToFeeRate(mempool.GetMinFee()) : new FeeRate(Money.Zero);

    /// <inheritdoc/>
    public FeeRate RelayMinFee() => ToFeeRate((Mempool?.Options ?? DefaultMempoolOptions).MinRelayFeeRate);

    /// <inheritdoc/>
    public FeeRate RelayIncrementalFee() => ToFeeRate((Mempool?.Options ?? DefaultMempoolOptions).IncrementalRelayFeeRate);

    /// <inheritdoc/>
    public FeeRate RelayDustFee() => ToFeeRate((Mempool?.Options ?? DefaultMempoolOptions).DustRelayFeeRate);

    private static FeeRate ToFeeRate(TxFeeRate rate) => new(Money.Satoshis(rate.FeePerKvB));

    /// <inheritdoc/>
    public void RequestMempoolTransactions(IChainNotifications notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        if (Mempool is not { } mempool) return;
        List<Transaction> transactions;
        var chainman = Chainman;
        lock (chainman.Lock)
        lock (mempool.Lock)
            transactions = mempool.EntriesInMiningOrder().Select(e => e.Transaction).ToList();
        foreach (var tx in transactions)
            notifications.TransactionAddedToMempool(tx);
    }
}
