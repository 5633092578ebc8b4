using Bitcoin.Kernel.Policy;

namespace Bitcoin.Kernel.Mempool.Internal;

/// <summary>
/// The mempool's transaction graph (the role of Core's TxGraph): parent and child links, the partition into clusters
/// of connected transactions, each cluster's optimal linearization and chunks, and an index of all chunks in mining
/// order. Every change relinearizes the clusters it touches at once, so reads always see optimal orders.
/// Not thread-safe: the mempool lock guards it.
/// </summary>
internal sealed partial class TxGraph
{
    private readonly SortedSet<ChunkData> _chunks = new(ChunkMiningOrder.Instance);
    private readonly ClusterLinearizer _linearizer = new();
    private int _generation;
    private int _builders;

    public TxGraph(int maxClusterCount, long maxClusterWeight)
    {
        if (maxClusterCount is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(maxClusterCount));
        MaxClusterCount = maxClusterCount;
        MaxClusterWeight = maxClusterWeight;
    }

    /// <summary>The most transactions a cluster may hold.</summary>
    public int MaxClusterCount { get; }

    /// <summary>The largest total sigop-adjusted weight of a cluster.</summary>
    public long MaxClusterWeight { get; }

    /// <summary>Number of transactions.</summary>
    public int Count { get; private set; }

    /// <summary>Number of clusters.</summary>
    public int ClusterCount { get; private set; }

    /// <summary>All chunks, best first.</summary>
    public IEnumerable<ChunkData> ChunksInMiningOrder => _chunks;

    /// <summary>The chunk a block would take last (the first to evict), or null when empty.</summary>
    public ChunkData? WorstChunk => _chunks.Count == 0 ? null : _chunks.Max;

    /// <summary>Number of chunks.</summary>
    public int ChunkCount => _chunks.Count;

    /// <summary>
    /// Adds transactions whose <see cref="MempoolEntry.Parents"/> are already set (to transactions in the graph or
    /// earlier in <paramref name="entries"/>). Links children, merges clusters and relinearizes them.
    /// </summary>
    public void Add(IReadOnlyList<MempoolEntry> entries)
    {
        EnsureNoBuilder();
        var touched = new List<MempoolEntry>();
        foreach (var entry in entries)
        {
            foreach (var parent in entry.Parents)
            {
                parent.Children.Add(entry);
                touched.Add(parent);
            }
            touched.Add(entry);
            Count++;
        }
        Rebuild(touched);
    }

    /// <summary>Removes transactions, unlinking them and splitting their clusters as needed.</summary>
    public void Remove(IReadOnlyCollection<MempoolEntry> entries)
    {
        EnsureNoBuilder();
        if (entries.Count == 0) return;
        var removed = new HashSet<MempoolEntry>(entries, ReferenceEqualityComparer.Instance);
        var touched = new List<MempoolEntry>();
        foreach (var entry in removed)
        {
            foreach (var parent in entry.Parents)
            {
                if (removed.Contains(parent)) continue;
                parent.Children.Remove(entry);
                touched.Add(parent);
            }
            foreach (var child in entry.Children)
            {
                if (removed.Contains(child)) continue;
                child.Parents.Remove(entry);
                touched.Add(child);
            }
            if (entry.Cluster is { } cluster)
            {
                Retire(cluster);
                // The rest of the cluster must be rebuilt even if nothing else was linked to the entry.
                foreach (var other in cluster.Transactions)
                {
                    if (!removed.Contains(other)) touched.Add(other);
                }
            }
            entry.Cluster = null;
            entry.Chunk = null;
            entry.Parents.Clear();
            entry.Children.Clear();
            Count--;
        }
        Rebuild(touched);
    }

    /// <summary>The modified fee of <paramref name="entry"/> changed: relinearize its cluster.</summary>
    public void FeeChanged(MempoolEntry entry)
    {
        EnsureNoBuilder();
        if (entry.Cluster is null) return;
        Rebuild([entry]);
    }

