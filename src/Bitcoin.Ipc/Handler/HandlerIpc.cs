using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Handler;

/// <summary>Puts an <see cref="IHandler"/> across a connection, and back.</summary>
public static class HandlerIpc
{
    /// <summary>
    /// A capability serving <paramref name="handler"/> to the peer of <paramref name="connection"/> (the caller
    /// disposes the reference). The connection owns the handler: the peer's <c>destroy</c>, its release of the
    /// capability, or the end of the connection disposes it, which ends the registration.
    /// </summary>
    public static M.Handler.Client Serve(IpcConnection connection, IHandler handler) =>
        Capabilities.Export<IHandler, M.Handler.Client>(connection, handler, owned: true, static s => new HandlerServer(s));

    /// <summary>An <see cref="IHandler"/> calling the peer's <paramref name="client"/> (the proxy takes the reference).</summary>
    public static IHandler Proxy(IpcConnection connection, M.Handler.Client client) => new HandlerProxy(connection, client);
}
