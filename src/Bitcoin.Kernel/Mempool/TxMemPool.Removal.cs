using System.Globalization;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool;

// Removing transactions: with descendants, for blocks and conflicts, for reorgs, by expiry and by size.
public sealed partial class TxMemPool
{
    /// <summary>
    /// Removes <paramref name="tx"/> and its descendants (Core's removeRecursive). When the transaction itself is not
    /// in the mempool, mempool transactions spending its outputs are removed with their descendants.
    /// </summary>
    public void RemoveRecursive(Transaction tx, MempoolRemovalReason reason)
    {
        ArgumentNullException.ThrowIfNull(tx);
        lock (Lock)
        {
            EnsureNoChangeSet();
            var txid = tx.GetHash();
            IEnumerable<MempoolEntry> roots;
            if (_byTxid.TryGetValue(txid, out var entry))
            {
                roots = [entry];
            }
            else
            {
                var spenders = new List<MempoolEntry>();
                for (int i = 0; i < tx.Outputs.Count; i++)
                {
                    if (_spentBy.TryGetValue(new OutPoint(txid, i), out var spender)) spenders.Add(spender);
                }
                roots = spenders;
            }
            foreach (var descendant in DescendantsUnion(roots)) RemoveUnchecked(descendant, reason);
            FlushGraphRemovals();
        }
    }

    /// <summary>
    /// A block was connected: removes its transactions (reason Block) and mempool transactions conflicting with them
    /// with their descendants (reason Conflict), clears fee deltas of both, and lets the rolling minimum fee decay
    /// again (Core's removeForBlock). Returns what was removed for being in the block.
    /// </summary>
    public List<RemovedMempoolTransactionInfo> RemoveForBlock(IReadOnlyList<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        lock (Lock)
        {
            EnsureNoChangeSet();
            var removed = new List<RemovedMempoolTransactionInfo>();
            if (_byTxid.Count > 0 || _spentBy.Count > 0 || _deltas.Count > 0)
            {
                foreach (var tx in transactions)
                {
                    var txid = tx.GetHash();
                    if (_byTxid.TryGetValue(txid, out var entry))
                    {
                        removed.Add(new RemovedMempoolTransactionInfo(entry.Transaction, entry.Fee, entry.VirtualSize, entry.Height));
                        RemoveUnchecked(entry, MempoolRemovalReason.Block);
                    }
                    RemoveConflicts(tx);
                    ClearPrioritisation(txid);
                }
                FlushGraphRemovals();
            }
            _lastRollingFeeUpdate = Now();
            _blockSinceLastRollingFeeBump = true;
            return removed;
        }
    }

