using System.Diagnostics;

namespace Capnp.Rpc.Internal;

/// <summary>
/// A capability served in this process by a <see cref="CapabilityServer"/>. Calls are dispatched on the thread that
/// delivers them (the connection's receive loop for calls from a peer), in the order they arrive; a server that
/// wants another thread posts its work there and completes the call later. When the last reference goes, a server
/// that is <see cref="IDisposable"/> is disposed.
/// </summary>
internal sealed class LocalServerNode : CapNode
{
    public LocalServerNode(CapabilityServer server) => Server = server;

    public CapabilityServer Server { get; }

    public override IRequestHook NewRequest(ulong interfaceId, ushort methodId) => new LocalRequest(this, interfaceId, methodId);

    public override void Deliver(ServerCall call)
    {
        if (!call.TryBeginDelivery())
            return;
        ValueTask dispatch;
        try
        {
            dispatch = Server.DispatchAsync(call.InterfaceId, call.MethodId, call, call.CancellationToken);
        }
        catch (Exception e)
        {
            call.Fail(e);
            return;
        }

        call.Run(dispatch);
    }

    protected override void OnLastRelease()
    {
        Server.DetachNode(this);
        if (Server is IDisposable disposable)
        {
            try
            {
                disposable.Dispose();
            }
            catch (Exception e)
            {
                // Nothing to report it to: the release may come from a peer's Release message.
                Trace.TraceError($"Cap'n Proto RPC: disposing {Server.GetType().Name} threw: {e}");
            }
        }
    }

    public override string ToString() => "local " + Server.GetType().Name;
}
