namespace Capnp.Rpc.Internal;

/// <summary>
/// An object shared by several owners, released when the last one lets go. Counts change with interlocked operations;
/// <see cref="OnLastRelease"/> runs once, on the thread that dropped the last reference, never under a lock of the
/// RPC layer (owners that drop references while holding one defer the release until it is left).
/// </summary>
internal abstract class RefCounted
{
    private int _references = 1;

    /// <summary>True while some owner holds a reference.</summary>
    public bool IsAlive => Volatile.Read(ref _references) > 0;

    /// <summary>Takes another reference; the caller must already hold one.</summary>
    public void AddRef()
    {
        if (Interlocked.Increment(ref _references) <= 1)
            throw new ObjectDisposedException(GetType().Name, "A released object cannot be referenced again.");
    }

    /// <summary>Takes another reference unless the object has already been released (for tables that point at
    /// objects without owning them).</summary>
    public bool TryAddRef()
    {
        while (true)
        {
            int count = Volatile.Read(ref _references);
            if (count <= 0)
                return false;
            if (Interlocked.CompareExchange(ref _references, count + 1, count) == count)
                return true;
        }
    }

    /// <summary>Drops a reference.</summary>
    public void Release()
    {
        int count = Interlocked.Decrement(ref _references);
        if (count == 0)
            OnLastRelease();
        else if (count < 0)
            throw new InvalidOperationException($"{GetType().Name} released more often than referenced.");
    }

    /// <summary>Frees what the object holds; runs once.</summary>
    protected abstract void OnLastRelease();
}
