using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Kernel.Storage;
using Bitcoin.Kernel.Storage.Database;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Index;

/// <summary>
/// The transaction index (-txindex) in <c>indexes/txindex</c>: txid → position of the transaction in the block
/// files, as Core's TxIndex on top of BaseIndex. Entries use Core's 't' + txid → CDiskTxPos records and the best
/// block is a block locator under 'B'.
/// </summary>
/// <remarks>
/// Life cycle, as in Core: <see cref="Open"/> after the chainstate is loaded, <see cref="StartBackgroundSync"/>
/// after <see cref="ChainstateManager.ImportBlocks"/> (the "txindex" thread catches up with the chain, then the
/// index follows BlockConnected notifications), and at shutdown, as in Core: flush the chainstate
/// (<see cref="ChainstateManager.FlushStateToDisk"/> with ForceFlush), drain the signal queue, then <see cref="Dispose"/>
/// the index, then the manager. The recorded best block only advances to blocks whose chainstate is flushed, so
/// after a crash the index re-syncs the blocks it may have lost.
/// Thread-safe: <see cref="FindTx"/> and <see cref="GetSummary"/> may be called from any thread.
/// </remarks>
public sealed class TxIndex : IValidationInterface, IDisposable
{
    /// <summary>The index's name in logs and getindexinfo.</summary>
    public const string Name = "txindex";

    private const byte TxPrefix = (byte)'t';
    private static readonly byte[] BestBlockKey = [(byte)'B'];
    // Core's CBlockLocator::DUMMY_VERSION, written before the hashes and never read.
    private const int LocatorDummyVersion = 70016;
    private static readonly TimeSpan SyncLogInterval = TimeSpan.FromSeconds(30);

    private readonly ChainstateManager _chainman;
    private readonly ValidationSignals? _signals;
    private readonly KeyValueDb _db;
    private readonly CancellationTokenSource _interrupt = new();
    private IDisposable? _subscription;
    private Thread? _syncThread;
    private volatile BlockIndex? _bestBlock;
    private volatile bool _synced;
    private bool _disposed;

    private TxIndex(ChainstateManager chainman, ValidationSignals? signals, KeyValueDb db)
    {
        _chainman = chainman;
        _signals = signals;
        _db = db;
    }

    /// <summary>True once the index has caught up with the chain and follows it block by block.</summary>
    public bool Synced => _synced;

    /// <summary>The last block whose transactions are indexed (null before the genesis block).</summary>
    public BlockIndex? BestBlock => _bestBlock;

    /// <summary>
    /// Opens (or with <paramref name="wipe"/> recreates) the index at <c>&lt;datadir&gt;/indexes/txindex</c> and subscribes
    /// to <paramref name="signals"/> (Core's BaseIndex::Init).
    /// </summary>
    /// <exception cref="KernelInitException">The database cannot be opened or its best block is unknown.</exception>
    public static TxIndex Open(ChainstateManager chainman, ValidationSignals? signals, long cacheBytes, bool wipe = false)
    {
        ArgumentNullException.ThrowIfNull(chainman);
        KeyValueDb db;
        try
        {
            db = KeyValueDb.Open(new KeyValueDbOptions
            {
                Path = Path.Combine(chainman.Options.DataDir, "indexes", "txindex"),
                CacheBytes = Math.Max(cacheBytes, 1L << 20),
                WipeData = wipe || chainman.Options.Reindex,
            });
        }
        catch (DatabaseException e)
        {
            throw new KernelInitException(ChainstateLoadStatus.FailureFatal, e.Message, e);
        }
        var index = new TxIndex(chainman, signals, db);
        try
        {
            index.Init();
        }
        catch
        {
            index.Dispose();
            throw;
        }
        return index;
    }

    private void Init()
    {
        // Subscribe before deciding whether we are synced, so no connected block is missed afterwards.
        _subscription = _signals?.Register(this);
        var locator = ReadBestBlockLocator();
        lock (_chainman.Lock)
        {
            if (locator.Count > 0)
            {
                var best = _chainman.Blockman.LookupBlockIndex(locator[0]);
                if (best is null)
                    throw new KernelInitException(ChainstateLoadStatus.FailureFatal, $"best block of {Name} not found. Please rebuild the index.");
                _bestBlock = best;
            }
            _synced = _bestBlock == _chainman.ActiveChain.Tip;
        }
    }

