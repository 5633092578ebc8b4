using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Handler;

/// <summary>An <see cref="IHandler"/> of the peer: <see cref="Disconnect"/> sends <c>disconnect</c>,
/// <see cref="IDisposable.Dispose"/> sends <c>destroy</c> (which also disconnects) and releases it.</summary>
internal sealed class HandlerProxy(IpcConnection connection, M.Handler.Client client) : CapabilityProxy<M.Handler.Client>(connection, client), IHandler
{
    public void Disconnect()
    {
        // Disconnecting a registration whose process is gone has nothing left to do.
        if (!Connection.IsConnected) return;
        using var _ = Call(Client.DisconnectRequest(), p => p.InitContext());
    }

    protected override void Destroy()
    {
        using var _ = Call(Client.DestroyRequest(), p => p.InitContext());
    }
}
