using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.Internal;
using Bitcoin.Wallet.Model;
using Bitcoin.Wallet.Storage;
using NBitcoin;

namespace Bitcoin.Wallet;

public sealed partial class DescriptorWallet
{
    /// <summary>Called on a transaction just added (new = true) or already known, before it is written; returns true if it changed it.</summary>
    public delegate bool UpdateWalletTx(WalletTransaction wtx, bool isNew);

    /// <summary>The wallet's transactions by txid (Core's mapWallet). Hold <see cref="SyncRoot"/> while reading.</summary>
    public IReadOnlyDictionary<uint256, WalletTransaction> Transactions => _transactions;

    /// <summary>The wallet's transactions in the order they were added (Core's wtxOrdered). Hold <see cref="SyncRoot"/> while reading.</summary>
    public IReadOnlyCollection<WalletTransaction> TransactionsOrdered => _ordered;

    /// <summary>The outputs paying the wallet, spent or not (Core's m_txos). Hold <see cref="SyncRoot"/> while reading.</summary>
    public IReadOnlyDictionary<OutPoint, WalletTxo> Txos => _txos;

    /// <summary>The wallet transaction <paramref name="txid"/>, or null.</summary>
    public WalletTransaction? GetWalletTx(uint256 txid)
    {
        lock (_lock) return _transactions.GetValueOrDefault(txid);
    }

    /// <summary>The wallet output at <paramref name="outpoint"/>, or null (Core's GetTXO).</summary>
    public WalletTxo? GetTxo(OutPoint outpoint)
    {
        lock (_lock) return _txos.GetValueOrDefault(outpoint);
    }

    /// <summary>The txids of wallet transactions spending <paramref name="outpoint"/> (Core's mapTxSpends range).</summary>
    public IReadOnlyList<uint256> GetSpends(OutPoint outpoint)
    {
        lock (_lock) return _txSpends.TryGetValue(outpoint, out var list) ? list.ToList() : [];
    }

    /// <summary>True if a wallet transaction that is not abandoned or conflicted spends the output (Core's IsSpent).</summary>
    public bool IsSpent(OutPoint outpoint)
    {
        lock (_lock)
        {
            if (!_txSpends.TryGetValue(outpoint, out var spenders)) return false;
            foreach (var txid in spenders)
            {
                if (_transactions.TryGetValue(txid, out var wtx) && !wtx.IsAbandoned && !wtx.IsBlockConflicted && !wtx.IsMempoolConflicted)
                    return true;
            }

            return false;
        }
    }

    /// <summary>How the output is spent (Core's HowSpent).</summary>
    public SpendType HowSpent(OutPoint outpoint)
    {
        lock (_lock)
        {
            var result = SpendType.Unspent;
            if (!_txSpends.TryGetValue(outpoint, out var spenders)) return result;
            foreach (var txid in spenders)
            {
                if (!_transactions.TryGetValue(txid, out var wtx)) continue;
                if (wtx.IsConfirmed) return SpendType.Confirmed;
                if (wtx.InMempool) result = SpendType.Mempool;
                else if (!wtx.IsAbandoned && !wtx.IsBlockConflicted && !wtx.IsMempoolConflicted && result == SpendType.Unspent)
                    result = SpendType.NonMempool;
            }

            return result;
        }
    }

    /// <summary>Wallet transactions that spend an output the given one also spends (Core's GetConflicts), the transaction itself included if it conflicts.</summary>
    public ISet<uint256> GetConflicts(uint256 txid)
    {
        lock (_lock)
        {
            var result = new HashSet<uint256>();
            if (!_transactions.TryGetValue(txid, out var wtx)) return result;
            foreach (var input in wtx.Tx.Inputs)
            {
                if (_txSpends.TryGetValue(input.PrevOut, out var spenders) && spenders.Count > 1)
                    result.UnionWith(spenders);
            }

            return result;
        }
    }

