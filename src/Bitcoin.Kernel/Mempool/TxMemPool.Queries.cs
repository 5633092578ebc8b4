using Bitcoin.Kernel.Mempool.Internal;
using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool;

// Read-only views: relatives, clusters, chunks and mining order. Entries returned stay valid while the lock is held.
public sealed partial class TxMemPool
{
    /// <summary>All entries in mining order (Core's entryAll): the order getrawmempool lists them in.</summary>
    public List<MempoolEntry> EntriesInMiningOrder()
    {
        lock (Lock) return _graph.InMiningOrder().ToList();
    }

    /// <summary>The in-mempool parents of <paramref name="entry"/> (Core's GetParents).</summary>
    public List<MempoolEntry> GetParents(MempoolEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (Lock)
        {
            return entry.Transaction.Inputs.Select(i => i.PrevOut.Hash).Distinct()
                .Select(h => _byTxid.GetValueOrDefault(h)).OfType<MempoolEntry>().ToList();
        }
    }

    /// <summary>The in-mempool children of <paramref name="entry"/>, ordered by txid as Core's GetChildren.</summary>
    public List<MempoolEntry> GetChildren(MempoolEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (Lock)
        {
            var children = new HashSet<MempoolEntry>(ReferenceEqualityComparer.Instance);
            for (int i = 0; i < entry.Transaction.Outputs.Count; i++)
            {
                if (_spentBy.TryGetValue(new OutPoint(entry.Txid, i), out var child)) children.Add(child);
            }
            return children.OrderBy(c => c.OrderKey).ToList();
        }
    }

    /// <summary>
    /// The in-mempool ancestors of <paramref name="entry"/>, not including it, ordered by txid (Core's
    /// CalculateMemPoolAncestors). For an entry not (yet) in the pool, the ancestors through its in-mempool parents.
    /// </summary>
    public List<MempoolEntry> CalculateMemPoolAncestors(MempoolEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (Lock)
        {
            List<MempoolEntry> ancestors;
            if (entry.InMempool)
            {
                ancestors = _graph.GetAncestors(entry);
                ancestors.Remove(entry);
            }
            else
            {
                ancestors = _graph.GetAncestorsUnion(GetParents(entry));
            }
            ancestors.Sort((a, b) => a.OrderKey.CompareTo(b.OrderKey));
            return ancestors;
        }
    }

    /// <summary><paramref name="entry"/> and its in-mempool descendants, ordered by txid (Core's CalculateDescendants).</summary>
    public List<MempoolEntry> CalculateDescendants(MempoolEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (Lock)
        {
            var descendants = _graph.GetDescendants(entry);
            descendants.Sort((a, b) => a.OrderKey.CompareTo(b.OrderKey));
            return descendants;
        }
    }

    /// <summary>Ancestor count, total virtual size and total modified fee, each including the entry itself.</summary>
    public (int Count, long Size, long Fees) CalculateAncestorData(MempoolEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (Lock) return Totals(_graph.GetAncestors(entry));
    }

    /// <summary>Descendant count, total virtual size and total modified fee, each including the entry itself.</summary>
    public (int Count, long Size, long Fees) CalculateDescendantData(MempoolEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (Lock) return Totals(_graph.GetDescendants(entry));
    }

    /// <summary>Number of in-mempool ancestors of <paramref name="entry"/>, itself included.</summary>
    public int GetAncestorCount(MempoolEntry entry)
    {
        lock (Lock) return _graph.GetAncestors(entry).Count;
    }

    /// <summary>Number of in-mempool descendants of <paramref name="entry"/>, itself included.</summary>
    public int GetDescendantCount(MempoolEntry entry)
    {
        lock (Lock) return _graph.GetDescendants(entry).Count;
    }

    /// <summary>True when the transaction is in the mempool and has in-mempool children.</summary>
    public bool HasDescendants(uint256 txid)
    {
        lock (Lock) return _byTxid.TryGetValue(txid, out var entry) && entry.Children.Count > 0;
    }

