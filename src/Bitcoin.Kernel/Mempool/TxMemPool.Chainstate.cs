using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Mempool.Internal.Accept;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool;

// What the chainstate calls while connecting and disconnecting blocks (Core's CTxMemPool use in validation.cpp).
public sealed partial class TxMemPool : IChainstateMempool
{
    /// <inheritdoc/>
    long IChainstateMempool.MaxSizeBytes => Options.MaxSizeBytes;

    /// <inheritdoc/>
    IReadOnlyList<RemovedMempoolTransactionInfo> IChainstateMempool.RemoveForBlock(Block block, int height) => RemoveForBlock(block.Transactions);

    /// <inheritdoc/>
    void IChainstateMempool.UpdateForReorg(IReadOnlyList<Transaction> disconnected, bool addToMempool) =>
        MaybeUpdateMempoolForReorg(disconnected, addToMempool);

    /// <inheritdoc/>
    void IChainstateMempool.Check(CoinsViewCache coinsTip, int spendHeight) => Check(coinsTip, spendHeight);

    /// <summary>
    /// After blocks were disconnected (Core's MaybeUpdateMempoolForReorg): re-adds their transactions, oldest first,
    /// without fee limits (those that fail take their mempool descendants with them), links them to mempool children,
    /// removes what is no longer final or spends an immature coinbase on the new tip, and trims to size. Called with
    /// the chainstate lock held.
    /// </summary>
    public void MaybeUpdateMempoolForReorg(IReadOnlyList<Transaction> disconnected, bool addToMempool)
    {
        ArgumentNullException.ThrowIfNull(disconnected);
        var chainman = _chainman;
        var readded = new List<uint256>();
        foreach (var tx in disconnected)
        {
            bool accepted = addToMempool && chainman is not null && !tx.IsCoinBase &&
                            AcceptToMemoryPoolUnchecked(chainman, tx, bypassLimits: true, testAccept: false).ResultType == MempoolAcceptResultType.Valid;
            if (!accepted)
            {
                // Whatever spent it in the mempool would be an orphan now.
                RemoveRecursive(tx, MempoolRemovalReason.Reorg);
            }
            else if (Exists(tx.GetHash()))
            {
                readded.Add(tx.GetHash());
            }
        }

        UpdateTransactionsFromBlock(readded);
        if (chainman is null) return;

        lock (chainman.Lock)
        {
            var chain = chainman.ActiveChain;
            var tip = chain.Tip ?? throw new InvalidOperationException("There is no active chain.");
            var coinsTip = chainman.ActiveChainstate.CoinsTip;
            lock (Lock)
            {
                // TRUC rules are not re-checked here: a reorg may leave TRUC shapes the rules would not accept.
                RemoveForReorg(chain, entry =>
                {
                    var tx = entry.Transaction;
                    if (!TxChecks.IsFinalTx(tx, tip.Height + 1, tip.GetMedianTimePast())) return true;
                    var lockPoints = entry.LockPoints;
                    if (lockPoints.MaxInputBlock is null || chain.Contains(lockPoints.MaxInputBlock))
                    {
                        if (!MemPoolAccept.CheckSequenceLocksAtTip(tip, lockPoints)) return true;
                    }
                    else
                    {
                        var view = new CoinsViewMempool(coinsTip, this);
                        var updated = MemPoolAccept.CalculateLockPointsAtTip(tip, view, tx);
                        if (updated is null || !MemPoolAccept.CheckSequenceLocksAtTip(tip, updated)) return true;
                        entry.LockPoints = updated;
                    }
                    if (entry.SpendsCoinbase)
                    {
                        foreach (var input in tx.Inputs)
                        {
                            if (_byTxid.ContainsKey(input.PrevOut.Hash)) continue;
                            var coin = coinsTip.AccessCoin(input.PrevOut);
                            if (coin.IsSpent) throw new InvalidOperationException($"Mempool input {input.PrevOut} is missing from the coins tip.");
                            if (coin.IsCoinbase && tip.Height + 1 - coin.Height < ConsensusConstants.CoinbaseMaturity) return true;
                        }
                    }
                    return false;
                });
                MemPoolAccept.LimitMempoolSize(this, coinsTip);
            }
        }
    }

