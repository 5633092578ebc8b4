using Capnp.Rpc;
using Multiprocess;

namespace Bitcoin.Ipc;

/// <summary>How a client proxy's <c>Dispose</c> calls the peer's <c>destroy</c>: not at all once the connection is gone,
/// and without throwing when it goes meanwhile (disposing must not fail because the peer has exited).</summary>
internal static class ClientDestroy
{
    public static void Run(IpcConnection connection, Action destroy)
    {
        if (!connection.IsConnected)
            return;
        try
        {
            destroy();
        }
        catch (RpcException)
        {
            // The peer went away or its object was already released; either way there is nothing left to destroy.
        }
    }
}
