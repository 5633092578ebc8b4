using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Kernel.Storage.Database;
using NBitcoin;

namespace Bitcoin.Kernel.Storage;

// The in-memory block tree and its database (Core's BlockManager index half).
public sealed partial class BlockManager
{
    private readonly Dictionary<uint256, BlockIndex> _blockIndex = [];
    private readonly HashSet<BlockIndex> _dirtyBlockIndex = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<BlockIndex, List<BlockIndex>> _blocksUnlinked = new(ReferenceEqualityComparer.Instance);

    /// <summary>Number of known block headers.</summary>
    public int BlockIndexCount => _blockIndex.Count;

    /// <summary>All known entries (unordered). The collection is live: enumerate under the chainstate lock.</summary>
    public IReadOnlyCollection<BlockIndex> AllBlockIndices => _blockIndex.Values;

    /// <summary>True while blocks are being loaded from files rather than the network (Core's LoadingBlocks).</summary>
    public bool LoadingBlocks => Importing || !BlockFilesIndexed;

    /// <summary>The entry for <paramref name="hash"/>, or null.</summary>
    public BlockIndex? LookupBlockIndex(uint256 hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return _blockIndex.GetValueOrDefault(hash);
    }

    /// <summary>Marks an entry to be written at the next <see cref="WriteBlockIndexDb"/>.</summary>
    public void MarkDirty(BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        _dirtyBlockIndex.Add(index);
    }

    /// <summary>
    /// Adds a header to the tree (or returns the existing entry), linking it to its parent, computing its chain work
    /// and raising it to <see cref="BlockStatus.ValidTree"/>; updates <paramref name="bestHeader"/> if it has more work.
    /// </summary>
    public BlockIndex AddToBlockIndex(BlockHeader header, ref BlockIndex? bestHeader)
    {
        ArgumentNullException.ThrowIfNull(header);
        var hash = header.GetHash();
        if (_blockIndex.TryGetValue(hash, out var existing)) return existing;

        var index = new BlockIndex(header);
        // Sequence ids are assigned only when the block data arrives, so withheld blocks gain no advantage.
        index.SequenceId = SequenceIdInitFromDisk;
        if (_blockIndex.TryGetValue(header.HashPrevBlock, out var previous))
        {
            index.Previous = previous;
            index.Height = previous.Height + 1;
            index.BuildSkip();
        }
        index.TimeMax = previous is null ? index.Time : Math.Max(previous.TimeMax, index.Time);
        index.ChainWork = (previous?.ChainWork ?? ArithUInt256.Zero) + Pow.GetBlockProof(index);
        index.RaiseValidity(BlockStatus.ValidTree);
        _blockIndex.Add(hash, index);
        if (bestHeader is null || bestHeader.ChainWork < index.ChainWork) bestHeader = index;
        _dirtyBlockIndex.Add(index);
        return index;
    }

    /// <summary>Core's SEQ_ID_INIT_FROM_DISK: the sequence id of entries not yet given block data in this run.</summary>
    public const int SequenceIdInitFromDisk = 1;

    /// <summary>Core's SEQ_ID_BEST_CHAIN_FROM_DISK: entries of the chain loaded as the tip sort before all others.</summary>
    public const int SequenceIdBestChainFromDisk = 0;