    /// <summary>
    /// Adds parent-to-child links found after re-adding transactions of disconnected blocks (Core's
    /// UpdateTransactionsFromBlock), then trims clusters that became too large the way Core's Trim does. Returns the
    /// transactions that must leave the mempool (already removed from the graph).
    /// </summary>
    public List<MempoolEntry> AddDependencies(IReadOnlyList<(MempoolEntry Parent, MempoolEntry Child)> dependencies)
    {
        EnsureNoBuilder();
        var removed = new List<MempoolEntry>();
        if (dependencies.Count == 0) return removed;
        var newDeps = new List<(MempoolEntry Parent, MempoolEntry Child)>();
        foreach (var (parent, child) in dependencies)
        {
            if (child.Parents.Contains(parent)) continue;
            newDeps.Add((parent, child));
        }
        if (newDeps.Count == 0) return removed;

        // Work out the would-be clusters before linking, so that the old linearizations guide the trim.
        var involved = newDeps.SelectMany(d => new[] { d.Parent, d.Child }).ToList();
        foreach (var (parent, child) in newDeps)
        {
            parent.Children.Add(child);
            child.Parents.Add(parent);
        }
        var components = ComponentsOf(ClusterMembers(involved), e => e.Parents.Concat(e.Children));
        foreach (var component in components)
        {
            long weight = component.Sum(e => (long)e.AdjustedWeight);
            if (component.Count <= MaxClusterCount && weight <= MaxClusterWeight) continue;
            removed.AddRange(TrimComponent(component, newDeps));
        }
        if (removed.Count > 0)
        {
            var removedSet = new HashSet<MempoolEntry>(removed, ReferenceEqualityComparer.Instance);
            foreach (var entry in removed)
            {
                foreach (var parent in entry.Parents) if (!removedSet.Contains(parent)) parent.Children.Remove(entry);
                foreach (var child in entry.Children) if (!removedSet.Contains(child)) child.Parents.Remove(entry);
                if (entry.Cluster is { } cluster) Retire(cluster);
            }
            foreach (var entry in removed)
            {
                entry.Cluster = null;
                entry.Chunk = null;
                entry.Parents.Clear();
                entry.Children.Clear();
                Count--;
            }
        }
        Rebuild(components.SelectMany(c => c).Where(e => e.Cluster is not null).ToList());
        return removed;
    }

    /// <summary>The transaction and all its in-graph ancestors.</summary>
    public List<MempoolEntry> GetAncestors(MempoolEntry entry) => Walk([entry], e => e.Parents);

    /// <summary>The transaction and all its in-graph descendants.</summary>
    public List<MempoolEntry> GetDescendants(MempoolEntry entry) => Walk([entry], e => e.Children);

    /// <summary>The union of the descendants (each included) of <paramref name="entries"/>.</summary>
    public List<MempoolEntry> GetDescendantsUnion(IEnumerable<MempoolEntry> entries) => Walk(entries, e => e.Children);

    /// <summary>The union of the ancestors (each included) of <paramref name="entries"/>.</summary>
    public List<MempoolEntry> GetAncestorsUnion(IEnumerable<MempoolEntry> entries) => Walk(entries, e => e.Parents);

    /// <summary>The cluster of <paramref name="entry"/> in mining order.</summary>
    public IReadOnlyList<MempoolEntry> GetCluster(MempoolEntry entry) =>
        entry.Cluster?.Transactions ?? throw new InvalidOperationException("The transaction is not in the graph.");

    /// <summary>How many distinct clusters the entries belong to.</summary>
    public int CountDistinctClusters(IEnumerable<MempoolEntry> entries) =>
        entries.Where(e => e.Cluster is not null).Select(e => e.Cluster!).Distinct().Count();

    /// <summary>Compares two transactions in mining order (negative: <paramref name="a"/> first).</summary>
    public static int CompareMiningOrder(MempoolEntry a, MempoolEntry b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (ReferenceEquals(a.Chunk, b.Chunk)) return a.LinearizationIndex.CompareTo(b.LinearizationIndex);
        return ChunkMiningOrder.Instance.Compare(a.Chunk, b.Chunk);
    }

