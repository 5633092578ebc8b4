using System.Globalization;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;

namespace Bitcoin.Kernel.Storage;

// Pruning: deciding which blk/rev file pairs to delete, forgetting their blocks in the index, deleting the files,
// and the queries that tell RPC, P2P and indexes what is still stored (Core's pruning half of blockstorage.cpp).
public sealed partial class BlockManager
{
    /// <summary>
    /// Core's MIN_BLOCKS_TO_KEEP: files holding any of the last 288 blocks of the active chain are never pruned, so a
    /// reorganisation of that depth can still be undone and recent blocks can be served to peers.
    /// </summary>
    public const int MinBlocksToKeep = 288;

    /// <summary>Core's MIN_DISK_SPACE_FOR_BLOCK_FILES: the smallest automatic prune target, 550 MiB.</summary>
    public const ulong MinDiskSpaceForBlockFiles = 550UL * 1024 * 1024;

    /// <summary>Core's PRUNE_TARGET_MANUAL: the target of <c>-prune=1</c>, where only the pruneblockchain RPC prunes.</summary>
    public const ulong PruneTargetManual = ulong.MaxValue;

    /// <summary>The flag in the block index database recording that files were ever pruned (Core's name).</summary>
    internal const string PrunedBlockFilesFlag = "prunedblockfiles";

    private readonly Dictionary<string, PruneLockInfo> _pruneLocks = new(StringComparer.Ordinal);

    /// <summary>True when running with <c>-prune</c> (automatic or manual): old blk/rev files may be deleted.</summary>
    /// <remarks>
    /// The P2P layer advertises NODE_NETWORK_LIMITED without NODE_NETWORK while this is true, and should not announce
    /// or serve blocks it may not keep (see <see cref="IsBlockPruned"/>). Fixed for the life of the manager.
    /// </remarks>
    public bool IsPruneMode => _options.PruneTarget > 0;

    /// <summary>
    /// The number of bytes of blk/rev files to stay under: 0 when not pruning, <see cref="PruneTargetManual"/> with
    /// <c>-prune=1</c> (Core's GetPruneTarget).
    /// </summary>
    public ulong PruneTarget => _options.PruneTarget;

    /// <summary>True in prune mode with a size target (<c>-prune=N</c>, N ≥ 550), false with <c>-prune=1</c> or without pruning.</summary>
    public bool IsAutomaticPruning => IsPruneMode && PruneTarget != PruneTargetManual;

    /// <summary>
    /// True once any blk/rev file has been pruned in this data directory (Core's m_have_pruned, persisted as the
    /// "prunedblockfiles" flag). Read under the chainstate lock.
    /// </summary>
    public bool HavePruned { get; internal set; }

    /// <summary>
    /// Set when new space was allocated in a blk or rev file in prune mode: the next flush checks whether the target
    /// is exceeded (Core's m_check_for_pruning).
    /// </summary>
    internal bool CheckForPruning { get; set; }

    /// <summary>The prune locks held by indexes, by name. Read under the chainstate lock.</summary>
    public IReadOnlyDictionary<string, PruneLockInfo> PruneLocks => _pruneLocks;

