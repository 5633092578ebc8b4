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
    internal bool FlushStateToDisk(BlockValidationState state, FlushStateMode mode)
    {
        lock (_chainman.Lock)
        {
            bool fullFlushCompleted = false;
            try
            {
                var cacheState = GetCoinsCacheSizeState();
                var now = _chainman.Options.Clock.GetUtcNow();
                // Close to full and not in the middle of a block: a good moment to write.
                bool cacheLarge = mode == FlushStateMode.Periodic && cacheState >= CoinsCacheSizeState.Large;
                // Over the limit: must write now.
                bool cacheCritical = mode == FlushStateMode.IfNeeded && cacheState >= CoinsCacheSizeState.Critical;
                // Write regularly so that a crash does not cost hours of re-validation.
                bool periodicWrite = mode == FlushStateMode.Periodic && now >= _nextWrite;
                bool emptyCache = mode == FlushStateMode.ForceFlush || cacheLarge || cacheCritical;
                bool shouldWrite = mode == FlushStateMode.ForceSync || emptyCache || periodicWrite;
                if (shouldWrite)
                {
                    Log.Debug(LogCategory.CoinDb, $"Writing chainstate to disk: flush mode={ModeName(mode)}, prune=0, large={(cacheLarge ? 1 : 0)}, critical={(cacheCritical ? 1 : 0)}, periodic={(periodicWrite ? 1 : 0)}");
                    if (!FlatFileSeq.CheckDiskSpace(Blockman.BlocksDir)) return _chainman.FatalError(state, "Disk space is too low!");

                    // 1. Block and undo data first ...
                    if (!Blockman.FlushChainstateBlockFile(Chain.Height)) Log.Warning("FlushStateToDisk: Failed to flush block file.");
                    // 2. ... then the index entries and file statistics that refer to it ...
                    Blockman.WriteBlockIndexDb();
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