    /// <summary>Conflicting wallet transactions, the transaction itself excluded (Core's GetTxConflicts).</summary>
    public ISet<uint256> GetTxConflicts(WalletTransaction wtx)
    {
        var result = GetConflicts(wtx.TxId);
        result.Remove(wtx.TxId);
        return result;
    }

    /// <summary>Confirmations: positive in the active chain, negative when conflicted by a confirmed transaction, 0 otherwise (Core's GetTxDepthInMainChain).</summary>
    public int GetTxDepthInMainChain(WalletTransaction wtx)
    {
        lock (_lock)
        {
            return wtx.State switch
            {
                TxStateConfirmed c => _lastBlockProcessedHeight - c.Height + 1,
                TxStateBlockConflicted c => -1 * (_lastBlockProcessedHeight - c.Height + 1),
                _ => 0,
            };
        }
    }

    /// <summary>Blocks until a coinbase output matures (0 for other transactions).</summary>
    public int GetTxBlocksToMaturity(WalletTransaction wtx)
    {
        if (!wtx.IsCoinBase) return 0;
        int depth = GetTxDepthInMainChain(wtx);
        return Math.Max(0, CoinbaseMaturity + 1 - depth);
    }

    /// <summary>True for a coinbase that has not matured.</summary>
    public bool IsTxImmatureCoinBase(WalletTransaction wtx) => GetTxBlocksToMaturity(wtx) > 0;

    /// <summary>The amount of the wallet output <paramref name="input"/> spends, or 0.</summary>
    public long GetDebit(TxIn input)
    {
        lock (_lock) return _txos.TryGetValue(input.PrevOut, out var txo) ? txo.Output.Value.Satoshi : 0;
    }

    /// <summary>What <paramref name="tx"/> spends of the wallet's outputs.</summary>
    public long GetDebit(Transaction tx)
    {
        lock (_lock) return checked(tx.Inputs.Sum(i => GetDebit(i)));
    }

    /// <summary>True if an input spends a wallet output (Core's IsFromMe).</summary>
    public bool IsFromMe(Transaction tx)
    {
        lock (_lock) return tx.Inputs.Any(i => _txos.ContainsKey(i.PrevOut));
    }

    /// <summary>True if the input spends a wallet output (Core's InputIsMine).</summary>
    public bool InputIsMine(TxIn input)
    {
        lock (_lock)
        {
            return _transactions.TryGetValue(input.PrevOut.Hash, out var prev) && input.PrevOut.N < prev.Tx.Outputs.Count &&
                   IsMine(prev.Tx.Outputs[(int)input.PrevOut.N]);
        }
    }

    /// <summary>True if every input spends a wallet output (Core's AllInputsMine).</summary>
    public bool AllInputsMine(Transaction tx)
    {
        lock (_lock) return tx.Inputs.All(InputIsMine);
    }

    /// <summary>True if a wallet transaction spends one of <paramref name="tx"/>'s outputs (Core's HasWalletSpend).</summary>
    public bool HasWalletSpend(Transaction tx)
    {
        lock (_lock)
        {
            var txid = tx.GetHash();
            for (int i = 0; i < tx.Outputs.Count; i++)
            {
                if (IsSpent(new OutPoint(txid, i))) return true;
            }

            return false;
        }
    }

    private void AddToSpends(OutPoint outpoint, uint256 txid)
    {
        if (!_txSpends.TryGetValue(outpoint, out var list))
            _txSpends[outpoint] = list = [];
        if (!list.Contains(txid)) list.Add(txid);
        UnlockCoin(outpoint);
        SyncMetaData(list);
    }

    private void AddToSpends(WalletTransaction wtx)
    {
        if (wtx.IsCoinBase) return;
        foreach (var input in wtx.Tx.Inputs)
            AddToSpends(input.PrevOut, wtx.TxId);
    }

