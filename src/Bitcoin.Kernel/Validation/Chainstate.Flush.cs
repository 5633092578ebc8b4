using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Storage;
using Bitcoin.Kernel.Storage.Database;

namespace Bitcoin.Kernel.Validation;

// Writing the block files, block index and coins to disk (Core's FlushStateToDisk).
public sealed partial class Chainstate
{
    private static readonly TimeSpan DatabaseWriteIntervalMin = TimeSpan.FromMinutes(50);
    private static readonly TimeSpan DatabaseWriteIntervalMax = TimeSpan.FromMinutes(70);
    // Core's PRUNE_LOCK_BUFFER: blocks kept below the lowest height a prune lock asks for.
    private const int PruneLockBuffer = 10;
    private DateTimeOffset _nextWrite = DateTimeOffset.MaxValue;

    private enum CoinsCacheSizeState
    {
        Ok,
        Large,
        Critical,
    }

    /// <summary>
    /// Writes state to disk when <paramref name="mode"/> calls for it, in the order that keeps a crash at any point
    /// recoverable: (1) fsync the blk/rev files being written, (2) write the block index (synced batch), which may
    /// now point at that data, (3) write the coins (see <see cref="Coins.CoinsViewDb"/> for how an interrupted coins
    /// write is detected and replayed). False with a fatal error if the disk is full or a database write failed.
    /// </summary>
    internal bool FlushStateToDisk(BlockValidationState state, FlushStateMode mode, int manualPruneHeight = 0)
    {
        lock (_chainman.Lock)
        {
            bool fullFlushCompleted = false;
            try
            {
                var filesToPrune = new SortedSet<int>();
                bool flushForPrune = FindFilesToPrune(filesToPrune, manualPruneHeight);
                var cacheState = GetCoinsCacheSizeState();
                var now = _chainman.Options.Clock.GetUtcNow();
                // Close to full and not in the middle of a block: a good moment to write.
                bool cacheLarge = mode == FlushStateMode.Periodic && cacheState >= CoinsCacheSizeState.Large;
                // Over the limit: must write now.
                bool cacheCritical = mode == FlushStateMode.IfNeeded && cacheState >= CoinsCacheSizeState.Critical;
                // Write regularly so that a crash does not cost hours of re-validation.
                bool periodicWrite = mode == FlushStateMode.Periodic && now >= _nextWrite;
                bool emptyCache = mode == FlushStateMode.ForceFlush || cacheLarge || cacheCritical;
                bool shouldWrite = mode == FlushStateMode.ForceSync || emptyCache || periodicWrite || flushForPrune;
                if (shouldWrite)
                {
                    Log.Debug(LogCategory.CoinDb, $"Writing chainstate to disk: flush mode={ModeName(mode)}, prune={(flushForPrune ? 1 : 0)}, large={(cacheLarge ? 1 : 0)}, critical={(cacheCritical ? 1 : 0)}, periodic={(periodicWrite ? 1 : 0)}");
                    if (!FlatFileSeq.CheckDiskSpace(Blockman.BlocksDir)) return _chainman.FatalError(state, "Disk space is too low!");

                    // 1. Block and undo data first ...
                    if (!Blockman.FlushChainstateBlockFile(Chain.Height)) Log.Warning("FlushStateToDisk: Failed to flush block file.");
                    // 2. ... then the index entries and file statistics that refer to it ...
                    Blockman.WriteBlockIndexDb();
                    // ... then delete the pruned files, which the index written just now no longer refers to ...
                    if (flushForPrune) Blockman.UnlinkPrunedFiles(filesToPrune);
                    // 3. ... and last the coins, which refer to index entries.
                    if (CoinsTip.GetBestBlock() != NBitcoin.uint256.Zero)
                    {
                        // A coin takes about 48 bytes and may be written twice (log and table); double again for safety.
                        if (!FlatFileSeq.CheckDiskSpace(_chainman.Options.DataDir, 48L * 2 * 2 * CoinsTip.DirtyCount))
                            return _chainman.FatalError(state, "Disk space is too low!");
                        if (emptyCache) CoinsTip.Flush(); else CoinsTip.Sync();
                        LastFlushedBlock = Blockman.LookupBlockIndex(CoinsTip.GetBestBlock());
                        fullFlushCompleted = true;
                    }
                }
                if (shouldWrite || _nextWrite == DateTimeOffset.MaxValue)
                {
                    var range = DatabaseWriteIntervalMax - DatabaseWriteIntervalMin;
                    _nextWrite = now + DatabaseWriteIntervalMin + TimeSpan.FromTicks(Random.Shared.NextInt64(range.Ticks + 1));
                }
            }
            catch (Exception e) when (e is DatabaseException or IOException or UnauthorizedAccessException)
            {
                return _chainman.FatalError(state, $"System error while flushing: {e.Message}");
            }
            if (fullFlushCompleted && LastFlushedBlock is not null)
            {
                _chainman.Options.Signals?.ChainStateFlushed(ActiveChain.CreateLocator(LastFlushedBlock));
                _chainman.OnChainStateFlushed(LastFlushedBlock);
            }
            return true;
        }
    }

