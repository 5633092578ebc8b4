using Bitcoin.Kernel.Validation;

namespace Bitcoin.Kernel.Mempool;

// Change sets: the only way transactions enter the mempool.
public sealed partial class TxMemPool
{
    private MempoolChangeSet? _changeSet;

    /// <summary>Starts a change set (Core's GetChangeSet). The mempool lock must be held until it is disposed.</summary>
    public MempoolChangeSet GetChangeSet()
    {
        lock (Lock)
        {
            if (_haveChangeSet) throw new InvalidOperationException("A mempool change set is already outstanding.");
            _haveChangeSet = true;
            _changeSet = new MempoolChangeSet(this);
            return _changeSet;
        }
    }

    internal void ReleaseChangeSet(MempoolChangeSet changeSet)
    {
        lock (Lock)
        {
            if (!ReferenceEquals(_changeSet, changeSet)) return;
            _changeSet = null;
            _haveChangeSet = false;
        }
    }

    internal void Apply(MempoolChangeSet changeSet)
    {
        lock (Lock)
        {
            // Direct changes are allowed again for the duration of the application.
            _haveChangeSet = false;
            try
            {
                foreach (var entry in changeSet.Removals) RemoveUnchecked(entry, MempoolRemovalReason.Replaced);
                FlushGraphRemovals();
                foreach (var entry in changeSet.Added)
                {
                    // A parent replaced by this very change cannot stay a parent (ATMP rejects such spends earlier).
                    entry.Parents.RemoveAll(p => !p.InMempool && !changeSet.Added.Contains(p));
                }
                foreach (var entry in changeSet.Added) AddNewTransaction(entry);
                _graph.Add(changeSet.Added);
            }
            finally
            {
                _haveChangeSet = ReferenceEquals(_changeSet, changeSet);
            }
        }
    }
}
