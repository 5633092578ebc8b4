using Bitcoin.Kernel.Mempool;
using NBitcoin;

namespace Bitcoin.Node.Interfaces.Internal;

/// <summary>
/// Core's MiniMiner (node/mini_miner.cpp): builds a block template from the clusters of some mempool transactions to
/// find, for outputs of unconfirmed transactions, the fee needed to bring their unconfirmed ancestry up to a target
/// fee rate. Outputs of transactions the template would include anyway need no bump; transactions that spending the
/// outputs would replace are left out.
/// </summary>
internal sealed class MiniMiner
{
    private readonly Dictionary<uint256, Entry> _entries = [];
    private readonly Dictionary<uint256, List<Entry>> _descendants = [];
    private readonly Dictionary<uint256, List<OutPoint>> _requested = [];
    private readonly HashSet<uint256> _toBeReplaced = [];
    private readonly HashSet<uint256> _inBlock = [];
    private readonly Dictionary<OutPoint, long> _bumpFees = [];
    private bool _readyToCalculate = true;

    private sealed class Entry(Transaction tx, long vsize, long vsizeWithAncestors, long fee, long feeWithAncestors)
    {
        public Transaction Tx { get; } = tx;
        public uint256 Txid { get; } = tx.GetHash();
        public long VSize { get; } = vsize;
        public long VSizeWithAncestors { get; set; } = vsizeWithAncestors;
        public long Fee { get; } = fee;
        public long FeeWithAncestors { get; set; } = feeWithAncestors;
    }

    public MiniMiner(TxMemPool mempool, IReadOnlyList<OutPoint> outpoints)
    {
        lock (mempool.Lock)
        {
            foreach (var outpoint in outpoints)
            {
                if (!mempool.Exists(outpoint.Hash))
                {
                    _bumpFees.TryAdd(outpoint, 0);
                    continue;
                }

                if (!_requested.TryGetValue(outpoint.Hash, out var list)) _requested[outpoint.Hash] = list = [];
                list.Add(outpoint);
                // A mempool transaction already spending the output would be replaced, with its descendants.
                if (mempool.GetConflictTx(outpoint) is { } conflict && mempool.GetEntry(conflict.GetHash()) is { } conflictEntry)
                {
                    foreach (var descendant in mempool.CalculateDescendants(conflictEntry))
                        _toBeReplaced.Add(descendant.Txid);
                }
            }

            if (_requested.Count == 0) return;
            var cluster = mempool.GatherClusters(_requested.Keys.ToList());
            if (cluster.Count == 0)
            {
                _readyToCalculate = false;
                return;
            }

            foreach (var entry in cluster)
            {
                if (!_toBeReplaced.Contains(entry.Txid))
                {
                    var (_, size, fees) = mempool.CalculateAncestorData(entry);
                    _entries[entry.Txid] = new Entry(entry.Transaction, entry.VirtualSize, size, entry.ModifiedFee, fees);
                }
                else if (_requested.Remove(entry.Txid, out var replacedOutpoints))
                {
                    foreach (var outpoint in replacedOutpoints) _bumpFees.TryAdd(outpoint, 0);
                }
            }

            foreach (var entry in cluster)
            {
                if (_toBeReplaced.Contains(entry.Txid)) continue;
                var cached = new List<Entry>();
                foreach (var descendant in mempool.CalculateDescendants(entry))
                {
                    if (_entries.TryGetValue(descendant.Txid, out var d)) cached.Add(d);
                }

                _descendants[entry.Txid] = cached;
            }
        }
    }

    private static long GetFee(long feePerKvB, long vsize) => feePerKvB <= 0 || vsize == 0 ? 0 : ((feePerKvB * vsize) + 999) / 1000;

    // Compares fee rates; on equal rates the smaller transaction counts as better (Core's ByRatioNegSize).
    private static int CompareRate(long feeA, long sizeA, long feeB, long sizeB)
    {
        var left = (Int128)feeA * sizeB;
        var right = (Int128)feeB * sizeA;
        if (left != right) return left > right ? 1 : -1;
        return sizeB.CompareTo(sizeA);
    }

