using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Kernel.Storage;
using Bitcoin.Kernel.Storage.Database;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Index;

/// <summary>
/// What every optional index shares (Core's BaseIndex): a database under <c>indexes/</c> whose best block is a block
/// locator under 'B', a background thread that catches up with the active chain, then BlockConnected notifications,
/// and a best block that is only recorded once the chainstate is flushed up to it, so that after a crash the index
/// re-syncs the blocks it may have lost.
/// </summary>
/// <remarks>
/// Life cycle, as in Core: the subclass's factory opens the database and calls <see cref="Init"/> after the
/// chainstate is loaded; <see cref="StartBackgroundSync"/> after <see cref="ChainstateManager.ImportBlocks"/>; at
/// shutdown, flush the chainstate (<see cref="ChainstateManager.FlushStateToDisk"/> with ForceFlush), drain the
/// signal queue, then <see cref="Dispose"/> the index, then the manager. An index that allows pruning holds a prune
/// lock at its best block, so blocks it has not processed yet are not deleted.
/// </remarks>
public abstract class BaseIndex : IValidationInterface, IDisposable
{
    private static readonly byte[] BestBlockKey = [(byte)'B'];
    // Core's CBlockLocator::DUMMY_VERSION, written before the hashes and never read.
    private const int LocatorDummyVersion = 70016;
    private static readonly TimeSpan SyncLogInterval = TimeSpan.FromSeconds(30);

    private readonly ValidationSignals? _signals;
    private readonly CancellationTokenSource _interrupt = new();
    private IDisposable? _subscription;
    private Thread? _syncThread;
    private volatile BlockIndex? _bestBlock;
    private volatile bool _synced;
    private bool _disposed;

    /// <summary>Creates the index over an opened <paramref name="db"/>; call <see cref="Init"/> next.</summary>
    private protected BaseIndex(ChainstateManager chainman, ValidationSignals? signals, KeyValueDb db)
    {
        Chainman = chainman;
        _signals = signals;
        Db = db;
    }

    /// <summary>The index's name in logs, prune locks and getindexinfo ("txindex", "basic block filter index").</summary>
    public abstract string Name { get; }

    /// <summary>True once the index has caught up with the chain and follows it block by block.</summary>
    public bool Synced => _synced;

    /// <summary>The last block the index has processed (null before the genesis block).</summary>
    public BlockIndex? BestBlock => _bestBlock;

    /// <summary>The chainstate the index follows.</summary>
    private protected ChainstateManager Chainman { get; }

    /// <summary>The index's database.</summary>
    private protected KeyValueDb Db { get; }

    /// <summary>Whether the index works on a pruned node (it then holds a prune lock at its best block).</summary>
    private protected virtual bool AllowPrune => false;

    /// <summary>Whether <see cref="CustomAppend"/> needs the block's undo data (the start-up check of pruned data).</summary>
    public virtual bool NeedsUndoData => false;

    /// <summary>
    /// Opens (or with <paramref name="wipe"/>, or when the chainstate is reindexing, recreates) the database at
    /// <c>&lt;datadir&gt;/indexes/<paramref name="relativePath"/></c>.
    /// </summary>
    /// <exception cref="KernelInitException">The database cannot be opened.</exception>
    private protected static KeyValueDb OpenDatabase(ChainstateManager chainman, string relativePath, long cacheBytes, bool wipe)
    {
        ArgumentNullException.ThrowIfNull(chainman);
        try
        {
            return KeyValueDb.Open(new KeyValueDbOptions
            {
                Path = Path.Combine(chainman.Options.DataDir, "indexes", relativePath),
                CacheBytes = Math.Max(cacheBytes, 1L << 20),
                WipeData = wipe || chainman.Options.Reindex,
            });
        }
        catch (DatabaseException e)
        {
            throw new KernelInitException(ChainstateLoadStatus.FailureFatal, e.Message, e);
        }
    }

