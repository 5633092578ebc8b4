using Capnp.Rpc.Internal;

namespace Capnp;

/// <summary>
/// The server side of a capability: the RPC layer hands each incoming call to <see cref="DispatchAsync"/>.
/// Generated <c>Server</c> classes derive from it and route calls to their abstract methods by interface id
/// (including inherited interfaces) and method ordinal. References to a server come from
/// <see cref="Rpc.Capability.FromServer"/> (or the generated <c>Client.FromServer</c>); a server that is
/// <see cref="IDisposable"/> is disposed when the last reference to it is dropped (locally or by a peer).
/// </summary>
public abstract class CapabilityServer
{
    private LocalServerNode? _node;

    /// <summary>Runs the call; completes when the results are filled. An unknown method throws
    /// <see cref="UnimplementedMethodException"/>. Calls arriving from a peer are dispatched in order on the
    /// connection's receive loop: a method should not block (await instead, or post blocking work elsewhere).</summary>
    public abstract ValueTask DispatchAsync(ulong interfaceId, ushort methodId, ICallContextHook context,
        CancellationToken cancellationToken = default);

    /// <summary>The outcome for a call this server does not implement.</summary>
    protected static ValueTask Unimplemented(ulong interfaceId, ushort methodId) =>
        ValueTask.FromException(new UnimplementedMethodException(interfaceId, methodId));

    /// <summary>The server's node with a new reference: one node per server while it is referenced, so that it
    /// is exported once per connection however many references are sent.</summary>
    internal LocalServerNode AcquireNode()
    {
        while (true)
        {
            var node = Volatile.Read(ref _node);
            if (node is not null && node.TryAddRef())
                return node;
            var created = new LocalServerNode(this);
            if (Interlocked.CompareExchange(ref _node, created, node) == node)
                return created;
        }
    }

    internal void DetachNode(LocalServerNode node) => Interlocked.CompareExchange(ref _node, null, node);
}
