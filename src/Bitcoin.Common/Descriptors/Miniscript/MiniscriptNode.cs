namespace Bitcoin.Common.Descriptors.Miniscript;

/// <summary>
/// A miniscript expression (Core's miniscript::Node) over keys of type <typeparamref name="TKey"/>. Its type, script
/// size, op counts, stack and witness sizes are computed on construction from the children, so nothing here recurses;
/// whole-tree operations use an explicit stack (<see cref="TreeEval{TState, TResult}"/>) so deep trees cannot
/// overflow the call stack.
/// </summary>
internal sealed partial class MiniscriptNode<TKey>
{
    public MiniscriptNode(MiniscriptContext ctx, MiniscriptFragment fragment, List<MiniscriptNode<TKey>>? subs = null,
        List<TKey>? keys = null, byte[]? data = null, uint k = 0)
    {
        Context = ctx;
        Fragment = fragment;
        Subs = subs ?? [];
        Keys = keys ?? [];
        Data = data ?? [];
        K = k;
        Ops = CalcOps();
        StackSize = CalcStackSize();
        Witness = CalcWitnessSize();
        Type = CalcType();
        ScriptSize = CalcScriptLen();
    }

    public MiniscriptContext Context { get; }

    public MiniscriptFragment Fragment { get; }

    /// <summary>The threshold or timelock value.</summary>
    public uint K { get; }

    public List<TKey> Keys { get; }

    /// <summary>The hash of a hash fragment.</summary>
    public byte[] Data { get; }

    public List<MiniscriptNode<TKey>> Subs { get; }

    public MiniscriptType Type { get; }

    /// <summary>The size of this expression's script in bytes.</summary>
    public long ScriptSize { get; }

    internal (uint Count, MaxInt Sat, MaxInt Dsat) Ops { get; }

    internal (SatInfo Sat, SatInfo Dsat) StackSize { get; }

    internal (MaxInt Sat, MaxInt Dsat) Witness { get; }

    /// <summary>Whether a key appears twice (null until <see cref="DuplicateKeyCheck"/> ran).</summary>
    internal bool? HasDuplicateKeys { get; private set; }

    /// <summary>
    /// Post-order evaluation without recursion: <paramref name="down"/> computes a child's state from its parent's,
    /// <paramref name="up"/> a node's result from its state and its children's results; a null result aborts.
    /// </summary>
    public bool TreeEval<TState, TResult>(TState rootState, Func<TState, MiniscriptNode<TKey>, int, TState> down,
        Func<TState, MiniscriptNode<TKey>, List<TResult>, (bool Ok, TResult Result)> up, out TResult result)
    {
        var stack = new List<(MiniscriptNode<TKey> Node, int Expanded, TState State)> { (this, 0, rootState) };
        var results = new List<TResult>();
        while (stack.Count > 0)
        {
            var (node, expanded, state) = stack[^1];
            if (expanded < node.Subs.Count)
            {
                stack[^1] = (node, expanded + 1, state);
                stack.Add((node.Subs[expanded], 0, down(state, node, expanded)));
                continue;
            }
            var childResults = results.GetRange(results.Count - node.Subs.Count, node.Subs.Count);
            var (ok, r) = up(state, node, childResults);
            if (!ok)
            {
                result = default!;
                return false;
            }
            results.RemoveRange(results.Count - node.Subs.Count, node.Subs.Count);
            results.Add(r);
            stack.RemoveAt(stack.Count - 1);
        }
        result = results[0];
        return true;
    }

    /// <summary>Stateless post-order evaluation that always produces a result.</summary>
    public TResult TreeEval<TResult>(Func<MiniscriptNode<TKey>, List<TResult>, TResult> up)
    {
        TreeEval<int, TResult>(0, static (_, _, _) => 0, (_, node, subs) => (true, up(node, subs)), out var result);
        return result;
    }

    /// <summary>Every node of the tree (unordered).</summary>
    public IEnumerable<MiniscriptNode<TKey>> AllNodes()
    {
        var stack = new Stack<MiniscriptNode<TKey>>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var sub in node.Subs) stack.Push(sub);
        }
    }

    /// <summary>Records for every node whether a key occurs twice beneath it, using <paramref name="ctx"/>'s key order.</summary>
    public void DuplicateKeyCheck(IMiniscriptKeyContext<TKey> ctx)
    {
        var comparer = Comparer<TKey>.Create(ctx.CompareKeys);
        TreeEval<SortedSet<TKey>?>((node, subs) =>
        {
            if (node.HasDuplicateKeys == true) return null;
            if (subs.Any(s => s is null))
            {
                node.HasDuplicateKeys = true;
                return null;
            }
            var set = new SortedSet<TKey>(node.Keys, comparer);
            int count = node.Keys.Count;
            if (set.Count != count)
            {
                node.HasDuplicateKeys = true;
                return null;
            }
            foreach (var sub in subs)
            {
                count += sub!.Count;
                set.UnionWith(sub);
                if (set.Count != count)
                {
                    node.HasDuplicateKeys = true;
                    return null;
                }
            }
            node.HasDuplicateKeys = false;
            return set;
        });
    }
}
