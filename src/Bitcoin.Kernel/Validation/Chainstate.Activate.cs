using System.Diagnostics;
using System.Globalization;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Validation;

// Moving the tip: connect and disconnect single blocks, pick the best candidate, and ActivateBestChain.
public sealed partial class Chainstate
{
    // Core's MAX_DISCONNECTED_TX_POOL_BYTES: transactions of disconnected blocks kept for the mempool (20 MB).
    private const long MaxDisconnectedTxPoolBytes = 20_000_000;

    /// <summary>
    /// Disconnects the tip (Core's DisconnectTip): reads the block and its undo data, restores the spent coins and
    /// moves the tip back one block. The block's transactions are appended to <paramref name="disconnected"/>.
    /// False on failure (block or undo data unreadable or inconsistent).
    /// </summary>
    internal bool DisconnectTip(BlockValidationState state, List<Transaction>? disconnected)
    {
        var deleted = Chain.Tip ?? throw new InvalidOperationException("No tip to disconnect.");
        var previous = deleted.Previous ?? throw new InvalidOperationException("The genesis block cannot be disconnected.");
        var block = Blockman.ReadBlock(deleted);
        if (block is null)
        {
            Log.Error("DisconnectTip(): Failed to read block");
            return false;
        }
        long start = Stopwatch.GetTimestamp();
        var view = new CoinsViewCache(CoinsTip);
        if (view.GetBestBlock() != deleted.Hash) throw new InvalidOperationException("The coins view is not at the tip being disconnected.");
        if (DisconnectBlock(block, deleted, view) != DisconnectResult.Ok)
        {
            Log.Error($"DisconnectTip(): DisconnectBlock {deleted.Hash} failed");
            return false;
        }
        view.Flush();
        if (Log.IsEnabled(LogCategory.Bench, LogLevel.Debug)) Log.Debug(LogCategory.Bench, $"- Disconnect block: {Ms(start, Stopwatch.GetTimestamp())}ms");

        // Indexes that got to this block or beyond must be able to read it again to follow the disconnect.
        Blockman.MovePruneLocksBack(deleted.Height - 1);

        if (!FlushStateToDisk(state, FlushStateMode.IfNeeded)) return false;

        // The coinbase too (as Core's DisconnectedBlockTransactions): it is never re-added, but its spends in the
        // mempool must go with it.
        disconnected?.InsertRange(0, block.Transactions);
        Chain.SetTip(previous);
        _chainman.UpdateIbdStatus();
        UpdateTip(previous);
        // Wallets learn that these transactions went from 1 confirmation to 0 (or conflicted).
        _chainman.Options.Signals?.BlockDisconnected(block, deleted);
        return true;
    }

    /// <summary>
    /// Connects <paramref name="indexNew"/> (whose parent is the tip) to the chain (Core's ConnectTip), using
    /// <paramref name="block"/> if given instead of reading it. Adds it to <paramref name="connected"/> on success;
    /// on a consensus failure marks it invalid and returns false with <paramref name="state"/> invalid.
    /// </summary>
    internal bool ConnectTip(BlockValidationState state, BlockIndex indexNew, Block? block, List<(BlockIndex Index, Block Block)> connected, List<Transaction> disconnected)
    {
        if (indexNew.Previous != Chain.Tip) throw new InvalidOperationException("ConnectTip must extend the tip.");
        bool bench = Log.IsEnabled(LogCategory.Bench, LogLevel.Debug);
        long time1 = Stopwatch.GetTimestamp();
        if (block is null)
        {
            block = Blockman.ReadBlock(indexNew);
            if (block is null) return _chainman.FatalError(state, "Failed to read block.");
        }
        else if (bench)
        {
            Log.Debug(LogCategory.Bench, "  - Using cached block");
        }
        long time2 = Stopwatch.GetTimestamp();
        if (bench) Log.Debug(LogCategory.Bench, $"  - Load block from disk: {Ms(time1, time2)}ms");

        var view = new CoinsViewCache(CoinsTip);
        bool ok = ConnectBlock(block, state, indexNew, view);
        _chainman.Options.Signals?.BlockChecked(block, state);
        _chainman.OnBlockChecked(block, state);
        if (!ok)
        {
            if (state.IsInvalid) InvalidBlockFound(indexNew, state);
            Log.Error($"ConnectTip: ConnectBlock {indexNew.Hash} failed, {state}");
            return false;
        }
        long time3 = Stopwatch.GetTimestamp();
        if (bench) Log.Debug(LogCategory.Bench, $"  - Connect total: {Ms(time2, time3)}ms");
        view.Flush();
        long time4 = Stopwatch.GetTimestamp();
        if (bench) Log.Debug(LogCategory.Bench, $"  - Flush: {Ms(time3, time4)}ms");

        if (!FlushStateToDisk(state, FlushStateMode.IfNeeded)) return false;
        long time5 = Stopwatch.GetTimestamp();
        if (bench) Log.Debug(LogCategory.Bench, $"  - Writing chainstate: {Ms(time4, time5)}ms");

        if (_chainman.Options.Mempool is { } mempool)
        {
            var removed = mempool.RemoveForBlock(block, indexNew.Height);
            var confirmed = block.Transactions.Select(t => t.GetHash()).ToHashSet();
            disconnected.RemoveAll(t => confirmed.Contains(t.GetHash()));
            Chain.SetTip(indexNew);
            _chainman.UpdateIbdStatus();
            if (!_chainman.IsInitialBlockDownload)
                _chainman.Options.Signals?.MempoolTransactionsRemovedForBlock(block, removed, indexNew.Height);
        }
        else
        {
            Chain.SetTip(indexNew);
            _chainman.UpdateIbdStatus();
        }
        UpdateTip(indexNew);
        long time6 = Stopwatch.GetTimestamp();
        if (bench)
        {
            Log.Debug(LogCategory.Bench, $"  - Connect postprocess: {Ms(time5, time6)}ms");
            Log.Debug(LogCategory.Bench, $"- Connect block: {Ms(time1, time6)}ms");
        }
        connected.Add((indexNew, block));
        return true;
    }

