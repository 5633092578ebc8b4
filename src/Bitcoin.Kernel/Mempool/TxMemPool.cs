using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Mempool.Internal;
using Bitcoin.Kernel.Policy;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool;

/// <summary>
/// The transaction memory pool (Core's CTxMemPool): valid unconfirmed transactions that may go into the next block,
/// indexed by txid, wtxid, entry time and spent outpoints, with the cluster graph that orders them for mining and
/// eviction, fee deltas, the unbroadcast set and the rolling minimum fee.
/// </summary>
/// <remarks>
/// <para>Locking as Core's: <see cref="Lock"/> is <c>mempool.cs</c>, taken after the chainstate lock when both are
/// needed. Members take it themselves; hold it to read several things consistently (entries stay valid while held).
/// Adding transactions (<see cref="AcceptToMemoryPool"/>, <see cref="ProcessNewPackage"/>) takes the chainstate lock
/// first, so never call them while holding only this lock.</para>
/// <para>The pool is attached to a chainstate with <see cref="AttachChainstate"/> once that is loaded (acceptance and
/// reorg handling need it); pass it as <see cref="ChainstateManagerOptions.Mempool"/> so blocks keep it consistent.</para>
/// </remarks>
public sealed partial class TxMemPool
{
    /// <summary>Half-life of the rolling minimum fee, in seconds (Core's ROLLING_FEE_HALFLIFE).</summary>
    public const int RollingFeeHalfLife = 60 * 60 * 12;

    /// <summary>The height Core gives coins created by mempool transactions (MEMPOOL_HEIGHT).</summary>
    public const int MempoolHeight = 0x7FFFFFFF;

    private readonly Dictionary<uint256, MempoolEntry> _byTxid = [];
    private readonly Dictionary<uint256, MempoolEntry> _byWtxid = [];
    private readonly SortedSet<MempoolEntry> _byTime = new(EntryTimeOrder.Instance);
    private readonly Dictionary<OutPoint, MempoolEntry> _spentBy = [];
    private readonly Dictionary<uint256, long> _deltas = [];
    private readonly HashSet<uint256> _unbroadcast = [];
    private readonly List<MempoolEntry> _pendingGraphRemovals = [];
    private readonly TxGraph _graph;

    private long _totalTxSize;
    private long _totalFee;
    private long _cachedInnerUsage;
    private long _transactionsUpdated;
    private ulong _sequence = 1;
    private long _lastRollingFeeUpdate;
    private bool _blockSinceLastRollingFeeBump;
    private double _rollingMinimumFeeRate;
    private bool _loadTried;
    private bool _haveChangeSet;