    /// <summary>Every transaction in mining order.</summary>
    public IEnumerable<MempoolEntry> InMiningOrder()
    {
        foreach (var chunk in _chunks)
        {
            foreach (var entry in chunk.Entries) yield return entry;
        }
    }

    /// <summary>
    /// What adding <paramref name="added"/> (parents set, not yet linked) and removing <paramref name="removed"/>
    /// would do: whether every resulting cluster respects the limits and, with <paramref name="diagrams"/>, the
    /// chunks of the affected clusters before and after (Core's staging checks and GetMainStagingDiagrams).
    /// </summary>
    public ChangeEvaluation Evaluate(IReadOnlyList<MempoolEntry> added, IReadOnlyCollection<MempoolEntry> removed, bool diagrams)
    {
        var removedSet = new HashSet<MempoolEntry>(removed, ReferenceEqualityComparer.Instance);
        var addedSet = new HashSet<MempoolEntry>(added, ReferenceEqualityComparer.Instance);
        var affected = new HashSet<Cluster>(ReferenceEqualityComparer.Instance);
        foreach (var entry in removed)
        {
            if (entry.Cluster is { } c) affected.Add(c);
        }
        var addedChildren = new Dictionary<MempoolEntry, List<MempoolEntry>>(ReferenceEqualityComparer.Instance);
        foreach (var entry in added)
        {
            foreach (var parent in entry.Parents)
            {
                if (removedSet.Contains(parent)) continue;
                if (parent.Cluster is { } c) affected.Add(c);
                if (!addedChildren.TryGetValue(parent, out var list)) addedChildren[parent] = list = [];
                list.Add(entry);
            }
        }

        var nodes = new List<MempoolEntry>();
        foreach (var cluster in affected)
        {
            foreach (var entry in cluster.Transactions)
            {
                if (!removedSet.Contains(entry)) nodes.Add(entry);
            }
        }
        nodes.AddRange(added);

        IEnumerable<MempoolEntry> Neighbours(MempoolEntry e)
        {
            foreach (var p in e.Parents) if (!removedSet.Contains(p)) yield return p;
            if (!addedSet.Contains(e))
            {
                foreach (var c in e.Children) if (!removedSet.Contains(c)) yield return c;
            }
            if (addedChildren.TryGetValue(e, out var list))
            {
                foreach (var c in list) yield return c;
            }
        }

        var components = ComponentsOf(nodes, Neighbours);
        bool withinLimits = components.All(c => c.Count <= MaxClusterCount && c.Sum(e => (long)e.AdjustedWeight) <= MaxClusterWeight);
        if (!diagrams || !withinLimits) return new ChangeEvaluation(withinLimits, [], []);

        var oldChunks = affected.SelectMany(c => c.Chunks.Select(k => k.Rate)).ToList();
        var newChunks = new List<FeeFrac>();
        foreach (var component in components)
        {
            var order = LinearizeComponent(component, e => e.Parents.Where(p => !removedSet.Contains(p)));
            var rates = order.Select(e => e.GraphRate).ToList();
            newChunks.AddRange(ClusterLinearizer.Chunk(rates).Select(c => c.Rate));
        }
        oldChunks.Sort((a, b) => FeeFrac.CompareRatio(b, a));
        newChunks.Sort((a, b) => FeeFrac.CompareRatio(b, a));
        return new ChangeEvaluation(true, oldChunks, newChunks);
    }

    /// <summary>Starts walking chunks in mining order for a block; the graph must not change until it is disposed.</summary>
    public BlockBuilder StartBlockBuilding()
    {
        _builders++;
        return new BlockBuilder(this);
    }

