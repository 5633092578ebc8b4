namespace Capnp.Rpc.Internal;

/// <summary>
/// A table whose ids this side chooses (questions, exports, embargoes): like Unix file descriptors, a new entry gets
/// the lowest id free, as the C++ library assigns them.
/// </summary>
internal sealed class IdTable<T>
    where T : class
{
    private readonly List<T?> _slots = [];
    private readonly PriorityQueue<uint, uint> _free = new();

    public int Count { get; private set; }

    /// <summary>Adds <paramref name="entry"/> under the lowest free id.</summary>
    public uint Add(T entry)
    {
        uint id;
        if (_free.TryDequeue(out id, out _))
        {
            _slots[(int)id] = entry;
        }
        else
        {
            if (_slots.Count >= int.MaxValue)
                throw new InvalidOperationException("Too many entries in an RPC table.");
            id = (uint)_slots.Count;
            _slots.Add(entry);
        }

        Count++;
        return id;
    }

    public bool TryGet(uint id, out T entry)
    {
        if (id < (uint)_slots.Count && _slots[(int)id] is { } found)
        {
            entry = found;
            return true;
        }

        entry = null!;
        return false;
    }

    /// <summary>Removes the entry, making its id the next one reused (if lowest).</summary>
    public void Remove(uint id)
    {
        if (id >= (uint)_slots.Count || _slots[(int)id] is null)
            return;
        _slots[(int)id] = null;
        _free.Enqueue(id, id);
        Count--;
    }

    /// <summary>The entries with their ids.</summary>
    public IEnumerable<(uint Id, T Entry)> Entries()
    {
        for (int i = 0; i < _slots.Count; i++)
        {
            if (_slots[i] is { } entry)
                yield return ((uint)i, entry);
        }
    }

    public void Clear()
    {
        _slots.Clear();
        _free.Clear();
        Count = 0;
    }
}