    /// <summary>Creates an empty mempool. Throws <see cref="ArgumentException"/> with Core's message when the options are unusable.</summary>
    public TxMemPool(MempoolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Check() is { } error) throw new ArgumentException(error, nameof(options));
        Options = options with { CheckRatio = Math.Clamp(options.CheckRatio, 0, 1_000_000) };
        _graph = new TxGraph(Options.Limits.ClusterCount, Options.Limits.ClusterSizeVBytes * 4);
        _lastRollingFeeUpdate = Now();
    }

    /// <summary>The mempool lock (Core's mempool.cs); re-entrant. Take it after the chainstate lock.</summary>
    public Lock Lock { get; } = new();

    /// <summary>The options in effect.</summary>
    public MempoolOptions Options { get; }

    /// <summary>Number of transactions.</summary>
    public int Count
    {
        get
        {
            lock (Lock) return _byTxid.Count;
        }
    }

    /// <summary>The sum of the transactions' sigop-adjusted virtual sizes (getmempoolinfo "bytes").</summary>
    public long TotalTxSize
    {
        get
        {
            lock (Lock) return _totalTxSize;
        }
    }

    /// <summary>The sum of the fees paid, without deltas (getmempoolinfo "total_fee").</summary>
    public long TotalFee
    {
        get
        {
            lock (Lock) return _totalFee;
        }
    }

    /// <summary>A counter that changes with every addition, removal or fee delta (Core's GetTransactionsUpdated).</summary>
    public long TransactionsUpdated => Interlocked.Read(ref _transactionsUpdated);

    /// <summary>The mempool sequence number the next addition or removal gets (getrawmempool's mempool_sequence).</summary>
    public ulong Sequence
    {
        get
        {
            lock (Lock) return _sequence;
        }
    }

    /// <summary>True once the initial load of mempool.dat was attempted, successfully or not.</summary>
    public bool LoadTried
    {
        get
        {
            lock (Lock) return _loadTried;
        }
        set
        {
            lock (Lock) _loadTried = value;
        }
    }

    /// <summary>
    /// Memory used by the mempool in Core's accounting: entries, transactions, the outpoint index, deltas and the
    /// cluster graph (getmempoolinfo "usage"; compared with -maxmempool).
    /// </summary>
    public long DynamicMemoryUsage
    {
        get
        {
            lock (Lock)
            {
                long count = _byTxid.Count;
                return (CoreMemoryUsage.EntryOverhead * count) + (CoreMemoryUsage.SpendIndexNode * _spentBy.Count) +
                       (CoreMemoryUsage.DeltaNode * _deltas.Count) + CoreMemoryUsage.Malloc(count * CoreMemoryUsage.RandomizedEntry) +
                       _graph.MemoryUsage + _cachedInnerUsage;
            }
        }
    }

    /// <summary>True if a transaction with this txid is in the mempool.</summary>
    public bool Exists(uint256 txid)
    {
        lock (Lock) return _byTxid.ContainsKey(txid);
    }

    /// <summary>True if a transaction with this wtxid is in the mempool.</summary>
    public bool ExistsWtxid(uint256 wtxid)
    {
        lock (Lock) return _byWtxid.ContainsKey(wtxid);
    }

    /// <summary>The transaction with this txid, or null.</summary>
    public Transaction? Get(uint256 txid)
    {
        lock (Lock) return _byTxid.GetValueOrDefault(txid)?.Transaction;
    }

    /// <summary>The transaction with this wtxid, or null.</summary>
    public Transaction? GetByWtxid(uint256 wtxid)
    {
        lock (Lock) return _byWtxid.GetValueOrDefault(wtxid)?.Transaction;
    }

    /// <summary>The entry with this txid, or null.</summary>
    public MempoolEntry? GetEntry(uint256 txid)
    {
        lock (Lock) return _byTxid.GetValueOrDefault(txid);
    }

    /// <summary>The entry with this wtxid, or null.</summary>
    public MempoolEntry? GetEntryByWtxid(uint256 wtxid)
    {
        lock (Lock) return _byWtxid.GetValueOrDefault(wtxid);
    }

    /// <summary>True if a mempool transaction spends <paramref name="outpoint"/>.</summary>
    public bool IsSpent(OutPoint outpoint)
    {
        lock (Lock) return _spentBy.ContainsKey(outpoint);
    }

    /// <summary>The mempool transaction spending <paramref name="outpoint"/>, or null (Core's GetConflictTx).</summary>
    public Transaction? GetConflictTx(OutPoint outpoint)
    {
        lock (Lock) return _spentBy.GetValueOrDefault(outpoint)?.Transaction;
    }

    /// <summary>True if none of the inputs of <paramref name="tx"/> comes from a mempool transaction.</summary>
    public bool HasNoInputsOf(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        lock (Lock) return tx.Inputs.All(i => !_byTxid.ContainsKey(i.PrevOut.Hash));
    }

    /// <summary>Adds <paramref name="count"/> to <see cref="TransactionsUpdated"/>.</summary>
    public void AddTransactionsUpdated(long count) => Interlocked.Add(ref _transactionsUpdated, count);

    /// <summary>Returns the next sequence number and advances it (Core's GetAndIncrementSequence).</summary>
    internal ulong GetAndIncrementSequence() => _sequence++;

    internal TxGraph Graph => _graph;

    private long Now() => Options.Clock.GetUtcNow().ToUnixTimeSeconds();

    // Adds a new entry whose graph links are already in the graph (Core's addNewTransaction).
    private void AddNewTransaction(MempoolEntry entry)
    {
        _byTxid.Add(entry.Txid, entry);
        _byWtxid.Add(entry.Wtxid, entry);
        _byTime.Add(entry);
        _cachedInnerUsage += entry.UsageSize;
        foreach (var input in entry.Transaction.Inputs) _spentBy[input.PrevOut] = entry;
        Interlocked.Increment(ref _transactionsUpdated);
        _totalTxSize += entry.VirtualSize;
        _totalFee += entry.Fee;
        entry.InMempool = true;
    }

    // Removes an entry from every index and tells subscribers (Core's removeUnchecked). The graph removal is batched:
    // call FlushGraphRemovals before reading the graph again.
    private void RemoveUnchecked(MempoolEntry entry, MempoolRemovalReason reason, bool graphDone = false)
    {
        if (!entry.InMempool) return;
        ulong sequence = GetAndIncrementSequence();
        // Subscribers interested in block transactions follow BlockConnected instead.
        if (reason != MempoolRemovalReason.Block) Options.Signals?.TransactionRemovedFromMempool(entry.Transaction, reason, sequence);
        foreach (var input in entry.Transaction.Inputs)
        {
            if (_spentBy.TryGetValue(input.PrevOut, out var spender) && ReferenceEquals(spender, entry)) _spentBy.Remove(input.PrevOut);
        }
        RemoveUnbroadcastTx(entry.Txid, unchecked_: true);
        _totalTxSize -= entry.VirtualSize;
        _totalFee -= entry.Fee;
        _cachedInnerUsage -= entry.UsageSize;
        _byTxid.Remove(entry.Txid);
        _byWtxid.Remove(entry.Wtxid);
        _byTime.Remove(entry);
        Interlocked.Increment(ref _transactionsUpdated);
        entry.InMempool = false;
        if (!graphDone) _pendingGraphRemovals.Add(entry);
    }

    private void FlushGraphRemovals()
    {
        if (_pendingGraphRemovals.Count == 0) return;
        _graph.Remove(_pendingGraphRemovals);
        _pendingGraphRemovals.Clear();
    }

    private sealed class EntryTimeOrder : IComparer<MempoolEntry>
    {
        public static EntryTimeOrder Instance { get; } = new();

        public int Compare(MempoolEntry? a, MempoolEntry? b)
        {
            if (ReferenceEquals(a, b)) return 0;
            int c = a!.Time.CompareTo(b!.Time);
            if (c != 0) return c;
            // Entries are unique by txid; any fixed order among equal times will do.
            return a.OrderKey.CompareTo(b.OrderKey);
        }
    }

}
