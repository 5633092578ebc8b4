using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool;

/// <summary>
/// A proposed change to the mempool (Core's CTxMemPool::ChangeSet): transactions to add (parents first) and
/// transactions to remove (replacements), which can be checked against the cluster limits and compared by fee rate
/// diagram before being applied. Only one may exist at a time; the mempool lock must be held while it lives.
/// </summary>
public sealed class MempoolChangeSet : IDisposable
{
    private readonly TxMemPool _pool;
    private readonly List<MempoolEntry> _added = [];
    private readonly Dictionary<uint256, MempoolEntry> _addedByTxid = [];
    private readonly HashSet<MempoolEntry> _removed = new(ReferenceEqualityComparer.Instance);
    private bool _done;

    internal MempoolChangeSet(TxMemPool pool) => _pool = pool;

    /// <summary>The staged additions, in order.</summary>
    public IReadOnlyList<MempoolEntry> Added => _added;

    /// <summary>The staged removals.</summary>
    public IReadOnlyCollection<MempoolEntry> Removals => _removed;

    /// <summary>
    /// Stages a new transaction; its modified fee includes any recorded delta. Its graph parents are the mempool and
    /// staged transactions it spends from. Returns its entry.
    /// </summary>
    public MempoolEntry StageAddition(Transaction tx, long fee, long time, int height, ulong sequence, bool spendsCoinbase, long sigOpCost,
        LockPoints lockPoints)
    {
        ArgumentNullException.ThrowIfNull(tx);
        lock (_pool.Lock)
        {
            var entry = new MempoolEntry(tx, fee, time, height, sequence, spendsCoinbase, sigOpCost, lockPoints, _pool.Options.BytesPerSigOp);
            long delta = _pool.GetDelta(entry.Txid);
            if (delta != 0) entry.ModifiedFee = TxMemPool.SaturatingAdd(entry.ModifiedFee, delta);
            foreach (var parentTxid in tx.Inputs.Select(i => i.PrevOut.Hash).Distinct())
            {
                var parent = _pool.GetEntry(parentTxid) ?? _addedByTxid.GetValueOrDefault(parentTxid);
                if (parent is not null) entry.Parents.Add(parent);
            }
            _added.Add(entry);
            _addedByTxid[entry.Txid] = entry;
            return entry;
        }
    }

    /// <summary>Stages the removal of a mempool transaction.</summary>
    public void StageRemoval(MempoolEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _removed.Add(entry);
    }

    /// <summary>True when no resulting cluster would exceed the count or size limit.</summary>
    public bool CheckMemPoolPolicyLimits()
    {
        lock (_pool.Lock) return _pool.Graph.Evaluate(_added, _removed, diagrams: false).WithinLimits;
    }

    /// <summary>The in-mempool ancestors of a staged transaction (not counting other staged ones).</summary>
    public List<MempoolEntry> CalculateMemPoolAncestors(MempoolEntry staged) => _pool.CalculateMemPoolAncestors(staged);

    /// <summary>
    /// The chunks of the clusters the change touches, before and after (Core's CalculateChunksForRBF); an error when a
    /// cluster would be too large.
    /// </summary>
    public (IReadOnlyList<FeeFrac> Old, IReadOnlyList<FeeFrac> New)? CalculateChunksForRbf(out string? error)
    {
        lock (_pool.Lock)
        {
            var evaluation = _pool.Graph.Evaluate(_added, _removed, diagrams: true);
            if (!evaluation.WithinLimits)
            {
                error = "cluster size limit exceeded";
                return null;
            }
            error = null;
            return (evaluation.OldChunks, evaluation.NewChunks);
        }
    }

    /// <summary>Applies the change: removals (reason Replaced) then additions.</summary>
    public void Apply()
    {
        if (_done) throw new InvalidOperationException("The change set was already applied.");
        _done = true;
        _pool.Apply(this);
    }

    /// <summary>Discards the change set (applied or not).</summary>
    public void Dispose()
    {
        _done = true;
        _pool.ReleaseChangeSet(this);
    }
}
