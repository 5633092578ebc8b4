namespace Capnp;

/// <summary>
/// The server side of a capability: the RPC layer hands each incoming call to <see cref="DispatchAsync"/>.
/// Generated <c>Server</c> classes derive from it and route calls to their abstract methods by interface id
/// (including inherited interfaces) and method ordinal.
/// </summary>
public abstract class CapabilityServer
{
    /// <summary>Runs the call; completes when the results are filled. An unknown method throws
    /// <see cref="UnimplementedMethodException"/>.</summary>
    public abstract ValueTask DispatchAsync(ulong interfaceId, ushort methodId, ICallContextHook context,
        CancellationToken cancellationToken = default);

    /// <summary>The outcome for a call this server does not implement.</summary>
    protected static ValueTask Unimplemented(ulong interfaceId, ushort methodId) =>
        ValueTask.FromException(new UnimplementedMethodException(interfaceId, methodId));
}