    /// <summary>Starts the thread that indexes the blocks the index has not seen (Core's StartBackgroundSync).</summary>
    public void StartBackgroundSync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_syncThread is not null) throw new InvalidOperationException("The index is already syncing.");
        _syncThread = new Thread(Sync) { IsBackground = true, Name = "b-txindex" };
        _syncThread.Start();
    }

    /// <summary>
    /// Finds a transaction by id (Core's FindTx); null if it is not indexed or cannot be read. Call
    /// <see cref="BlockUntilSyncedToCurrentChain"/> first to see the latest blocks.
    /// </summary>
    public TxIndexResult? FindTx(uint256 txid)
    {
        ArgumentNullException.ThrowIfNull(txid);
        var value = _db.Read(TxKey(txid));
        if (value is null) return null;
        DiskTxPos pos;
        try
        {
            var reader = new SpanReader(value);
            pos = DiskTxPos.ReadFrom(ref reader);
        }
        catch (SerializationException e)
        {
            Log.Error($"{Name}: unreadable entry for {txid}: {e.Message}");
            return null;
        }
        var raw = _chainman.Blockman.ReadRawBlock(pos.BlockPos);
        if (raw is null)
        {
            Log.Error("OpenBlockFile failed");
            return null;
        }
        try
        {
            var header = _chainman.ChainParams.Network.Consensus.ConsensusFactory.CreateBlockHeader();
            header.ReadWrite(new BitcoinStream(raw.AsSpan(0, 80).ToArray()));
            var stream = new BitcoinStream(new MemoryStream(raw, 80 + (int)pos.TxOffset, raw.Length - 80 - (int)pos.TxOffset), false)
            {
                ConsensusFactory = _chainman.ChainParams.Network.Consensus.ConsensusFactory,
                TransactionOptions = TransactionOptions.All,
            };
            var tx = _chainman.ChainParams.Network.Consensus.ConsensusFactory.CreateTransaction();
            tx.ReadWrite(stream);
            if (tx.GetHash() != txid)
            {
                Log.Error("txid mismatch");
                return null;
            }
            return new TxIndexResult(tx, header.GetHash());
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException or IOException)
        {
            Log.Error($"Deserialize or I/O error - {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Waits until the index has processed every block connected so far (Core's BlockUntilSyncedToCurrentChain).
    /// False if the index is still in its initial sync. Call without the chainstate lock.
    /// </summary>
    public bool BlockUntilSyncedToCurrentChain()
    {
        if (!_synced) return false;
        lock (_chainman.Lock)
        {
            var tip = _chainman.ActiveChain.Tip;
            var best = _bestBlock;
            if (tip is null || (best is not null && best.GetAncestor(tip.Height) == tip)) return true;
        }
        Log.Info($"{Name} is catching up on block notifications");
        _signals?.SyncWithValidationInterfaceQueue();
        return true;
    }

    /// <summary>getindexinfo's view of this index.</summary>
    public IndexSummary GetSummary()
    {
        var best = _bestBlock;
        if (best is not null) return new IndexSummary(Name, _synced, best.Height, best.Hash);
        lock (_chainman.Lock) return new IndexSummary(Name, _synced, 0, _chainman.ActiveChain.Genesis?.Hash ?? uint256.Zero);
    }

    /// <summary>Stops the sync thread and closes the database (writing the best block if it may).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _interrupt.Cancel();
        _subscription?.Dispose();
        _syncThread?.Join();
        // Record progress up to the last flushed chainstate (Commit refuses anything further).
        if (_synced) Commit();
        _db.Dispose();
        _interrupt.Dispose();
    }

    /// <inheritdoc/>
    void IValidationInterface.BlockConnected(Block block, BlockIndex index)
    {
        if (!_synced || _disposed) return;
        var best = _bestBlock;
        if (best is null)
        {
            if (index.Height != 0)
            {
                FatalError($"First block connected is not the genesis block (height={index.Height})");
                return;
            }
        }
        else if (best.GetAncestor(index.Height - 1) != index.Previous)
        {
            // Possible briefly after the sync thread caught up while stale-branch events were still queued.
            Log.Warning($"Block {index.Hash} does not connect to an ancestor of known best chain (tip={best.Hash}); not updating index");
            return;
        }
        // Disconnected blocks need no removal here: their entries are simply overwritten or left unreferenced.
        if (ProcessBlock(index, block)) _bestBlock = index;
    }

    /// <inheritdoc/>
    void IValidationInterface.ChainStateFlushed(BlockLocator locator)
    {
        if (!_synced || _disposed || locator.Blocks.Count == 0) return;
        var tipHash = locator.Blocks[0];
        var flushedTip = _chainman.LookupBlockIndex(tipHash);
        if (flushedTip is null)
        {
            FatalError($"First block (hash={tipHash}) in locator was not found");
            return;
        }
        var best = _bestBlock;
        if (best is null || best.GetAncestor(flushedTip.Height) != flushedTip)
        {
            Log.Warning($"Locator contains block (hash={tipHash}) not on known best chain (tip={best?.Hash.ToString() ?? "null"}); not writing index locator");
            return;
        }
        Commit();
    }

    private void Sync()
    {
        var index = _bestBlock;
        if (!_synced)
        {
            var lastLog = DateTime.UtcNow;
            var lastCommit = lastLog;
            while (true)
            {
                if (_interrupt.IsCancellationRequested)
                {
                    Log.Info($"{Name}: m_interrupt set; exiting ThreadSync");
                    _bestBlock = index;
                    Commit();
                    return;
                }
                BlockIndex? next;
                lock (_chainman.Lock) next = NextSyncBlock(index, _chainman.ActiveChain);
                if (next is null)
                {
                    _bestBlock = index;
                    Commit();
                    // Declare synced under the chainstate lock, so no block is connected in between unseen.
                    lock (_chainman.Lock)
                    {
                        next = NextSyncBlock(index, _chainman.ActiveChain);
                        if (next is null)
                        {
                            _synced = true;
                            break;
                        }
                    }
                }
                // A reorg while syncing: the entries of the stale blocks need no removal (see BlockConnected).
                index = next;
                var block = _chainman.ReadBlock(index);
                if (block is null)
                {
                    FatalError($"Failed to read block {index.Hash} from disk");
                    return;
                }
                if (!ProcessBlock(index, block)) return;

                var now = DateTime.UtcNow;
                if (now - lastLog >= SyncLogInterval)
                {
                    Log.Info($"Syncing {Name} with block chain from height {index.Height}");
                    lastLog = now;
                }
                if (now - lastCommit >= SyncLogInterval)
                {
                    _bestBlock = index;
                    lastCommit = now;
                    Commit();
                }
            }
        }
        if (index is not null) Log.Info($"{Name} is enabled at height {index.Height}");
        else Log.Info($"{Name} is enabled");
    }

    private static BlockIndex? NextSyncBlock(BlockIndex? previous, ActiveChain chain)
    {
        if (previous is null) return chain.Genesis;
        var next = chain.Next(previous);
        if (next is not null) return next;
        if (previous == chain.Tip) return null;
        // Not in the active chain: continue after the fork point.
        var fork = chain.FindFork(previous);
        return fork is null ? chain.Genesis : chain.Next(fork);
    }

    private bool ProcessBlock(BlockIndex index, Block block)
    {
        // The genesis block's transaction is not spendable and is not indexed (as Core).
        if (index.Height == 0) return true;
        try
        {
            using var batch = _db.NewBatch();
            var value = new ByteWriter(16);
            var blockPos = new FlatFilePos(index.File, index.DataPos);
            uint offset = (uint)CompactSize.GetSize((ulong)block.Transactions.Count);
            foreach (var tx in block.Transactions)
            {
                value.Clear();
                new DiskTxPos(blockPos, offset).WriteTo(value);
                batch.Put(TxKey(tx.GetHash()), value.WrittenSpan);
                offset += (uint)tx.GetSerializedSize();
            }
            _db.WriteBatch(batch);
            return true;
        }
        catch (DatabaseException e)
        {
            FatalError($"Failed to write block {index.Hash} to index database: {e.Message}");
            return false;
        }
    }

    private void Commit()
    {
        var best = _bestBlock;
        if (best is null) return;
        // Never record a best block the chainstate could not roll back to after a crash.
        var lastFlushed = _chainman.ActiveChainstate.LastFlushedBlock;
        if (lastFlushed is null || lastFlushed.GetAncestor(best.Height) != best)
        {
            Log.Debug(LogCategory.CoinDb, $"Skipping commit, index is ahead of flushed chainstate (index height {best.Height}, last flush at height {lastFlushed?.Height ?? -1})");
            return;
        }
        try
        {
            var writer = new ByteWriter();
            writer.WriteInt32(LocatorDummyVersion);
            List<uint256> hashes;
            lock (_chainman.Lock) hashes = ActiveChain.LocatorEntries(best);
            writer.WriteCompactSize((ulong)hashes.Count);
            foreach (var hash in hashes) writer.WriteUInt256(hash);
            _db.Write(BestBlockKey, writer.WrittenSpan);
        }
        catch (DatabaseException e)
        {
            Log.Error($"Failed to commit latest {Name} state: {e.Message}");
        }
    }

    private List<uint256> ReadBestBlockLocator()
    {
        var value = _db.Read(BestBlockKey);
        if (value is null) return [];
        try
        {
            var reader = new SpanReader(value);
            reader.ReadInt32();
            ulong count = reader.ReadCompactSize();
            var hashes = new List<uint256>();
            for (ulong i = 0; i < count; i++) hashes.Add(reader.ReadUInt256());
            return hashes;
        }
        catch (SerializationException e)
        {
            throw new KernelInitException(ChainstateLoadStatus.FailureFatal, $"Fatal RocksDB error: Corruption: {Name} best block locator is unreadable ({e.Message})", e);
        }
    }

    private void FatalError(string message)
    {
        Log.Error(message);
        _chainman.Options.Notifications.FatalError(message);
    }

    private static byte[] TxKey(uint256 txid)
    {
        var key = new byte[33];
        key[0] = TxPrefix;
        txid.ToBytes(key.AsSpan(1), lendian: true);
        return key;
    }
}
