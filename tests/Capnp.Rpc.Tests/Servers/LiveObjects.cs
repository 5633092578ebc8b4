namespace Capnp.Rpc.Tests.Servers;

/// <summary>Counts server objects that have been created and not yet disposed (released by every reference).</summary>
internal sealed class LiveObjects
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Created() => Interlocked.Increment(ref _count);

    public void Disposed() => Interlocked.Decrement(ref _count);
}