    // Every wallet transaction spending the same output gets the metadata of the oldest (Core's SyncMetaData).
    private void SyncMetaData(List<uint256> spenders)
    {
        WalletTransaction? copyFrom = null;
        foreach (var txid in spenders)
        {
            if (_transactions.TryGetValue(txid, out var wtx) && (copyFrom is null || wtx.OrderPos < copyFrom.OrderPos))
                copyFrom = wtx;
        }

        if (copyFrom is null) return;
        foreach (var txid in spenders)
        {
            if (!_transactions.TryGetValue(txid, out var copyTo) || copyTo == copyFrom || !copyFrom.IsEquivalentTo(copyTo)) continue;
            copyTo.From = copyFrom.From;
            copyTo.Message = copyFrom.Message;
            copyTo.Comment = copyFrom.Comment;
            copyTo.CommentTo = copyFrom.CommentTo;
            copyTo.ReplacesTxid = copyFrom.ReplacesTxid;
            copyTo.ReplacedByTxid = copyFrom.ReplacedByTxid;
            copyTo.Messages.Clear();
            copyTo.Messages.AddRange(copyFrom.Messages);
            copyTo.PaymentRequests.Clear();
            copyTo.PaymentRequests.AddRange(copyFrom.PaymentRequests);
            copyTo.TimeSmart = copyFrom.TimeSmart;
        }
    }

    /// <summary>Records the wallet's outputs of <paramref name="wtx"/> (Core's RefreshTXOsFromTx).</summary>
    private void RefreshTxosFromTx(WalletTransaction wtx)
    {
        var outputs = wtx.Tx.Outputs;
        for (int i = 0; i < outputs.Count; i++)
        {
            if (!IsMine(outputs[i])) continue;
            var outpoint = new OutPoint(wtx.TxId, i);
            _txos.TryAdd(outpoint, new WalletTxo(wtx, i));
        }
    }

    /// <summary>Re-reads the wallet's outputs of every transaction (after descriptors were added).</summary>
    internal void RefreshAllTxos()
    {
        lock (_lock)
        {
            foreach (var wtx in _transactions.Values) RefreshTxosFromTx(wtx);
        }
    }

    /// <summary>Forgets cached amounts (Core's MarkDirty); balances here are computed from <see cref="Txos"/> each time.</summary>
    public void MarkDirty()
    {
    }

    private long IncOrderPosNext(WalletBatch batch)
    {
        long position = _orderPosNext++;
        batch.WriteOrderPosNext(_orderPosNext);
        return position;
    }

    /// <summary>
    /// Adds or updates a transaction and writes it (Core's AddToWallet); returns null if it could not be written.
    /// <paramref name="update"/> may set metadata; <paramref name="rescanningOldBlock"/> makes its smart time the block's.
    /// </summary>
    public WalletTransaction? AddToWallet(Transaction tx, TxState state, UpdateWalletTx? update = null, bool rescanningOldBlock = false)
    {
        ArgumentNullException.ThrowIfNull(tx);
        lock (_lock)
        {
            var batch = new WalletBatch(Database);
            var txid = tx.GetHash();
            if (IsWalletFlagSet(WalletFlags.AvoidReuse))
            {
                foreach (var input in tx.Inputs)
                    SetSpentKeyState(batch, input.PrevOut, used: true);
            }

            bool isNew = !_transactions.TryGetValue(txid, out var wtx);
            if (wtx is null)
            {
                wtx = new WalletTransaction(tx, state);
                _transactions[txid] = wtx;
            }

            bool updated = update is not null && update(wtx, isNew);
            if (isNew)
            {
                wtx.TimeReceived = (uint)WalletTime.Now;
                wtx.OrderPos = IncOrderPosNext(batch);
                _ordered.Add(wtx);
                wtx.TimeSmart = ComputeTimeSmart(wtx, rescanningOldBlock);
                AddToSpends(wtx);
                MaybeUpdateBirthTime(wtx.GetTxTime());
            }
            else
            {
                updated |= wtx.Update(tx, state);
            }

            // An inactive coinbase (its block left the chain) and everything spending it are abandoned.
            if (wtx.IsCoinBase && wtx.IsInactive)
            {
                var stack = new Stack<WalletTransaction>();
                stack.Push(wtx);
                var seen = new HashSet<uint256>();
                while (stack.Count > 0)
                {
                    var descendant = stack.Pop();
                    if (!seen.Add(descendant.TxId)) continue;
                    descendant.State = new TxStateInactive(true);
                    batch.WriteTx(descendant);
                    for (int i = 0; i < descendant.Tx.Outputs.Count; i++)
                    {
                        if (!_txSpends.TryGetValue(new OutPoint(descendant.TxId, i), out var spenders)) continue;
                        foreach (var spender in spenders)
                        {
                            if (_transactions.TryGetValue(spender, out var child)) stack.Push(child);
                        }
                    }
                }
            }

            string status = isNew || updated ? (isNew ? (updated ? "new, update" : "new") : "update") : "no-change";
            LogPrint($"AddToWallet {txid} {status} {state}");
            if ((isNew || updated) && !batch.WriteTx(wtx))
                return null;

            RefreshTxosFromTx(wtx);
            RaiseTransactionChanged(txid, isNew ? ChangeStatus.New : ChangeStatus.Updated);
            RunWalletNotify(wtx);
            return wtx;
        }
    }

