using System.Numerics;

namespace Bitcoin.Kernel.Mempool.Internal;

/// <summary>
/// Finds a maximum-weight closed set of a small dependency graph (every member's parents are members) by a minimum
/// cut (Picard's reduction: source to positive nodes, negative nodes to sink, infinite edges from child to parent).
/// The returned set is the source side of the cut, which is the smallest closed set of maximum weight.
/// Works on at most 64 transactions, given as bit masks. Not thread-safe: one instance per caller.
/// </summary>
internal sealed class MaxClosureSolver
{
    private static readonly Int128 Infinite = Int128.MaxValue / 4;

    private readonly List<int> _edgeTo = [];
    private readonly List<Int128> _edgeCapacity = [];
    private readonly List<int> _edgeNext = [];
    private int[] _head = [];
    private int[] _level = [];
    private int[] _iterator = [];

    /// <summary>
    /// The maximum-weight closed subset of <paramref name="subset"/>, whose members' parents (in
    /// <paramref name="parents"/>, restricted to the subset) must be members too. With <paramref name="forced"/> the set
    /// must contain that transaction. Returns the set and its weight.
    /// </summary>
    public (ulong Set, Int128 Weight) Solve(ulong subset, Int128[] weights, ulong[] parents, int forced = -1)
    {
        int n = weights.Length;
        int source = n;
        int sink = n + 1;
        Reset(n + 2);
        for (ulong rest = subset; rest != 0; rest &= rest - 1)
        {
            int i = BitOperations.TrailingZeroCount(rest);
            var weight = weights[i];
            if (i == forced) AddEdge(source, i, Infinite);
            else if (weight > 0) AddEdge(source, i, weight);
            else if (weight < 0) AddEdge(i, sink, -weight);
            for (ulong p = parents[i] & subset; p != 0; p &= p - 1)
            {
                AddEdge(i, BitOperations.TrailingZeroCount(p), Infinite);
            }
        }

        while (BuildLevels(source, sink))
        {
            Array.Copy(_head, _iterator, _head.Length);
            while (Push(source, sink, Infinite) > 0)
            {
            }
        }

        // The source side of the minimum cut: nodes still reachable from the source in the residual graph.
        ulong closure = 0;
        for (int i = 0; i < n; i++)
        {
            if (_level[i] >= 0 && (subset & (1UL << i)) != 0) closure |= 1UL << i;
        }
        Int128 total = 0;
        for (ulong rest = closure; rest != 0; rest &= rest - 1) total += weights[BitOperations.TrailingZeroCount(rest)];
        return (closure, total);
    }

    private void Reset(int nodes)
    {
        _edgeTo.Clear();
        _edgeCapacity.Clear();
        _edgeNext.Clear();
        if (_head.Length != nodes)
        {
            _head = new int[nodes];
            _level = new int[nodes];
            _iterator = new int[nodes];
        }
        Array.Fill(_head, -1);
    }

    private void AddEdge(int from, int to, Int128 capacity)
    {
        _edgeTo.Add(to);
        _edgeCapacity.Add(capacity);
        _edgeNext.Add(_head[from]);
        _head[from] = _edgeTo.Count - 1;
        _edgeTo.Add(from);
        _edgeCapacity.Add(0);
        _edgeNext.Add(_head[to]);
        _head[to] = _edgeTo.Count - 1;
    }

    private bool BuildLevels(int source, int sink)
    {
        Array.Fill(_level, -1);
        var queue = new Queue<int>();
        _level[source] = 0;
        queue.Enqueue(source);
        while (queue.Count > 0)
        {
            int node = queue.Dequeue();
            for (int e = _head[node]; e >= 0; e = _edgeNext[e])
            {
                int to = _edgeTo[e];
                if (_edgeCapacity[e] > 0 && _level[to] < 0)
                {
                    _level[to] = _level[node] + 1;
                    queue.Enqueue(to);
                }
            }
        }
        return _level[sink] >= 0;
    }

    private Int128 Push(int node, int sink, Int128 limit)
    {
        if (node == sink) return limit;
        for (; _iterator[node] >= 0; _iterator[node] = _edgeNext[_iterator[node]])
        {
            int e = _iterator[node];
            int to = _edgeTo[e];
            if (_edgeCapacity[e] <= 0 || _level[to] != _level[node] + 1) continue;
            var pushed = Push(to, sink, Int128.Min(limit, _edgeCapacity[e]));
            if (pushed > 0)
            {
                _edgeCapacity[e] -= pushed;
                _edgeCapacity[e ^ 1] += pushed;
                return pushed;
            }
        }
        return 0;
    }
}