    /// <summary>
    /// Subscribes to the validation signals and reads the best block (Core's BaseIndex::Init); disposes the index
    /// if that fails.
    /// </summary>
    /// <exception cref="KernelInitException">The best block is unknown or the locator unreadable.</exception>
    private protected void Init()
    {
        try
        {
            // Subscribe before deciding whether we are synced, so no connected block is missed afterwards.
            _subscription = _signals?.Register(this);
            var locator = ReadBestBlockLocator();
            lock (Chainman.Lock)
            {
                if (locator.Count > 0)
                {
                    var best = Chainman.Blockman.LookupBlockIndex(locator[0]);
                    if (best is null)
                        throw new KernelInitException(ChainstateLoadStatus.FailureFatal, $"best block of {Name} not found. Please rebuild the index.");
                    SetBestBlock(best);
                }
                CustomInit(_bestBlock);
                _synced = _bestBlock == Chainman.ActiveChain.Tip;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Starts the thread that processes the blocks the index has not seen (Core's StartBackgroundSync).</summary>
    public void StartBackgroundSync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_syncThread is not null) throw new InvalidOperationException("The index is already syncing.");
        _syncThread = new Thread(Sync) { IsBackground = true, Name = "b-" + ThreadName };
        _syncThread.Start();
    }

    /// <summary>
    /// Waits until the index has processed every block connected so far (Core's BlockUntilSyncedToCurrentChain).
    /// False if the index is still in its initial sync. Call without the chainstate lock.
    /// </summary>
    public bool BlockUntilSyncedToCurrentChain()
    {
        if (!_synced) return false;
        lock (Chainman.Lock)
        {
            var tip = Chainman.ActiveChain.Tip;
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
        lock (Chainman.Lock) return new IndexSummary(Name, _synced, 0, Chainman.ActiveChain.Genesis?.Hash ?? uint256.Zero);
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
        Db.Dispose();
        _interrupt.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The thread's name without the "b-" prefix.</summary>
    private protected virtual string ThreadName => Name;

    /// <summary>Called once the best block is known, under the chainstate lock (Core's CustomInit).</summary>
    /// <exception cref="KernelInitException">The index's data does not match its best block.</exception>
    private protected virtual void CustomInit(BlockIndex? bestBlock)
    {
    }

    /// <summary>
    /// Adds a block (whose parent is the best block) to the index (Core's CustomAppend); returns false after
    /// reporting a fatal error. May throw <see cref="DatabaseException"/>.
    /// </summary>
    private protected abstract bool CustomAppend(BlockIndex index, Block block);

    /// <summary>Reports an error the index cannot go on from: logged and handed to the node as a fatal error.</summary>
    private protected void FatalError(string message)
    {
        Log.Error(message);
        Chainman.Options.Notifications.FatalError(message);
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
        // Blocks of a stale branch need no removal: entries are keyed so that they are overwritten or left unreferenced.
        if (Append(index, block)) SetBestBlock(index);
    }

    /// <inheritdoc/>
    void IValidationInterface.ChainStateFlushed(BlockLocator locator)
    {
        if (!_synced || _disposed || locator.Blocks.Count == 0) return;
        var tipHash = locator.Blocks[0];
        var flushedTip = Chainman.LookupBlockIndex(tipHash);
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

    private void SetBestBlock(BlockIndex? block)
    {
        if (AllowPrune && block is not null)
        {
            lock (Chainman.Lock) Chainman.Blockman.UpdatePruneLock(Name, new PruneLockInfo(block.Height));
        }
        // Last, so that a caller seeing the new best block also sees the prune lock moved.
        _bestBlock = block;
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
                    SetBestBlock(index);
                    Commit();
                    return;
                }
                BlockIndex? next;
                lock (Chainman.Lock) next = NextSyncBlock(index, Chainman.ActiveChain);
                if (next is null)
                {
                    SetBestBlock(index);
                    Commit();
                    // Declare synced under the chainstate lock, so no block is connected in between unseen.
                    lock (Chainman.Lock)
                    {
                        next = NextSyncBlock(index, Chainman.ActiveChain);
                        if (next is null)
                        {
                            _synced = true;
                            break;
                        }
                    }
                }
                index = next;
                var block = Chainman.ReadBlock(index);
                if (block is null)
                {
                    FatalError($"Failed to read block {index.Hash} from disk");
                    return;
                }
                if (!Append(index, block)) return;

                var now = DateTime.UtcNow;
                if (now - lastLog >= SyncLogInterval)
                {
                    Log.Info($"Syncing {Name} with block chain from height {index.Height}");
                    lastLog = now;
                }
                if (now - lastCommit >= SyncLogInterval)
                {
                    SetBestBlock(index);
                    lastCommit = now;
                    Commit();
                }
            }
        }
        if (index is not null) Log.Info($"{Name} is enabled at height {index.Height}");
        else Log.Info($"{Name} is enabled");
    }

    private bool Append(BlockIndex index, Block block)
    {
        try
        {
            return CustomAppend(index, block);
        }
        catch (DatabaseException e)
        {
            FatalError($"Failed to write block {index.Hash} to index database: {e.Message}");
            return false;
        }
    }

    private static BlockIndex? NextSyncBlock(BlockIndex? previous, ActiveChain chain)
    {
        if (previous is null) return chain.Genesis;
        var next = chain.Next(previous);
        if (next is not null) return next;
        if (previous == chain.Tip) return null;
        // Not in the active chain (a reorg while the index was off or syncing): continue after the fork point.
        var fork = chain.FindFork(previous);
        return fork is null ? chain.Genesis : chain.Next(fork);
    }

    private void Commit()
    {
        var best = _bestBlock;
        if (best is null) return;
        // Never record a best block the chainstate could not roll back to after a crash.
        var lastFlushed = Chainman.ActiveChainstate.LastFlushedBlock;
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
            lock (Chainman.Lock) hashes = ActiveChain.LocatorEntries(best);
            writer.WriteCompactSize((ulong)hashes.Count);
            foreach (var hash in hashes) writer.WriteUInt256(hash);
            Db.Write(BestBlockKey, writer.WrittenSpan);
        }
        catch (DatabaseException e)
        {
            Log.Error($"Failed to commit latest {Name} state: {e.Message}");
        }
    }

    private List<uint256> ReadBestBlockLocator()
    {
        var value = Db.Read(BestBlockKey);
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
}
