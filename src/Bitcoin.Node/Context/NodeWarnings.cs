using Bitcoin.Kernel.Validation;

namespace Bitcoin.Node.Context;

/// <summary>
/// The warnings the node shows to users (Core's <c>node::Warnings</c>): the "warnings" arrays of getblockchaininfo,
/// getnetworkinfo and getmininginfo, and the GUI's alert bar. Each condition, kernel (<see cref="KernelWarning"/>) or
/// node (<see cref="NodeWarning"/>), is present at most once; kernel warnings are listed before node warnings.
/// Thread-safe.
/// </summary>
public sealed class NodeWarnings
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<(int Group, int Value), string> _warnings = new();

    /// <summary>Raised after a warning was set or unset.</summary>
    public event Action? Changed;

    /// <summary>Sets a kernel warning; false if it was already set (its message is then kept).</summary>
    public bool Set(KernelWarning id, string message) => Set((0, (int)id), message);

    /// <summary>Sets a node warning; false if it was already set (its message is then kept).</summary>
    public bool Set(NodeWarning id, string message) => Set((1, (int)id), message);

    /// <summary>Clears a kernel warning; false if it was not set.</summary>
    public bool Unset(KernelWarning id) => Unset((0, (int)id));

    /// <summary>Clears a node warning; false if it was not set.</summary>
    public bool Unset(NodeWarning id) => Unset((1, (int)id));

    /// <summary>The messages of every warning now set, kernel warnings first.</summary>
    public IReadOnlyList<string> GetMessages()
    {
        lock (_lock)
            return _warnings.Values.ToList();
    }

    private bool Set((int, int) key, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        bool added;
        lock (_lock)
            added = _warnings.TryAdd(key, message);
        if (added)
            Changed?.Invoke();
        return added;
    }

    private bool Unset((int, int) key)
    {
        bool removed;
        lock (_lock)
            removed = _warnings.Remove(key);
        if (removed)
            Changed?.Invoke();
        return removed;
    }
}