    /// <summary>The best candidate whose branch back to the active chain is fully valid and present (Core's FindMostWorkChain).</summary>
    internal BlockIndex? FindMostWorkChain()
    {
        while (true)
        {
            if (Candidates.Count == 0) return null;
            var best = Candidates.Max!;
            bool invalidAncestor = false;
            for (var test = best; test is not null && !Chain.Contains(test); test = test.Previous)
            {
                bool failed = (test.Status & BlockStatus.FailedValid) != 0;
                bool missingData = (test.Status & BlockStatus.HaveData) == 0;
                if (!failed && !missingData) continue;

                if (failed && (_chainman.BestInvalid is null || best.ChainWork > _chainman.BestInvalid.ChainWork))
                    _chainman.BestInvalid = best;
                for (var remove = best; remove != test; remove = remove.Previous!)
                {
                    // Data may still arrive for a branch that is only missing blocks: remember it as unlinked.
                    if (missingData && !failed) Blockman.AddUnlinkedBlock(remove);
                    Candidates.Remove(remove);
                }
                Candidates.Remove(test);
                invalidAncestor = true;
                break;
            }
            if (!invalidAncestor) return best;
        }
    }

    /// <summary>
    /// Makes some progress towards <paramref name="mostWork"/> (Core's ActivateBestChainStep): disconnects to the fork,
    /// then connects up to 32 blocks, returning early once the chain has more work than before. False only on a
    /// system error; a consensus failure sets <paramref name="invalidFound"/>.
    /// </summary>
    private bool ActivateBestChainStep(BlockValidationState state, BlockIndex mostWork, Block? block, out bool invalidFound, List<(BlockIndex Index, Block Block)> connected)
    {
        invalidFound = false;
        var oldTip = Chain.Tip;
        var fork = Chain.FindFork(mostWork);

        bool blocksDisconnected = false;
        var disconnected = new List<Transaction>();
        while (Chain.Tip is not null && Chain.Tip != fork)
        {
            if (!DisconnectTip(state, disconnected))
            {
                UpdateMempoolForReorg(disconnected, addToMempool: false);
                // Failing to disconnect means local data is broken: stop rather than stay on a worse chain.
                _chainman.FatalError(state, "Failed to disconnect block.");
                return false;
            }
            blocksDisconnected = true;
        }

        int height = fork?.Height ?? -1;
        bool keepGoing = true;
        while (keepGoing && height != mostWork.Height)
        {
            // Work in slices of 32 blocks rather than building the whole path at once.
            int targetHeight = Math.Min(height + 32, mostWork.Height);
            var toConnect = new List<BlockIndex>();
            for (var walk = mostWork.GetAncestor(targetHeight); walk is not null && walk.Height != height; walk = walk.Previous) toConnect.Add(walk);
            height = targetHeight;

            for (int i = toConnect.Count - 1; i >= 0; i--)
            {
                var connect = toConnect[i];
                // A fresh state per block: an invalid block is handled here and must not leak into the caller's state.
                var connectState = new BlockValidationState();
                if (!ConnectTip(connectState, connect, connect == mostWork ? block : null, connected, disconnected))
                {
                    if (connectState.IsInvalid)
                    {
                        if (connectState.Result != BlockValidationResult.Mutated) InvalidChainFound(toConnect[0]);
                        invalidFound = true;
                        keepGoing = false;
                        break;
                    }
                    // A system error (disk, database): keep the mempool consistent and give up.
                    state.Error(connectState.RejectReason);
                    UpdateMempoolForReorg(disconnected, addToMempool: false);
                    return false;
                }
                PruneBlockIndexCandidates();
                if (oldTip is null || Chain.Tip!.ChainWork > oldTip.ChainWork)
                {
                    // Better than where we started: return so the lock can be released.
                    keepGoing = false;
                    break;
                }
            }
        }

        if (blocksDisconnected) UpdateMempoolForReorg(disconnected, addToMempool: true);
        CheckForkWarningConditions();
        _chainman.Options.Mempool?.Check(CoinsTip, Chain.Height + 1);
        return true;
    }

