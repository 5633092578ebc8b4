using Bitcoin.Interfaces;
using Bitcoin.Wallet.Model;
using NBitcoin;

namespace Bitcoin.Wallet;

public sealed partial class DescriptorWallet
{
    private long _bestBlockTime;

    // The block blockConnected is recording (under the wallet lock), for ComputeTimeSmart.
    private ConnectingBlockTimes? _connectingBlockTimes;

    private sealed record ConnectingBlockTimes(uint256 Hash, long Time, long MaxTime);

    /// <inheritdoc/>
    public void TransactionAddedToMempool(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        lock (_lock)
        {
            SyncTransaction(tx, TxStateInMempool.Instance);
            var txid = tx.GetHash();
            if (_transactions.TryGetValue(txid, out var wtx)) RefreshMempoolStatus(wtx);
            foreach (var input in tx.Inputs)
            {
                if (!_txSpends.TryGetValue(input.PrevOut, out var spenders)) continue;
                foreach (var spent in spenders.ToList())
                {
                    if (spent == txid) continue;
                    RecursiveUpdateTxState(null, spent, w => w.MempoolConflicts.Add(txid) ? TxUpdate.Changed : TxUpdate.Unchanged);
                }
            }

            if (tx.Version == 3)
            {
                // TRUC: an unconfirmed parent may have one unconfirmed child; its other spends conflict with it.
                foreach (var input in tx.Inputs)
                {
                    if (_transactions.TryGetValue(input.PrevOut.Hash, out var parent) && parent.IsUnconfirmed)
                    {
                        parent.TrucChildInMempool = txid;
                        UpdateTrucSiblingConflicts(parent, txid, addConflict: true);
                    }
                }
            }
        }
    }

    /// <inheritdoc/>
    public void TransactionRemovedFromMempool(Transaction tx, MempoolRemovalReason reason)
    {
        ArgumentNullException.ThrowIfNull(tx);
        lock (_lock)
        {
            var txid = tx.GetHash();
            // A transaction a connected block confirmed cannot be in the mempool (were the block disconnected since,
            // that notification and the transaction's return to the mempool come next): no need to ask the node.
            if (_transactions.TryGetValue(txid, out var wtx) && !(reason == MempoolRemovalReason.Block && wtx.State is TxStateConfirmed))
                RefreshMempoolStatus(wtx);
            // Removed because a block conflicts with it: mark unconfirmed (inactive); blockConnected marks it conflicted.
            if (reason == MempoolRemovalReason.Conflict)
                SyncTransaction(tx, new TxStateInactive(false));
            foreach (var input in tx.Inputs)
            {
                if (!_txSpends.TryGetValue(input.PrevOut, out var spenders)) continue;
                foreach (var spent in spenders.ToList())
                    RecursiveUpdateTxState(null, spent, w => w.MempoolConflicts.Remove(txid) ? TxUpdate.Changed : TxUpdate.Unchanged);
            }

            if (tx.Version == 3)
            {
                foreach (var input in tx.Inputs)
                {
                    if (_transactions.TryGetValue(input.PrevOut.Hash, out var parent) && parent.TrucChildInMempool == txid)
                    {
                        parent.TrucChildInMempool = null;
                        UpdateTrucSiblingConflicts(parent, txid, addConflict: false);
                    }
                }
            }
        }
    }

    private void UpdateTrucSiblingConflicts(WalletTransaction parent, uint256 childTxid, bool addConflict)
    {
        for (int i = 0; i < parent.Tx.Outputs.Count; i++)
        {
            if (!_txSpends.TryGetValue(new OutPoint(parent.TxId, i), out var spenders)) continue;
            foreach (var sibling in spenders.ToList())
            {
                if (sibling == childTxid) continue;
                RecursiveUpdateTxState(null, sibling, w => (addConflict ? w.MempoolConflicts.Add(childTxid) : w.MempoolConflicts.Remove(childTxid))
                    ? TxUpdate.Changed
                    : TxUpdate.Unchanged);
            }
        }
    }

    /// <inheritdoc/>
    public void BlockConnected(ChainstateRole role, BlockInfo block)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(block);
        if (role.Historical) return;
        var data = block.Data ?? throw new ArgumentException("blockConnected without block data", nameof(block));
        lock (_lock)
        {
            SetLastBlockProcessedInMem(block.Height, block.Hash);
            // Blocks made well before the wallet's first key cannot involve it.
            if (block.ChainTimeMax < BirthTime - (TimestampWindow * 2)) return;
            bool updated = false;
            // The block's times come with the notification, so recording its transactions need not ask the node.
            _connectingBlockTimes = new ConnectingBlockTimes(block.Hash, data.Header.BlockTime.ToUnixTimeSeconds(), block.ChainTimeMax);
            try
            {
                for (int i = 0; i < data.Transactions.Count; i++)
                {
                    updated |= SyncTransaction(data.Transactions[i], new TxStateConfirmed(block.Hash, block.Height, i));
                    TransactionRemovedFromMempool(data.Transactions[i], MempoolRemovalReason.Block);
                }
            }
            finally
            {
                _connectingBlockTimes = null;
            }

            // Save the position when the block mattered, and about daily anyway, so a restart rescans little.
            if (updated || block.Height % 144 == 0) WriteBestBlock();
        }
    }

    /// <inheritdoc/>
    public void BlockDisconnected(BlockInfo block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var data = block.Data ?? throw new ArgumentException("blockDisconnected without block data", nameof(block));
        lock (_lock)
        {
            int disconnectHeight = block.Height;
            for (int i = 0; i < data.Transactions.Count; i++)
            {
                var tx = data.Transactions[i];
                // A disconnected coinbase can never be valid on its own again: it is abandoned as well as inactive.
                SyncTransaction(tx, new TxStateInactive(Abandoned: i == 0));
                foreach (var input in tx.Inputs)
                {
                    if (!_txSpends.TryGetValue(input.PrevOut, out var spenders)) continue;
                    foreach (var spender in spenders.ToList())
                    {
                        if (!_transactions.TryGetValue(spender, out var conflicted) || !conflicted.IsBlockConflicted) continue;
                        RecursiveUpdateTxState(new Storage.WalletBatch(Database), spender, w =>
                        {
                            if (w.State is TxStateBlockConflicted c && c.Height >= disconnectHeight)
                            {
                                w.State = new TxStateInactive(false);
                                return TxUpdate.Changed;
                            }

                            return TxUpdate.Unchanged;
                        });
                    }
                }
            }

            SetLastBlockProcessed(block.Height - 1, block.PrevHash ?? uint256.Zero);
        }
    }

    /// <inheritdoc/>
    public void UpdatedBlockTip() => Interlocked.Exchange(ref _bestBlockTime, WalletTime.Now);

    /// <inheritdoc/>
    public void ChainStateFlushed(ChainstateRole role, BlockLocator locator)
    {
        // The wallet writes its own locator (WriteBestBlock) as it processes blocks, as Core's wallet does.
    }

    /// <summary>When the last tip update arrived (for rebroadcast timing).</summary>
    internal long BestBlockTime => Interlocked.Read(ref _bestBlockTime);
}