    /// <summary>
    /// In prune mode, when the files grew (or <paramref name="manualPruneHeight"/> asks for it) and no reindex is
    /// reading the block files, chooses the file pairs to delete and forgets their blocks in the index (Core's prune
    /// step of FlushStateToDisk). Heights that a prune lock protects are kept. True if files were chosen; the caller
    /// must then write the index and delete them.
    /// </summary>
    private bool FindFilesToPrune(SortedSet<int> filesToPrune, int manualPruneHeight)
    {
        if (!Blockman.IsPruneMode || !(Blockman.CheckForPruning || manualPruneHeight > 0) || !Blockman.BlockFilesIndexed) return false;

        // The highest height that may go: the tip, lowered by every prune lock (less its buffer).
        int lastPrune = Chain.Height;
        string? limitingLock = null;
        foreach (var (name, pruneLock) in Blockman.PruneLocks)
        {
            if (pruneLock.HeightFirst == int.MaxValue) continue;
            int lockHeight = pruneLock.HeightFirst - PruneLockBuffer - 1;
            lastPrune = Math.Max(1, Math.Min(lastPrune, lockHeight));
            if (lastPrune == lockHeight) limitingLock = name;
        }
        if (limitingLock is not null) Log.Debug(LogCategory.Prune, $"{limitingLock} limited pruning to height {lastPrune}");

        if (manualPruneHeight > 0)
        {
            var (first, last) = GetPruneRange(Math.Min(lastPrune, manualPruneHeight));
            Blockman.FindFilesToPruneManual(filesToPrune, Chain.Height, first, last);
        }
        else
        {
            var (first, last) = GetPruneRange(lastPrune);
            Blockman.FindFilesToPrune(filesToPrune, Chain.Height, first, last, _chainman.BestHeader?.Height ?? Chain.Height, _chainman.IsInitialBlockDownload);
            Blockman.CheckForPruning = false;
        }
        if (filesToPrune.Count == 0) return false;
        Blockman.MarkHavePruned();
        return true;
    }

    /// <summary>
    /// The heights whose files may be pruned when the caller allows up to <paramref name="lastHeightCanPrune"/>
    /// (Core's GetPruneRange): never the last <see cref="BlockManager.MinBlocksToKeep"/> blocks of the chain.
    /// </summary>
    internal (int First, int Last) GetPruneRange(int lastHeightCanPrune)
    {
        if (Chain.Height <= 0) return (0, 0);
        int maxPrune = Math.Max(0, Chain.Height - BlockManager.MinBlocksToKeep);
        return (0, Math.Min(lastHeightCanPrune, maxPrune));
    }

    /// <summary>Checks for pruning and writes if files were pruned (Core's PruneAndFlush, run at start-up in prune mode).</summary>
    internal void PruneAndFlush()
    {
        var state = new BlockValidationState();
        lock (_chainman.Lock)
        {
            Blockman.CheckForPruning = true;
            if (!FlushStateToDisk(state, FlushStateMode.None)) Log.Warning($"Failed to flush state ({state})");
        }
    }

    /// <summary>Writes everything now (Core's ForceFlushStateToDisk); <paramref name="wipeCache"/> also empties the coins cache.</summary>
    internal void ForceFlushStateToDisk(bool wipeCache = true)
    {
        var state = new BlockValidationState();
        if (!FlushStateToDisk(state, wipeCache ? FlushStateMode.ForceFlush : FlushStateMode.ForceSync))
            Log.Warning($"Failed to force flush state ({state})");
    }

    private CoinsCacheSizeState GetCoinsCacheSizeState()
    {
        var mempool = _chainman.Options.Mempool;
        long mempoolUsage = mempool?.DynamicMemoryUsage ?? 0;
        long mempoolMax = mempool?.MaxSizeBytes ?? 0;
        long cacheSize = CoinsTip.DynamicMemoryUsage;
        // Unused mempool memory is lent to the coins cache, as in Core.
        long totalSpace = CoinsTipCacheBytes + Math.Max(mempoolMax - mempoolUsage, 0);
        if (cacheSize > totalSpace)
        {
            Log.Info($"Cache size ({cacheSize}) exceeds total space ({totalSpace})");
            return CoinsCacheSizeState.Critical;
        }
        // No need to flush early while at least 10 MiB (or 10%) is free.
        long largeThreshold = Math.Max(totalSpace * 9 / 10, totalSpace - 10L * 1024 * 1024);
        return cacheSize > largeThreshold ? CoinsCacheSizeState.Large : CoinsCacheSizeState.Ok;
    }

    private static string ModeName(FlushStateMode mode) => mode switch
    {
        FlushStateMode.None => "NONE",
        FlushStateMode.IfNeeded => "IF_NEEDED",
        FlushStateMode.Periodic => "PERIODIC",
        FlushStateMode.ForceFlush => "FORCE_FLUSH",
        _ => "FORCE_SYNC",
    };
}