    /// <summary>
    /// After a reorg, removes transactions (and descendants) for which <paramref name="invalidAtTip"/> returns true:
    /// no longer final or spending an immature coinbase (Core's removeForReorg). The predicate may update lock points.
    /// </summary>
    public void RemoveForReorg(ActiveChain chain, Func<MempoolEntry, bool> invalidAtTip)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(invalidAtTip);
        lock (Lock)
        {
            EnsureNoChangeSet();
            var toRemove = _byTxid.Values.Where(invalidAtTip).ToList();
            foreach (var entry in DescendantsUnion(toRemove)) RemoveUnchecked(entry, MempoolRemovalReason.Reorg);
            FlushGraphRemovals();
            foreach (var entry in _byTxid.Values)
            {
                if (entry.LockPoints.MaxInputBlock is { } block && !chain.Contains(block))
                    throw new InvalidOperationException($"Lock points of {entry.Txid} are not valid on the new chain.");
            }
        }
    }

    /// <summary>Removes transactions that entered before <paramref name="cutoff"/> (Unix seconds) and their descendants; returns how many went.</summary>
    public int Expire(long cutoff)
    {
        lock (Lock)
        {
            EnsureNoChangeSet();
            var old = new List<MempoolEntry>();
            foreach (var entry in _byTime)
            {
                if (entry.Time >= cutoff) break;
                old.Add(entry);
            }
            if (old.Count == 0) return 0;
            var stage = DescendantsUnion(old);
            foreach (var entry in stage) RemoveUnchecked(entry, MempoolRemovalReason.Expiry);
            FlushGraphRemovals();
            return stage.Count;
        }
    }

    /// <summary>
    /// Evicts the worst chunks (lowest fee rate in mining order) until the memory use is at most
    /// <paramref name="sizeLimit"/>, raising the rolling minimum fee to each evicted chunk's rate plus the incremental
    /// relay fee (Core's TrimToSize). Outpoints spent only by evicted transactions and not created by the mempool go
    /// to <paramref name="noSpendsRemaining"/>, so the caller can drop them from the coins cache.
    /// </summary>
    public void TrimToSize(long sizeLimit, List<OutPoint>? noSpendsRemaining = null)
    {
        lock (Lock)
        {
            EnsureNoChangeSet();
            int removedCount = 0;
            var maxRemoved = Policy.TxFeeRate.Zero;
            while (_byTxid.Count > 0 && DynamicMemoryUsage > sizeLimit)
            {
                var chunk = _graph.WorstChunk!;
                // The chunk's rate per (rounded-up) virtual byte, plus the incremental relay fee.
                var removedRate = Policy.TxFeeRate.FromFee(chunk.Rate.Fee, (chunk.Rate.Size + 3) / 4).Add(Options.IncrementalRelayFeeRate);
                TrackPackageRemoved(removedRate);
                maxRemoved = Policy.TxFeeRate.Max(maxRemoved, removedRate);
                // The last chunk of its cluster has no descendants outside itself; remove children first.
                var entries = chunk.Entries.Reverse().ToList();
                removedCount += entries.Count;
                foreach (var entry in entries) RemoveUnchecked(entry, MempoolRemovalReason.SizeLimit);
                FlushGraphRemovals();
                if (noSpendsRemaining is not null)
                {
                    foreach (var entry in entries)
                    {
                        foreach (var input in entry.Transaction.Inputs)
                        {
                            if (!_byTxid.ContainsKey(input.PrevOut.Hash)) noSpendsRemaining.Add(input.PrevOut);
                        }
                    }
                }
            }
            if (maxRemoved > Policy.TxFeeRate.Zero)
                Log.Debug(LogCategory.Mempool, $"Removed {removedCount} txn, rolling minimum fee bumped to {maxRemoved}");
        }
    }

    /// <summary>
    /// Transactions from disconnected blocks were re-added (in block order): links them to mempool transactions that
    /// spend them, which ATMP could not know, and trims clusters that became too large (Core's
    /// UpdateTransactionsFromBlock).
    /// </summary>
    public void UpdateTransactionsFromBlock(IReadOnlyList<uint256> txids)
    {
        ArgumentNullException.ThrowIfNull(txids);
        lock (Lock)
        {
            EnsureNoChangeSet();
            var dependencies = new List<(MempoolEntry Parent, MempoolEntry Child)>();
            for (int t = txids.Count - 1; t >= 0; t--)
            {
                if (!_byTxid.TryGetValue(txids[t], out var entry)) continue;
                for (int i = 0; i < entry.Transaction.Outputs.Count; i++)
                {
                    if (_spentBy.TryGetValue(new OutPoint(entry.Txid, i), out var child)) dependencies.Add((entry, child));
                }
            }
            foreach (var entry in _graph.AddDependencies(dependencies)) RemoveUnchecked(entry, MempoolRemovalReason.SizeLimit, graphDone: true);
        }
    }

    // Removes mempool transactions spending the inputs of a block transaction, with their descendants.
    private void RemoveConflicts(Transaction tx)
    {
        var txid = tx.GetHash();
        foreach (var input in tx.Inputs)
        {
            if (!_spentBy.TryGetValue(input.PrevOut, out var conflict) || conflict.Txid == txid) continue;
            ClearPrioritisation(conflict.Txid);
            foreach (var entry in DescendantsUnion([conflict])) RemoveUnchecked(entry, MempoolRemovalReason.Conflict);
        }
    }

    // Descendants (each included) of entries still in the mempool, walking only through entries still in it.
    private List<MempoolEntry> DescendantsUnion(IEnumerable<MempoolEntry> roots)
    {
        var result = new List<MempoolEntry>();
        var seen = new HashSet<MempoolEntry>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<MempoolEntry>();
        foreach (var root in roots)
        {
            if (root.InMempool && seen.Add(root)) stack.Push(root);
        }
        while (stack.Count > 0)
        {
            var entry = stack.Pop();
            result.Add(entry);
            foreach (var child in entry.Children)
            {
                if (child.InMempool && seen.Add(child)) stack.Push(child);
            }
        }
        return result;
    }

    private void TrackPackageRemoved(Policy.TxFeeRate rate)
    {
        if (rate.FeePerKvB > _rollingMinimumFeeRate)
        {
            _rollingMinimumFeeRate = rate.FeePerKvB;
            _blockSinceLastRollingFeeBump = false;
        }
    }

    private void EnsureNoChangeSet()
    {
        if (_haveChangeSet) throw new InvalidOperationException("The mempool cannot change directly while a change set is outstanding.");
    }

    private static string FormatMoney(long amount) => Consensus.TxChecks.FormatMoney(amount);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