    /// <summary>Checks the graph's invariants; throws <see cref="InvalidOperationException"/> on a violation.</summary>
    public void SanityCheck(IReadOnlyCollection<MempoolEntry> all)
    {
        var clusters = new HashSet<Cluster>(ReferenceEqualityComparer.Instance);
        foreach (var entry in all)
        {
            var cluster = entry.Cluster ?? throw new InvalidOperationException($"{entry.Txid} has no cluster");
            if (cluster.Retired) throw new InvalidOperationException($"{entry.Txid} is in a retired cluster");
            if (!ReferenceEquals(cluster.Transactions[entry.LinearizationIndex], entry)) throw new InvalidOperationException("bad linearization index");
            foreach (var parent in entry.Parents)
            {
                if (!parent.Children.Contains(entry)) throw new InvalidOperationException("parent link without child link");
                if (!ReferenceEquals(parent.Cluster, cluster)) throw new InvalidOperationException("parent in another cluster");
                if (parent.LinearizationIndex >= entry.LinearizationIndex) throw new InvalidOperationException("linearization is not topological");
            }
            clusters.Add(cluster);
        }
        if (clusters.Sum(c => c.Transactions.Count) != all.Count || all.Count != Count) throw new InvalidOperationException("transaction count mismatch");
        if (clusters.Count != ClusterCount) throw new InvalidOperationException("cluster count mismatch");
        if (clusters.Sum(c => c.Chunks.Count) != _chunks.Count) throw new InvalidOperationException("chunk index mismatch");
        foreach (var cluster in clusters)
        {
            if (cluster.Transactions.Count > MaxClusterCount || cluster.TotalWeight > MaxClusterWeight) throw new InvalidOperationException("oversized cluster");
            if (ComponentsOf(cluster.Transactions, e => e.Parents.Concat(e.Children)).Count != 1) throw new InvalidOperationException("cluster not connected");
        }
    }

    /// <summary>Approximate memory of the graph in Core's accounting.</summary>
    public long MemoryUsage => (Count * CoreMemoryUsage.GraphPerTransaction) + (ClusterCount * 64L);

    internal void EndBlockBuilding() => _builders--;

    private void EnsureNoBuilder()
    {
        if (_builders != 0) throw new InvalidOperationException("The mempool graph cannot change while a block is being built.");
    }

    private List<MempoolEntry> Walk(IEnumerable<MempoolEntry> start, Func<MempoolEntry, List<MempoolEntry>> next)
    {
        int mark = ++_generation;
        var result = new List<MempoolEntry>();
        var stack = new Stack<MempoolEntry>();
        foreach (var entry in start)
        {
            if (entry.Cluster is null || entry.Mark == mark) continue;
            entry.Mark = mark;
            stack.Push(entry);
        }
        while (stack.Count > 0)
        {
            var entry = stack.Pop();
            result.Add(entry);
            foreach (var other in next(entry))
            {
                if (other.Mark == mark) continue;
                other.Mark = mark;
                stack.Push(other);
            }
        }
        return result;
    }

    // The given entries (possibly new) and the members still in the graph of their current clusters.
    private static List<MempoolEntry> ClusterMembers(IEnumerable<MempoolEntry> entries)
    {
        var seen = new HashSet<Cluster>(ReferenceEqualityComparer.Instance);
        var set = new HashSet<MempoolEntry>(ReferenceEqualityComparer.Instance);
        foreach (var entry in entries)
        {
            set.Add(entry);
            if (entry.Cluster is not { } c || !seen.Add(c)) continue;
            foreach (var member in c.Transactions)
            {
                // Removed transactions keep no cluster; they may still be listed by the retired one.
                if (member.Cluster is not null) set.Add(member);
            }
        }
        return set.ToList();
    }