    /// <summary>
    /// Creates or moves the prune lock <paramref name="name"/> (Core's UpdatePruneLock): an index calls it with the
    /// lowest height it still has to read, so pruning leaves those blocks (and 10 below them) alone. Call under the
    /// chainstate lock.
    /// </summary>
    public void UpdatePruneLock(string name, PruneLockInfo lockInfo)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _pruneLocks[name] = lockInfo;
    }

    /// <summary>Removes the prune lock <paramref name="name"/>; false if there was none. Call under the chainstate lock.</summary>
    public bool DeletePruneLock(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _pruneLocks.Remove(name);
    }

    /// <summary>
    /// Moves every prune lock above <paramref name="maxHeightFirst"/> down to it, so indexes get the chance to
    /// process the disconnect of a block (Core does this in DisconnectTip).
    /// </summary>
    internal void MovePruneLocksBack(int maxHeightFirst)
    {
        foreach (var (name, info) in _pruneLocks.ToList())
        {
            if (info.HeightFirst <= maxHeightFirst) continue;
            _pruneLocks[name] = new PruneLockInfo(maxHeightFirst);
            Log.Debug(LogCategory.Prune, $"{name} prune lock moved back to {maxHeightFirst}");
        }
    }

    /// <summary>
    /// True if the block's data was here once and has been pruned since (Core's IsBlockPruned): its transactions were
    /// seen (<see cref="BlockIndex.TxCount"/> &gt; 0) but <see cref="BlockStatus.HaveData"/> is gone. A block that
    /// was never downloaded is not "pruned". Call under the chainstate lock.
    /// </summary>
    public bool IsBlockPruned(BlockIndex block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return HavePruned && (block.Status & BlockStatus.HaveData) == 0 && block.TxCount > 0;
    }

    /// <summary>
    /// Walks down from <paramref name="upperBlock"/> while the parents have every flag of <paramref name="statusMask"/>
    /// and returns the lowest such block, stopping at <paramref name="lowerBlock"/> when given (Core's GetFirstBlock).
    /// With <see cref="BlockStatus.HaveData"/> this is the first stored block of the run ending at the upper block.
    /// Call under the chainstate lock.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="upperBlock"/> lacks a flag of the mask, or
    /// <paramref name="lowerBlock"/> is not one of its ancestors.</exception>
    public BlockIndex GetFirstBlock(BlockIndex upperBlock, BlockStatus statusMask, BlockIndex? lowerBlock = null)
    {
        ArgumentNullException.ThrowIfNull(upperBlock);
        if ((upperBlock.Status & statusMask) != statusMask)
            throw new ArgumentException("The upper block must have every flag of the status mask.", nameof(upperBlock));
        var last = upperBlock;
        while (last.Previous is { } previous && (previous.Status & statusMask) == statusMask)
        {
            if (lowerBlock is not null)
            {
                if (last == lowerBlock) return lowerBlock;
                if (last.Height < lowerBlock.Height)
                    throw new ArgumentException("The lower block is not an ancestor of the upper block.", nameof(lowerBlock));
            }
            last = previous;
        }
        return last;
    }

    /// <summary>
    /// True if every block from <paramref name="lowerBlock"/> up to <paramref name="upperBlock"/> has the flags of
    /// <paramref name="status"/> (Core's CheckBlockDataAvailability); the genesis block's missing undo data does not
    /// count. <paramref name="lowerBlock"/> must be an ancestor of <paramref name="upperBlock"/>. Call under the
    /// chainstate lock.
    /// </summary>
    public bool CheckBlockDataAvailability(BlockIndex upperBlock, BlockIndex lowerBlock, BlockStatus status = BlockStatus.HaveData)
    {
        ArgumentNullException.ThrowIfNull(upperBlock);
        ArgumentNullException.ThrowIfNull(lowerBlock);
        if ((upperBlock.Status & status) == 0) return false;
        var first = GetFirstBlock(upperBlock, status, lowerBlock);
        if ((status & BlockStatus.HaveUndo) != 0 && lowerBlock.Height == 0 && first.Height == 1)
        {
            // The genesis block never has undo data: it counts as available if it has the other flags.
            var withoutUndo = status & ~BlockStatus.HaveUndo;
            return first.Previous is { } genesis && (genesis.Status & withoutUndo) != 0;
        }
        return first == lowerBlock;
    }

    /// <summary>
    /// The height of the highest block of <paramref name="chain"/> whose block or undo data has been pruned, or null
    /// if nothing was pruned (Core's GetPruneHeight; the genesis block, which has no undo data, does not count).
    /// getblockchaininfo reports this plus one as "pruneheight". Call under the chainstate lock.
    /// </summary>
    public int? GetPruneHeight(ActiveChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var firstBlock = chain[1];
        var tip = chain.Tip;
        if (firstBlock is null || tip is null) return null;
        if ((tip.Status & BlockStatus.HaveMask) != BlockStatus.HaveMask) return tip.Height;
        var firstUnpruned = GetFirstBlock(tip, BlockStatus.HaveMask, firstBlock);
        if (firstUnpruned == firstBlock) return null;
        return firstUnpruned.Previous!.Height;
    }

    /// <summary>
    /// The lowest block of the run of stored blocks (data and undo) ending at the tip of <paramref name="chain"/>,
    /// i.e. the first block a pruned node can still read; the genesis block when nothing is pruned, null for an empty
    /// chain. Call under the chainstate lock.
    /// </summary>
    public BlockIndex? GetFirstStoredBlock(ActiveChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Tip is null) return null;
        int? pruneHeight = GetPruneHeight(chain);
        return pruneHeight is int height ? chain[height + 1] : chain.Genesis;
    }

    /// <summary>
    /// Forgets the blocks stored in file pair <paramref name="fileNumber"/>: clears their data and undo flags and
    /// positions and resets the file's statistics, all marked for the next block index write (Core's
    /// PruneOneBlockFile). Does not delete the files: <see cref="UnlinkPrunedFiles"/> does, after the index is written.
    /// Call under the chainstate lock.
    /// </summary>
    public void PruneOneBlockFile(int fileNumber)
    {
        if (fileNumber < 0 || fileNumber >= _blockFileInfo.Count) throw new ArgumentOutOfRangeException(nameof(fileNumber));
        foreach (var index in _blockIndex.Values)
        {
            if (index.File != fileNumber) continue;
            index.Status &= ~(BlockStatus.HaveData | BlockStatus.HaveUndo);
            index.File = 0;
            index.DataPos = 0;
            index.UndoPos = 0;
            _dirtyBlockIndex.Add(index);

            // A pruned block must be downloaded again before its branch can be considered, at which point it is
            // linked again: it must not wait as an unlinked child.
            if (index.Previous is { } parent && _blocksUnlinked.TryGetValue(parent, out var children))
            {
                children.Remove(index);
                if (children.Count == 0) _blocksUnlinked.Remove(parent);
            }
        }
        _blockFileInfo[fileNumber] = new BlockFileInfo();
        _dirtyFileInfo.Add(fileNumber);
    }

    /// <summary>
    /// The files the pruneblockchain RPC deletes (Core's FindFilesToPruneManual): every file, except the one being
    /// written, whose blocks all lie within [<paramref name="minBlockToPrune"/>, <paramref name="lastBlockCanPrune"/>].
    /// Each is forgotten with <see cref="PruneOneBlockFile"/> and added to <paramref name="filesToPrune"/>.
    /// </summary>
    internal void FindFilesToPruneManual(ISet<int> filesToPrune, int chainHeight, int minBlockToPrune, int lastBlockCanPrune)
    {
        if (!IsPruneMode) throw new InvalidOperationException("Manual pruning needs prune mode.");
        if (chainHeight < 0) return;
        int count = 0;
        for (int file = 0; file < MaxBlockfileNum; file++)
        {
            var info = _blockFileInfo[file];
            if (info.Size == 0 || info.HeightLast > (uint)lastBlockCanPrune || info.HeightFirst < (uint)minBlockToPrune) continue;
            PruneOneBlockFile(file);
            filesToPrune.Add(file);
            count++;
        }
        Log.Info($"[normal] Prune (Manual): prune_height={lastBlockCanPrune} removed {count} blk/rev pairs");
    }

    /// <summary>
    /// The files automatic pruning deletes to get below the target (Core's FindFilesToPrune): nothing until the chain
    /// is longer than the chain's PruneAfterHeight; then, oldest file first and never the one being written, files
    /// whose blocks all lie in [<paramref name="minBlockToPrune"/>, <paramref name="lastBlockCanPrune"/>] until the
    /// usage plus a buffer for the next allocations (larger while catching up in initial block download) is below
    /// the target.
    /// </summary>
    internal void FindFilesToPrune(ISet<int> filesToPrune, int chainHeight, int minBlockToPrune, int lastBlockCanPrune,
        int bestHeaderHeight, bool isInitialBlockDownload)
    {
        ulong target = Math.Max(MinDiskSpaceForBlockFiles, PruneTarget);
        if (chainHeight < 0 || PruneTarget == 0) return;
        if ((ulong)chainHeight <= ChainParams.PruneAfterHeight) return;

        ulong currentUsage = CalculateCurrentUsage();
        // Pruning is only checked after new space was allocated, so keep room below the target for the next
        // allocation of a blk and a rev chunk.
        ulong buffer = BlockfileChunkSize + UndofileChunkSize;
        int count = 0;
        if (currentUsage + buffer >= target)
        {
            // Every prune flushes the coins cache: while far behind the best header, prune well below the target so
            // that this happens less often (counting 1 MB per block still to come, as Core does).
            if (isInitialBlockDownload && bestHeaderHeight > chainHeight)
            {
                const ulong averageBlockSize = 1_000_000;
                buffer += averageBlockSize * (ulong)(bestHeaderHeight - chainHeight);
            }
            for (int file = 0; file < MaxBlockfileNum; file++)
            {
                var info = _blockFileInfo[file];
                ulong bytes = (ulong)info.Size + info.UndoSize;
                if (info.Size == 0) continue;
                if (currentUsage + buffer < target) break;
                if (info.HeightLast > (uint)lastBlockCanPrune || info.HeightFirst < (uint)minBlockToPrune) continue;
                PruneOneBlockFile(file);
                filesToPrune.Add(file);
                currentUsage -= bytes;
                count++;
            }
        }

        const long mib = 1024 * 1024;
        Log.Debug(LogCategory.Prune, string.Create(CultureInfo.InvariantCulture,
            $"[normal] target={target / mib}MiB actual={currentUsage / mib}MiB diff={(unchecked((long)target) - unchecked((long)currentUsage)) / mib}MiB min_height={minBlockToPrune} max_prune_height={lastBlockCanPrune} removed {count} blk/rev pairs"));
    }

    /// <summary>
    /// Records that files have been pruned (the "prunedblockfiles" flag, synced) before the first ones are forgotten
    /// in the index, so a restart knows not to expect every block.
    /// </summary>
    internal void MarkHavePruned()
    {
        if (HavePruned) return;
        TreeDb.WriteFlag(PrunedBlockFilesFlag, true);
        HavePruned = true;
    }

    /// <summary>
    /// Deletes the blk/rev file pairs <paramref name="filesToPrune"/> (Core's UnlinkPrunedFiles). Call only after the
    /// block index no longer refers to them has been written. Missing files are not an error.
    /// </summary>
    public void UnlinkPrunedFiles(IEnumerable<int> filesToPrune)
    {
        ArgumentNullException.ThrowIfNull(filesToPrune);
        foreach (int file in filesToPrune.Order())
        {
            bool removedBlockFile = TryDelete(_blockFiles.FileName(file));
            bool removedUndoFile = TryDelete(_undoFiles.FileName(file));
            if (removedBlockFile || removedUndoFile)
                Log.Debug(LogCategory.BlockStorage, $"Prune: UnlinkPrunedFiles deleted blk/rev ({file:D5})");
        }
    }

    /// <summary>
    /// Deletes files left behind by a prune that was interrupted after the block index was written (Core's
    /// ScanAndUnlinkAlreadyPrunedFiles): once anything was pruned, every file below the current one with empty
    /// statistics. Call under the chainstate lock after loading the block index.
    /// </summary>
    public void ScanAndUnlinkAlreadyPrunedFiles()
    {
        if (!HavePruned) return;
        var emptyFiles = new List<int>();
        for (int file = 0; file < MaxBlockfileNum && file < _blockFileInfo.Count; file++)
        {
            if (_blockFileInfo[file].Size == 0) emptyFiles.Add(file);
        }
        UnlinkPrunedFiles(emptyFiles);
    }

    /// <summary>
    /// For -reindex in prune mode (Core's CleanupBlockRevFiles): deletes every rev file (the reindex writes them
    /// again) and every blk file after the first gap in the numbering, since a reindex stops reading at the first
    /// missing file; the file statistics then match what is on disk when downloading resumes.
    /// </summary>
    private void CleanupBlockRevFiles()
    {
        Log.Info("Removing unusable blk?????.dat and rev?????.dat files for -reindex with -prune");
        var blockFiles = new SortedDictionary<int, string>();
        foreach (var path in Directory.EnumerateFiles(_options.BlocksDir))
        {
            string name = Path.GetFileName(path);
            if (name.Length != 12 || !name.EndsWith(".dat", StringComparison.Ordinal)) continue;
            bool isBlockFile = name.StartsWith("blk", StringComparison.Ordinal);
            bool isUndoFile = name.StartsWith("rev", StringComparison.Ordinal);
            if (!isBlockFile && !isUndoFile) continue;
            if (!int.TryParse(name.AsSpan(3, 5), NumberStyles.None, CultureInfo.InvariantCulture, out int number)) continue;
            if (isUndoFile) TryDelete(path);
            else blockFiles[number] = path;
        }
        int contiguous = 0;
        foreach (var (number, path) in blockFiles)
        {
            if (number == contiguous)
            {
                contiguous++;
                continue;
            }
            TryDelete(path);
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            if (!File.Exists(path)) return false;
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning($"Unable to delete {path}: {e.Message}");
            return false;
        }
    }
}