    /// <summary>
    /// Moves the tip to the most-work valid chain (Core's ActivateBestChain), connecting and disconnecting blocks as
    /// needed; <paramref name="block"/> may supply the data of the new best block. Releases the chainstate lock
    /// between steps so RPC threads and queued notifications can run. Must be called without the lock held.
    /// Returns false only on a system error (then <paramref name="state"/> holds the error).
    /// </summary>
    internal bool ActivateBestChain(BlockValidationState state, Block? block = null)
    {
        if (_chainman.Lock.IsHeldByCurrentThread)
            throw new InvalidOperationException("ActivateBestChain must be called without the chainstate lock held.");
        lock (ChainstateMutex)
        {
            BlockIndex? mostWork = null;
            BlockIndex? newTip = null;
            var blockHash = block?.GetHash();
            do
            {
                // Keep the notification queue short (it could grow without bound during reindex).
                if (_chainman.Options.Signals is { CallbacksPending: > 10 } signals) signals.SyncWithValidationInterfaceQueue();

                lock (_chainman.Lock)
                {
                    var startingTip = Chain.Tip;
                    bool blocksConnected = false;
                    do
                    {
                        var connected = new List<(BlockIndex Index, Block Block)>();
                        mostWork ??= FindMostWorkChain();
                        if (mostWork is null || mostWork == Chain.Tip) break;

                        var givenBlock = blockHash is not null && blockHash == mostWork.Hash ? block : null;
                        if (!ActivateBestChainStep(state, mostWork, givenBlock, out bool invalidFound, connected)) return false;
                        blocksConnected = true;
                        // After an invalid block another branch may be best now.
                        if (invalidFound) mostWork = null;
                        newTip = Chain.Tip;
                        foreach (var (index, connectedBlock) in connected) _chainman.Options.Signals?.BlockConnected(connectedBlock, index);
                    }
                    while (Chain.Tip is null || (startingTip is not null && BlockIndexWorkComparer.Less(Chain.Tip, startingTip)));

                    if (!blocksConnected) return true;

                    var fork = startingTip is null ? null : Chain.FindFork(startingTip);
                    bool stillInIbd = _chainman.IsInitialBlockDownload;
                    if (fork != newTip && newTip is not null)
                    {
                        // Queued under the lock so subscribers see tips in the order the chain moved.
                        _chainman.Options.Signals?.UpdatedBlockTip(newTip, fork, stillInIbd);
                        if (_chainman.NotifyBlockTip(newTip)) break;
                    }
                    if (newTip is not null) _chainman.Options.Signals?.ActiveTipChange(newTip, _chainman.IsInitialBlockDownload);
                }

                lock (_chainman.Lock)
                {
                    if (!FlushStateToDisk(state, FlushStateMode.Periodic)) return false;
                }
                if (_chainman.Options.Interrupt.IsCancellationRequested) break;
            }
            while (newTip != mostWork);
        }
        _chainman.CheckBlockIndex();
        return true;
    }

    private static string Ms(long from, long to) =>
        Stopwatch.GetElapsedTime(from, to).TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture);

    private void UpdateMempoolForReorg(List<Transaction> disconnected, bool addToMempool)
    {
        var mempool = _chainman.Options.Mempool;
        if (mempool is null) return;
        // Like Core's DisconnectedBlockTransactions: beyond 20 MB the oldest transactions are not re-added, and what
        // spends them in the mempool is removed with them.
        long bytes = 0;
        int keepFrom = disconnected.Count;
        while (keepFrom > 0)
        {
            bytes += disconnected[keepFrom - 1].GetSerializedSize();
            if (bytes > MaxDisconnectedTxPoolBytes) break;
            keepFrom--;
        }
        if (keepFrom > 0) mempool.UpdateForReorg(disconnected.GetRange(0, keepFrom), addToMempool: false);
        mempool.UpdateForReorg(disconnected.GetRange(keepFrom, disconnected.Count - keepFrom), addToMempool);
        disconnected.Clear();
    }
}