    private List<List<MempoolEntry>> ComponentsOf(IReadOnlyList<MempoolEntry> nodes, Func<MempoolEntry, IEnumerable<MempoolEntry>> neighbours)
    {
        int member = ++_generation;
        foreach (var node in nodes) node.Mark = member;
        int visited = ++_generation;
        var components = new List<List<MempoolEntry>>();
        var stack = new Stack<MempoolEntry>();
        foreach (var node in nodes)
        {
            if (node.Mark != member) continue;
            var component = new List<MempoolEntry>();
            node.Mark = visited;
            stack.Push(node);
            while (stack.Count > 0)
            {
                var entry = stack.Pop();
                component.Add(entry);
                foreach (var other in neighbours(entry))
                {
                    if (other.Mark != member) continue;
                    other.Mark = visited;
                    stack.Push(other);
                }
            }
            components.Add(component);
        }
        return components;
    }

    // Rebuilds the clusters of the touched entries from their current links: retire the old clusters, find the
    // connected components and linearize each into a new cluster.
    private void Rebuild(List<MempoolEntry> touched)
    {
        if (touched.Count == 0) return;
        var nodes = ClusterMembers(touched);
        foreach (var entry in nodes)
        {
            if (entry.Cluster is { Retired: false } cluster) Retire(cluster);
        }
        foreach (var component in ComponentsOf(nodes, e => e.Parents.Concat(e.Children)))
        {
            var order = LinearizeComponent(component, e => e.Parents);
            Install(new Cluster(order));
        }
    }

    private void Retire(Cluster cluster)
    {
        if (cluster.Retired) return;
        cluster.Retired = true;
        foreach (var chunk in cluster.Chunks) _chunks.Remove(chunk);
        ClusterCount--;
    }

    private void Install(Cluster cluster)
    {
        var rates = cluster.Transactions.Select(e => e.GraphRate).ToList();
        var equalPrefix = default(FeeFrac);
        foreach (var (start, count, rate) in ClusterLinearizer.Chunk(rates))
        {
            // The running size of consecutive chunks with this same fee rate.
            equalPrefix = !equalPrefix.IsEmpty && FeeFrac.CompareRatio(rate, equalPrefix) == 0 ? equalPrefix + rate : rate;
            var max = cluster.Transactions[start].OrderKey;
            for (int i = 1; i < count; i++)
            {
                var key = cluster.Transactions[start + i].OrderKey;
                if (key.CompareTo(max) > 0) max = key;
            }
            var chunk = new ChunkData(cluster, start, count, rate, equalPrefix.Size, max);
            cluster.Chunks.Add(chunk);
            for (int i = 0; i < count; i++)
            {
                var entry = cluster.Transactions[start + i];
                entry.Cluster = cluster;
                entry.LinearizationIndex = start + i;
                entry.Chunk = chunk;
            }
            _chunks.Add(chunk);
        }
        ClusterCount++;
    }