    /// <summary>Remembers a block whose data is here but whose parent's is not (Core's AddUnlinkedBlock).</summary>
    public void AddUnlinkedBlock(BlockIndex block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Previous is null) return;
        if (!_blocksUnlinked.TryGetValue(block.Previous, out var children))
        {
            children = [];
            _blocksUnlinked.Add(block.Previous, children);
        }
        if (!children.Contains(block)) children.Add(block);
    }

    /// <summary>Removes and returns the unlinked children waiting for <paramref name="parent"/>.</summary>
    public IReadOnlyList<BlockIndex> TakeUnlinkedChildren(BlockIndex parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return _blocksUnlinked.Remove(parent, out var children) ? children : [];
    }

    /// <summary>Writes every dirty entry and file statistics to the block index database, synced (Core's WriteBlockIndexDB).</summary>
    public void WriteBlockIndexDb()
    {
        var files = _dirtyFileInfo.Order().Select(f => new KeyValuePair<int, BlockFileInfo>(f, _blockFileInfo[f])).ToList();
        var blocks = _dirtyBlockIndex.Select(DiskBlockIndex.From).ToList();
        TreeDb.WriteBatchSync(files, MaxBlockfileNum, blocks);
        _dirtyFileInfo.Clear();
        _dirtyBlockIndex.Clear();
    }

    /// <summary>
    /// Loads the block index database (Core's LoadBlockIndexDB): entries, chain work, transaction counts, file
    /// statistics, the check that every referenced blk file exists, and the reindex flag. False (logged) when the
    /// data is unusable; throws <see cref="DatabaseException"/> when the database cannot be read.
    /// </summary>
    public bool LoadBlockIndexDb()
    {
        if (!LoadBlockIndex()) return false;

        int maxBlockfileNum = Math.Max(TreeDb.ReadLastBlockFile() ?? 0, 0);
        _blockFileInfo.Clear();
        Log.Info($"Loading block index db: last block file = {maxBlockfileNum}");
        for (int file = 0; file <= maxBlockfileNum; file++) _blockFileInfo.Add(TreeDb.ReadBlockFileInfo(file) ?? new BlockFileInfo());
        Log.Info($"Loading block index db: last block file info: {_blockFileInfo[maxBlockfileNum]}");
        for (int file = maxBlockfileNum + 1; ; file++)
        {
            var info = TreeDb.ReadBlockFileInfo(file);
            if (info is null) break;
            _blockFileInfo.Add(info);
        }

        Log.Info("Checking all blk files are present...");
        var filesWithData = _blockIndex.Values.Where(b => (b.Status & BlockStatus.HaveData) != 0).Select(b => b.File).ToHashSet();
        foreach (int file in filesWithData.Order())
        {
            if (!_blockFiles.Exists(file))
            {
                Log.Error($"Unable to open file {_blockFiles.FileName(file)}");
                return false;
            }
        }

        // The write cursor continues in the last file that has statistics.
        _cursor = new BlockfileCursor(_blockFileInfo.Count - 1);

        // Whether block and undo files were ever pruned here: blocks of the chain may then lack data.
        HavePruned = TreeDb.ReadFlag(PrunedBlockFilesFlag) == true;
        if (HavePruned) Log.Info("Loading block index db: Block files have previously been pruned");
        if (TreeDb.ReadReindexing()) BlockFilesIndexed = false;
        return true;
    }

    private bool LoadBlockIndex()
    {
        var records = new List<(BlockIndex Index, uint256 PrevHash)>();
        try
        {
            foreach (var (hash, record) in TreeDb.ReadAllBlockIndexRecords())
            {
                var index = new BlockIndex(hash, record.Version, record.MerkleRoot, record.Time, record.Bits, record.Nonce)
                {
                    Height = record.Height,
                    File = record.File,
                    DataPos = record.DataPos,
                    UndoPos = record.UndoPos,
                    Status = record.Status,
                    TxCount = record.TxCount,
                };
                if (!Pow.CheckProofOfWork(hash, record.Bits, ChainParams.Consensus))
                {
                    Log.Error($"LoadBlockIndexGuts: CheckProofOfWork failed: {index}");
                    return false;
                }
                _blockIndex[hash] = index;
                records.Add((index, record.PrevHash));
            }
        }
        catch (SerializationException e)
        {
            Log.Error($"LoadBlockIndexGuts: failed to read value: {e.Message}");
            return false;
        }
        foreach (var (index, prevHash) in records)
        {
            if (prevHash == uint256.Zero) continue;
            if (!_blockIndex.TryGetValue(prevHash, out var previous) || previous.Height != index.Height - 1)
            {
                Log.Error($"LoadBlockIndex: block {index.Hash} at height {index.Height} has no parent entry {prevHash}");
                return false;
            }
            index.Previous = previous;
        }

        var byHeight = _blockIndex.Values.OrderBy(b => b.Height).ToList();
        BlockIndex? last = null;
        foreach (var index in byHeight)
        {
            if (last is not null && index.Height > last.Height + 1)
            {
                Log.Error($"LoadBlockIndex: block index is non-contiguous, index of height {last.Height + 1} missing");
                return false;
            }
            last = index;
            index.ChainWork = (index.Previous?.ChainWork ?? ArithUInt256.Zero) + Pow.GetBlockProof(index);
            index.TimeMax = index.Previous is null ? index.Time : Math.Max(index.Previous.TimeMax, index.Time);
            if (index.TxCount > 0)
            {
                if (index.Previous is null)
                {
                    index.ChainTxCount = index.TxCount;
                }
                else if (index.Previous.ChainTxCount > 0)
                {
                    index.ChainTxCount = index.Previous.ChainTxCount + index.TxCount;
                }
                else
                {
                    index.ChainTxCount = 0;
                    if ((index.Status & BlockStatus.HaveData) != 0) AddUnlinkedBlock(index);
                }
            }
            if ((index.Status & BlockStatus.FailedChild) != 0)
            {
                // Deprecated flag from older databases: fold it into FailedValid.
                index.Status = (index.Status & ~BlockStatus.FailedChild) | BlockStatus.FailedValid;
                _dirtyBlockIndex.Add(index);
            }
            if ((index.Status & BlockStatus.FailedValid) == 0 && index.Previous is not null && (index.Previous.Status & BlockStatus.FailedValid) != 0)
            {
                // Descendants of invalid blocks are invalid too.
                index.Status |= BlockStatus.FailedValid;
                _dirtyBlockIndex.Add(index);
            }
            if (index.Previous is not null) index.BuildSkip();
        }
        return true;
    }
}