    private void RunWalletNotify(WalletTransaction wtx)
    {
        var command = Options.WalletNotify;
        if (command.Length == 0) return;
        command = command.Replace("%s", wtx.TxId.ToString(), StringComparison.Ordinal);
        if (wtx.State is TxStateConfirmed confirmed)
        {
            command = command.Replace("%b", confirmed.BlockHash.ToString(), StringComparison.Ordinal)
                .Replace("%h", confirmed.Height.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        else
        {
            command = command.Replace("%b", "unconfirmed", StringComparison.Ordinal).Replace("%h", "-1", StringComparison.Ordinal);
        }

        if (!OperatingSystem.IsWindows())
            command = command.Replace("%w", ShellCommand.Escape(Name), StringComparison.Ordinal);
        ShellCommand.RunDetached(command);
    }

    /// <summary>Adds a transaction read from the file (Core's LoadToWallet); false if it was already there.</summary>
    internal bool LoadToWallet(WalletTransaction wtx)
    {
        lock (_lock)
        {
            if (!_transactions.TryAdd(wtx.TxId, wtx)) return false;
            if (Chain is not null) UpdateStateFromChain(wtx);
            _ordered.Add(wtx);
            AddToSpends(wtx);
            foreach (var input in wtx.Tx.Inputs)
            {
                if (_transactions.TryGetValue(input.PrevOut.Hash, out var prev) && prev.State is TxStateBlockConflicted conflicted)
                    MarkConflicted(conflicted.BlockHash, conflicted.Height, wtx.TxId);
            }

            MaybeUpdateBirthTime(wtx.GetTxTime());
            RefreshTxosFromTx(wtx);
            return true;
        }
    }

    // Core's CWalletTx::updateState: fill in heights of confirming/conflicting blocks; blocks no longer active make it inactive.
    private void UpdateStateFromChain(WalletTransaction wtx)
    {
        var chain = RequireChain();
        var request = new FoundBlockRequest { WantInActiveChain = true, WantHeight = true };
        switch (wtx.State)
        {
            case TxStateConfirmed confirmed:
                wtx.State = chain.FindBlock(confirmed.BlockHash, request, out var block) && block.InActiveChain
                    ? confirmed with { Height = block.Height }
                    : new TxStateInactive(false);
                break;
            case TxStateBlockConflicted conflicted:
                wtx.State = chain.FindBlock(conflicted.BlockHash, request, out var conflictBlock) && conflictBlock.InActiveChain
                    ? conflicted with { Height = conflictBlock.Height }
                    : new TxStateInactive(false);
                break;
        }

        if (!wtx.IsConfirmed) wtx.RecomputeCanonical();
    }

    /// <summary>
    /// Adds a transaction if it pays or spends the wallet (or is already known), marking conflicts of a confirmed one
    /// and advancing descriptors past used positions (Core's AddToWalletIfInvolvingMe). Throws if it cannot be written.
    /// </summary>
    internal bool AddToWalletIfInvolvingMe(Transaction tx, TxState state, bool rescanningOldBlock)
    {
        lock (_lock)
        {
            var txid = tx.GetHash();
            if (state is TxStateConfirmed confirmed)
            {
                foreach (var input in tx.Inputs)
                {
                    if (!_txSpends.TryGetValue(input.PrevOut, out var spenders)) continue;
                    foreach (var other in spenders.ToList())
                    {
                        if (other == txid) continue;
                        LogPrint($"Transaction {txid} (in block {confirmed.BlockHash}) conflicts with wallet transaction {other} (both spend {input.PrevOut.Hash}:{input.PrevOut.N})");
                        MarkConflicted(confirmed.BlockHash, confirmed.Height, other);
                    }
                }
            }

            bool existed = _transactions.ContainsKey(txid);
            if (!existed && !IsMine(tx) && !IsFromMe(tx)) return false;

            foreach (var output in tx.Outputs)
            {
                foreach (var spkm in GetScriptPubKeyMans(output.ScriptPubKey))
                {
                    foreach (var used in spkm.MarkUnusedAddresses(output.ScriptPubKey))
                    {
                        bool? internalChain = used.Internal ?? IsInternalScriptPubKeyMan(spkm);
                        if (internalChain is null) continue;
                        if (!internalChain.Value && FindAddressBookEntry(used.Destination, allowChange: false) is null)
                            SetAddressBook(used.Destination, "", AddressPurpose.Receive);
                    }
                }
            }

            if (AddToWallet(tx, state, null, rescanningOldBlock) is null)
                throw new InvalidOperationException("DB error adding transaction to wallet, write failed");
            return true;
        }
    }

    /// <summary>Adds <paramref name="tx"/> if it involves the wallet (Core's SyncTransaction).</summary>
    internal bool SyncTransaction(Transaction tx, TxState state, bool rescanningOldBlock = false) =>
        AddToWalletIfInvolvingMe(tx, state, rescanningOldBlock);

    /// <summary>True if the transaction is known, unconfirmed, not abandoned and not in the mempool (Core's TransactionCanBeAbandoned).</summary>
    public bool TransactionCanBeAbandoned(uint256 txid)
    {
        lock (_lock)
        {
            return _transactions.TryGetValue(txid, out var wtx) && !wtx.IsAbandoned && GetTxDepthInMainChain(wtx) == 0 && !wtx.InMempool;
        }
    }

    /// <summary>
    /// Marks an unconfirmed transaction that is not in the mempool, and every wallet transaction spending it,
    /// abandoned (Core's AbandonTransaction); false if it is confirmed, conflicted by depth, or in the mempool.
    /// </summary>
    public bool AbandonTransaction(uint256 txid)
    {
        lock (_lock)
        {
            if (!_transactions.TryGetValue(txid, out var wtx))
                throw new ArgumentException("Transaction not in wallet", nameof(txid));
            if (GetTxDepthInMainChain(wtx) != 0 || wtx.InMempool) return false;
            RecursiveUpdateTxState(new WalletBatch(Database), txid, tx =>
            {
                if (!tx.IsBlockConflicted && !tx.IsAbandoned)
                {
                    tx.State = new TxStateInactive(true);
                    return TxUpdate.NotifyChanged;
                }

                return TxUpdate.Unchanged;
            });
            return true;
        }
    }

    /// <summary>
    /// Marks a transaction and its descendants conflicted by the block at <paramref name="conflictingHeight"/> if that
    /// is deeper than their current state (Core's MarkConflicted).
    /// </summary>
    internal void MarkConflicted(uint256 blockHash, int conflictingHeight, uint256 txid)
    {
        lock (_lock)
        {
            if (_lastBlockProcessedHeight < 0 || conflictingHeight < 0) return;
            int conflictConfirms = -1 * (_lastBlockProcessedHeight - conflictingHeight + 1);
            if (conflictConfirms >= 0) return;
            RecursiveUpdateTxState(new WalletBatch(Database), txid, tx =>
            {
                if (conflictConfirms < GetTxDepthInMainChain(tx))
                {
                    tx.State = new TxStateBlockConflicted(blockHash, conflictingHeight);
                    return TxUpdate.Changed;
                }

                return TxUpdate.Unchanged;
            });
        }
    }

    /// <summary>What an update of a transaction's state did.</summary>
    internal enum TxUpdate
    {
        Unchanged,
        Changed,
        NotifyChanged,
    }

    /// <summary>Applies <paramref name="tryUpdate"/> to a transaction and, where it changed, to every wallet transaction spending it (Core's RecursiveUpdateTxState).</summary>
    internal void RecursiveUpdateTxState(WalletBatch? batch, uint256 txid, Func<WalletTransaction, TxUpdate> tryUpdate)
    {
        lock (_lock)
        {
            var todo = new SortedSet<uint256> { txid };
            var done = new HashSet<uint256>();
            while (todo.Count > 0)
            {
                var now = todo.Min!;
                todo.Remove(now);
                done.Add(now);
                if (!_transactions.TryGetValue(now, out var wtx)) continue;
                var result = tryUpdate(wtx);
                if (result == TxUpdate.Unchanged) continue;
                batch?.WriteTx(wtx);
                for (int i = 0; i < wtx.Tx.Outputs.Count; i++)
                {
                    if (!_txSpends.TryGetValue(new OutPoint(now, i), out var spenders)) continue;
                    foreach (var spender in spenders)
                    {
                        if (!done.Contains(spender)) todo.Add(spender);
                    }
                }

                if (result == TxUpdate.NotifyChanged)
                    RaiseTransactionChanged(wtx.TxId, ChangeStatus.Updated);
            }
        }
    }

    /// <summary>
    /// Core's ComputeTimeSmart: a time that keeps the wallet's list in the order transactions were added — the block
    /// time for rescanned blocks, else the block time bounded by the last known entry and now.
    /// </summary>
    private uint ComputeTimeSmart(WalletTransaction wtx, bool rescanningOldBlock)
    {
        uint256? blockHash = wtx.State switch
        {
            TxStateConfirmed c => c.BlockHash,
            TxStateBlockConflicted c => c.BlockHash,
            _ => null,
        };
        uint timeSmart = wtx.TimeReceived;
        if (blockHash is null || Chain is null) return timeSmart;
        long blockTime, blockMaxTime;
        if (_connectingBlockTimes is { } connecting && connecting.Hash == blockHash)
        {
            (blockTime, blockMaxTime) = (connecting.Time, connecting.MaxTime);
        }
        else if (Chain.FindBlock(blockHash, new FoundBlockRequest { WantTime = true, WantMaxTime = true }, out var block))
        {
            (blockTime, blockMaxTime) = (block.Time, block.MaxTime);
        }
        else
        {
            LogPrint($"ComputeTimeSmart: found {wtx.TxId} in block {blockHash} not in index");
            return timeSmart;
        }

        if (rescanningOldBlock) return (uint)blockMaxTime;
        long latestNow = wtx.TimeReceived;
        long latestEntry = 0;
        long latestTolerated = latestNow + 300;
        foreach (var other in _ordered.Reverse())
        {
            if (other == wtx) continue;
            long smart = other.TimeSmart != 0 ? other.TimeSmart : other.TimeReceived;
            if (smart <= latestTolerated)
            {
                latestEntry = smart;
                if (smart > latestNow) latestNow = smart;
                break;
            }
        }

        return (uint)Math.Max(latestEntry, Math.Min(blockTime, latestNow));
    }

    /// <summary>Records that <paramref name="newTxid"/> replaced <paramref name="originalTxid"/> (Core's MarkReplaced); false if it could not be written.</summary>
    public bool MarkReplaced(uint256 originalTxid, uint256 newTxid)
    {
        lock (_lock)
        {
            if (!_transactions.TryGetValue(originalTxid, out var wtx))
                throw new ArgumentException("MarkReplaced called on a transaction not in the wallet", nameof(originalTxid));
            wtx.ReplacedByTxid = newTxid;
            RefreshMempoolStatus(wtx);
            bool ok = new WalletBatch(Database).WriteTx(wtx);
            if (!ok) LogPrint($"MarkReplaced: Updating batch tx {wtx.TxId} failed");
            RaiseTransactionChanged(originalTxid, ChangeStatus.Updated);
            return ok;
        }
    }

    // Core's RefreshMempoolStatus: ask the node whether the transaction is in its mempool.
    private void RefreshMempoolStatus(WalletTransaction wtx)
    {
        if (Chain is null) return;
        if (Chain.IsInMempool(wtx.TxId)) wtx.State = TxStateInMempool.Instance;
        else if (wtx.State is TxStateInMempool) wtx.State = new TxStateInactive(false);
    }

    /// <summary>
    /// Removes transactions from the wallet (removeprunedfunds; Core's RemoveTxs) in one database transaction; fails
    /// if one is unknown or spent by another wallet transaction.
    /// </summary>
    public BilingualString? RemoveTxs(IReadOnlyList<uint256> txids)
    {
        lock (_lock)
        {
            foreach (var txid in txids)
            {
                if (!_transactions.TryGetValue(txid, out var wtx))
                    return BilingualString.Untranslated($"Transaction {txid} does not belong to this wallet");
                if (HasWalletSpend(wtx.Tx))
                    return BilingualString.Untranslated($"Transaction {txid} has wallet spends");
            }

            var batch = new WalletBatch(Database);
            if (!batch.TxnBegin()) return BilingualString.Untranslated("Error: cannot create db txn for remove transactions");
            foreach (var txid in txids)
            {
                if (!batch.EraseTx(txid))
                {
                    batch.TxnAbort();
                    return BilingualString.Untranslated($"Failure removing transaction: {txid}");
                }
            }

            if (!batch.TxnCommit()) return BilingualString.Untranslated("Error: cannot commit db txn for remove transactions");
            foreach (var txid in txids)
            {
                var wtx = _transactions[txid];
                _transactions.Remove(txid);
                _ordered.Remove(wtx);
                foreach (var input in wtx.Tx.Inputs)
                {
                    if (_txSpends.TryGetValue(input.PrevOut, out var spenders))
                    {
                        spenders.Remove(txid);
                        if (spenders.Count == 0) _txSpends.Remove(input.PrevOut);
                    }
                }

                for (int i = 0; i < wtx.Tx.Outputs.Count; i++)
                    _txos.Remove(new OutPoint(txid, i));
                RaiseTransactionChanged(txid, ChangeStatus.Deleted);
            }

            return null;
        }
    }

    // ---- avoid reuse ----

    private void SetSpentKeyState(WalletBatch batch, OutPoint outpoint, bool used)
    {
        if (!_transactions.TryGetValue(outpoint.Hash, out var source) || outpoint.N >= source.Tx.Outputs.Count) return;
        if (!ScriptSolver.TryExtractDestination(source.Tx.Outputs[(int)outpoint.N].ScriptPubKey, out var destination)) return;
        if (!IsMine(destination)) return;
        if (used != IsAddressPreviouslySpent(destination))
            SetAddressPreviouslySpent(batch, destination, used);
    }

    /// <summary>True if the output's address was spent from before (avoid_reuse; Core's IsSpentKey).</summary>
    public bool IsSpentKey(Script scriptPubKey)
    {
        lock (_lock)
            return ScriptSolver.TryExtractDestination(scriptPubKey, out var destination) && IsAddressPreviouslySpent(destination);
    }
}