    private static (long Fee, long Size) MinFeeRate(Entry e) =>
        CompareRate(e.FeeWithAncestors, e.VSizeWithAncestors, e.Fee, e.VSize) <= 0 ? (e.FeeWithAncestors, e.VSizeWithAncestors) : (e.Fee, e.VSize);

    private void BuildMockTemplate(long? targetFeePerKvB)
    {
        var remaining = _entries.Values.ToList();
        while (remaining.Count > 0)
        {
            remaining.Sort((a, b) =>
            {
                var ra = MinFeeRate(a);
                var rb = MinFeeRate(b);
                int c = CompareRate(rb.Fee, rb.Size, ra.Fee, ra.Size);
                return c != 0 ? c : a.Txid.CompareTo(b.Txid);
            });
            var best = remaining[0];
            if (targetFeePerKvB is { } target && best.FeeWithAncestors < GetFee(target, best.VSizeWithAncestors)) break;

            var ancestors = new HashSet<Entry>();
            var toProcess = new Stack<Entry>();
            toProcess.Push(best);
            while (toProcess.Count > 0)
            {
                var entry = toProcess.Pop();
                if (!ancestors.Add(entry)) continue;
                foreach (var input in entry.Tx.Inputs)
                {
                    if (_entries.TryGetValue(input.PrevOut.Hash, out var parent) && !ancestors.Contains(parent)) toProcess.Push(parent);
                }
            }

            foreach (var ancestor in ancestors)
            {
                _inBlock.Add(ancestor.Txid);
                foreach (var descendant in _descendants.GetValueOrDefault(ancestor.Txid) ?? [])
                {
                    descendant.VSizeWithAncestors -= ancestor.VSize;
                    descendant.FeeWithAncestors -= ancestor.Fee;
                }
            }

            foreach (var ancestor in ancestors)
            {
                _descendants.Remove(ancestor.Txid);
                _entries.Remove(ancestor.Txid);
                remaining.Remove(ancestor);
            }
        }

        _readyToCalculate = false;
    }

    /// <summary>The bump fee of each requested outpoint at <paramref name="targetFeePerKvB"/> (Core's CalculateBumpFees); empty if the clusters could not be gathered.</summary>
    public IReadOnlyDictionary<OutPoint, long> CalculateBumpFees(long targetFeePerKvB)
    {
        if (!_readyToCalculate) return new Dictionary<OutPoint, long>();
        BuildMockTemplate(targetFeePerKvB);
        foreach (var txid in _inBlock)
        {
            if (_requested.Remove(txid, out var outpoints))
            {
                foreach (var outpoint in outpoints) _bumpFees.TryAdd(outpoint, 0);
            }
        }

        foreach (var (txid, outpoints) in _requested)
        {
            if (!_entries.TryGetValue(txid, out var entry)) continue;
            long withAncestors = GetFee(targetFeePerKvB, entry.VSizeWithAncestors) - entry.FeeWithAncestors;
            long individual = GetFee(targetFeePerKvB, entry.VSize) - entry.Fee;
            long bump = Math.Max(0, Math.Max(withAncestors, individual));
            foreach (var outpoint in outpoints) _bumpFees.TryAdd(outpoint, bump);
        }

        return _bumpFees;
    }

    /// <summary>The fee to bump the shared ancestry of every requested outpoint (Core's CalculateTotalBumpFees); null if the clusters could not be gathered.</summary>
    public long? CalculateTotalBumpFees(long targetFeePerKvB)
    {
        if (!_readyToCalculate) return null;
        BuildMockTemplate(targetFeePerKvB);
        var ancestors = new HashSet<Entry>();
        var toProcess = new Stack<Entry>();
        foreach (var txid in _requested.Keys)
        {
            if (_inBlock.Contains(txid) || !_entries.TryGetValue(txid, out var entry)) continue;
            toProcess.Push(entry);
        }

        while (toProcess.Count > 0)
        {
            var entry = toProcess.Pop();
            if (!ancestors.Add(entry)) continue;
            foreach (var input in entry.Tx.Inputs)
            {
                if (_entries.TryGetValue(input.PrevOut.Hash, out var parent)) toProcess.Push(parent);
            }
        }

        long size = ancestors.Sum(a => a.VSize);
        long fee = ancestors.Sum(a => a.Fee);
        return GetFee(targetFeePerKvB, size) - fee;
    }
}