    /// <summary>
    /// For wallets (Core's GetTransactionAncestry): ancestor count and cluster size of a mempool transaction, with the
    /// ancestors' total virtual size and fees; all zero when it is not in the mempool.
    /// </summary>
    public (int Ancestors, int ClusterCount, long AncestorSize, long AncestorFees) GetTransactionAncestry(uint256 txid)
    {
        lock (Lock)
        {
            if (!_byTxid.TryGetValue(txid, out var entry)) return (0, 0, 0, 0);
            var (count, size, fees) = Totals(_graph.GetAncestors(entry));
            return (count, _graph.GetCluster(entry).Count, size, fees);
        }
    }

    /// <summary>The cluster of the transaction in mining order; empty when it is not in the mempool.</summary>
    public IReadOnlyList<MempoolEntry> GetCluster(uint256 txid)
    {
        lock (Lock) return _byTxid.TryGetValue(txid, out var entry) ? _graph.GetCluster(entry).ToList() : [];
    }

    /// <summary>The chunk of <paramref name="entry"/>: its total modified fee and sigop-adjusted weight.</summary>
    public FeeFrac GetChunkFeeRate(MempoolEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (Lock) return entry.Chunk?.Rate ?? default;
    }

    /// <summary>The chunks of the cluster of <paramref name="txid"/> in mining order; empty when it is not in the mempool.</summary>
    public List<MempoolChunk> GetClusterChunks(uint256 txid)
    {
        lock (Lock)
        {
            if (!_byTxid.TryGetValue(txid, out var entry)) return [];
            return entry.Cluster!.Chunks.Select(c => new MempoolChunk(c.Entries.ToList(), c.Rate.Fee, c.Rate.Size)).ToList();
        }
    }

    /// <summary>
    /// The mempool's fee rate diagram (Core's GetFeerateDiagram): the cumulative (weight, fee) after each chunk in
    /// mining order, starting at (0, 0).
    /// </summary>
    public List<FeeFrac> GetFeerateDiagram()
    {
        lock (Lock)
        {
            var diagram = new List<FeeFrac> { default };
            foreach (var chunk in _graph.ChunksInMiningOrder) diagram.Add(diagram[^1] + chunk.Rate);
            return diagram;
        }
    }

    /// <summary>
    /// Every transaction of the clusters of the mempool transactions among <paramref name="txids"/> (each cluster
    /// once, in mining order); empty past 500 transactions (Core's GatherClusters).
    /// </summary>
    public List<MempoolEntry> GatherClusters(IEnumerable<uint256> txids)
    {
        ArgumentNullException.ThrowIfNull(txids);
        lock (Lock)
        {
            var result = new List<MempoolEntry>();
            var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
            foreach (var txid in txids)
            {
                if (!_byTxid.TryGetValue(txid, out var entry)) continue;
                if (seen.Add(entry.Cluster!)) result.AddRange(_graph.GetCluster(entry));
            }
            return result.Count > 500 ? [] : result;
        }
    }

    /// <summary>Starts walking chunks in mining order for a block template; dispose it on the same thread (it holds the lock).</summary>
    public MempoolBlockBuilder StartBlockBuilding() => new(this);

    /// <summary>How many distinct clusters the given mempool entries belong to (Core's GetUniqueClusterCount).</summary>
    public int CountDistinctClusters(IEnumerable<MempoolEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (Lock) return _graph.CountDistinctClusters(entries);
    }

    /// <summary>True when the mempool order is known optimal (always: every change relinearizes at once).</summary>
    public bool IsOptimal => true;

    private static (int Count, long Size, long Fees) Totals(List<MempoolEntry> entries)
    {
        long size = 0;
        long fees = 0;
        foreach (var e in entries)
        {
            size += e.VirtualSize;
            fees += e.ModifiedFee;
        }
        return (entries.Count, size, fees);
    }
}