    /// <summary>Acceptance without the consistency check (Core's AcceptToMemoryPool, as used by reorgs and mempool.dat).</summary>
    internal MempoolAcceptResult AcceptToMemoryPoolUnchecked(ChainstateManager chainman, Transaction tx, bool bypassLimits, bool testAccept, long? acceptTime = null)
    {
        lock (chainman.Lock)
        {
            var coinsToUncache = new List<OutPoint>();
            var args = AcceptArgs.SingleAccept(acceptTime ?? chainman.Options.Clock.GetUtcNow().ToUnixTimeSeconds(), bypassLimits, coinsToUncache, testAccept);
            var result = new MemPoolAccept(this, chainman).AcceptSingleTransactionAndCleanup(tx, args);
            if (result.ResultType != MempoolAcceptResultType.Valid)
            {
                // Do not let rejected transactions grow the coins cache.
                foreach (var outpoint in coinsToUncache) chainman.ActiveChainstate.CoinsTip.Uncache(outpoint);
            }
            chainman.FlushStateToDisk(FlushStateMode.Periodic);
            return result;
        }
    }

    /// <summary>
    /// Core's CTxMemPool::check, run on one call in <see cref="MempoolOptions.CheckRatio"/> (-checkmempool): every
    /// transaction's inputs exist in the coins tip or earlier in mining order, the indexes, links, totals and the
    /// graph agree. Throws <see cref="InvalidOperationException"/> on the first inconsistency (Core asserts).
    /// </summary>
    public void Check(CoinsViewCache coinsTip, int spendHeight)
    {
        ArgumentNullException.ThrowIfNull(coinsTip);
        if (Options.CheckRatio == 0) return;
        if (Options.CheckRatio > 1 && Random.Shared.Next(Options.CheckRatio) >= 1) return;
        lock (Lock)
        {
            Log.Debug(LogCategory.Mempool, $"Checking mempool with {_byTxid.Count} transactions and {_spentBy.Count} inputs");
            _graph.SanityCheck(_byTxid.Values);
            var duplicate = new CoinsViewCache(coinsTip);
            long totalSize = 0, totalFee = 0, totalModified = 0, totalWeight = 0, innerUsage = 0;
            var diagram = GetFeerateDiagram();
            MempoolEntry? last = null;
            foreach (var entry in _graph.InMiningOrder())
            {
                totalSize += entry.VirtualSize;
                totalFee += entry.Fee;
                totalModified += entry.ModifiedFee;
                totalWeight += entry.AdjustedWeight;
                innerUsage += entry.UsageSize;
                var tx = entry.Transaction;
                if (last is not null && Internal.TxGraph.CompareMiningOrder(last, entry) >= 0) Fail("mining order is not strict");
                last = entry;

                var parents = new HashSet<MempoolEntry>(ReferenceEqualityComparer.Instance);
                foreach (var input in tx.Inputs)
                {
                    if (_byTxid.TryGetValue(input.PrevOut.Hash, out var parent))
                    {
                        if (input.PrevOut.N >= parent.Transaction.Outputs.Count) Fail($"{entry.Txid} spends a missing output of {parent.Txid}");
                        parents.Add(parent);
                    }
                    if (!duplicate.HaveCoin(input.PrevOut)) Fail($"{entry.Txid} spends missing coin {input.PrevOut}");
                    if (!_spentBy.TryGetValue(input.PrevOut, out var spender) || !ReferenceEquals(spender, entry)) Fail($"spend index wrong for {input.PrevOut}");
                }
                if (!parents.SetEquals(entry.Parents)) Fail($"graph parents of {entry.Txid} do not match its inputs");
                var children = new HashSet<MempoolEntry>(GetChildren(entry), ReferenceEqualityComparer.Instance);
                if (!children.SetEquals(entry.Children)) Fail($"graph children of {entry.Txid} do not match the spend index");

                var state = new TxValidationState();
                var spent = tx.Inputs.Select(i => duplicate.GetCoin(i.PrevOut)).ToArray();
                if (tx.IsCoinBase || !TxChecks.CheckTxInputs(tx, state, spent, spendHeight, out _)) Fail($"{entry.Txid} fails CheckTxInputs: {state}");
                foreach (var input in tx.Inputs) duplicate.SpendCoin(input.PrevOut);
                duplicate.AddCoins(tx, int.MaxValue);
            }
            foreach (var (outpoint, spender) in _spentBy)
            {
                if (!spender.InMempool) Fail($"spend index of {outpoint} points to a removed transaction");
            }
            if (totalSize != _totalTxSize) Fail("total size mismatch");
            if (totalFee != _totalFee) Fail("total fee mismatch");
            if (innerUsage != _cachedInnerUsage) Fail("inner usage mismatch");
            if (diagram[^1].Fee != totalModified || diagram[^1].Size != totalWeight) Fail("fee rate diagram does not add up");
        }
    }

    private static void Fail(string message)
    {
        Log.Error($"Mempool check failed: {message}");
        throw new InvalidOperationException($"Mempool inconsistency: {message}");
    }
}