    private List<MempoolEntry> LinearizeComponent(List<MempoolEntry> component, Func<MempoolEntry, IEnumerable<MempoolEntry>> parentsOf)
    {
        if (component.Count == 1) return component;
        if (component.Count > 64) throw new InvalidOperationException("A cluster cannot be linearized with more than 64 transactions.");
        int n = component.Count;
        var index = new Dictionary<MempoolEntry, int>(n, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < n; i++) index[component[i]] = i;
        var fees = new long[n];
        var sizes = new int[n];
        var parents = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            var entry = component[i];
            fees[i] = entry.ModifiedFee;
            sizes[i] = entry.AdjustedWeight;
            foreach (var parent in parentsOf(entry))
            {
                if (index.TryGetValue(parent, out int p)) parents[i] |= 1UL << p;
            }
        }
        var order = _linearizer.Linearize(fees, sizes, parents, (a, b) => component[a].OrderKey.CompareTo(component[b].OrderKey));
        return order.Select(i => component[i]).ToList();
    }

    // Core's Trim for one would-be cluster: merge the old linearizations (consecutive transactions of an old
    // cluster stay in order) respecting the new links, always taking the ready transaction of highest chunk fee rate
    // (smaller first on ties); a transaction whose inclusion would break a limit is dropped with everything after it
    // that depends on it.
    private List<MempoolEntry> TrimComponent(List<MempoolEntry> component, List<(MempoolEntry Parent, MempoolEntry Child)> newDeps)
    {
        var inComponent = new HashSet<MempoolEntry>(component, ReferenceEqualityComparer.Instance);
        var depsByChild = new Dictionary<MempoolEntry, List<MempoolEntry>>(ReferenceEqualityComparer.Instance);
        var depsByParent = new Dictionary<MempoolEntry, List<MempoolEntry>>(ReferenceEqualityComparer.Instance);
        void AddDep(MempoolEntry parent, MempoolEntry child)
        {
            if (!depsByChild.TryGetValue(child, out var ps)) depsByChild[child] = ps = [];
            ps.Add(parent);
            if (!depsByParent.TryGetValue(parent, out var cs)) depsByParent[parent] = cs = [];
            cs.Add(child);
        }
        var chunkRate = new Dictionary<MempoolEntry, FeeFrac>(ReferenceEqualityComparer.Instance);
        foreach (var cluster in component.Select(e => e.Cluster).OfType<Cluster>().Distinct())
        {
            for (int i = 0; i < cluster.Transactions.Count; i++)
            {
                var entry = cluster.Transactions[i];
                chunkRate[entry] = entry.Chunk!.Rate;
                if (i > 0) AddDep(cluster.Transactions[i - 1], entry);
            }
        }
        foreach (var entry in component)
        {
            if (!chunkRate.ContainsKey(entry)) chunkRate[entry] = entry.GraphRate;
        }
        foreach (var (parent, child) in newDeps)
        {
            if (inComponent.Contains(parent) && inComponent.Contains(child)) AddDep(parent, child);
        }

        var depsLeft = new Dictionary<MempoolEntry, int>(ReferenceEqualityComparer.Instance);
        var heap = new PriorityQueue<MempoolEntry, MempoolEntry>(Comparer<MempoolEntry>.Create((a, b) =>
            -FeeFrac.CompareRatioThenSmaller(chunkRate[a], chunkRate[b])));
        foreach (var entry in component)
        {
            int count = depsByChild.TryGetValue(entry, out var ps) ? ps.Count : 0;
            depsLeft[entry] = count;
            if (count == 0 && entry.AdjustedWeight <= MaxClusterWeight) heap.Enqueue(entry, entry);
        }

        // Union-find over included transactions, tracking each partition's count and weight.
        var ufParent = new Dictionary<MempoolEntry, MempoolEntry>(ReferenceEqualityComparer.Instance);
        var ufCount = new Dictionary<MempoolEntry, int>(ReferenceEqualityComparer.Instance);
        var ufWeight = new Dictionary<MempoolEntry, long>(ReferenceEqualityComparer.Instance);
        MempoolEntry Find(MempoolEntry e)
        {
            while (!ReferenceEquals(ufParent[e], e))
            {
                ufParent[e] = ufParent[ufParent[e]];
                e = ufParent[e];
            }
            return e;
        }

        var included = new HashSet<MempoolEntry>(ReferenceEqualityComparer.Instance);
        while (heap.Count > 0)
        {
            var entry = heap.Dequeue();
            var roots = (depsByChild.TryGetValue(entry, out var ps) ? ps : []).Select(Find).Distinct().ToList();
            int newCount = 1 + roots.Sum(r => ufCount[r]);
            long newWeight = entry.AdjustedWeight + roots.Sum(r => ufWeight[r]);
            if (newCount > MaxClusterCount || newWeight > MaxClusterWeight) continue;
            ufParent[entry] = entry;
            ufCount[entry] = newCount;
            ufWeight[entry] = newWeight;
            foreach (var root in roots) ufParent[root] = entry;
            included.Add(entry);
            if (depsByParent.TryGetValue(entry, out var children))
            {
                foreach (var child in children)
                {
                    if (--depsLeft[child] == 0 && child.AdjustedWeight <= MaxClusterWeight) heap.Enqueue(child, child);
                }
            }
        }
        return component.Where(e => !included.Contains(e)).ToList();
    }
}
