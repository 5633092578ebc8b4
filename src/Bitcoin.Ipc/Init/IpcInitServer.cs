using Bitcoin.Interfaces;
using Capnp;
using Multiprocess;
using Messages = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc;

/// <summary>Serves a process's <see cref="IInit"/> on IPC connections.</summary>
public static class IpcInitServer
{
    /// <summary>
    /// The bootstrap capability serving <paramref name="init"/> on <paramref name="connection"/>, for
    /// <see cref="IpcConnectionOptions.Init"/>: <c>Init = c => IpcInitServer.Serve(init, c)</c>. The implementation is
    /// shared by every connection and never disposed by them; the objects its methods make belong to the connection.
    /// </summary>
    public static IClientHook Serve(IInit init, IpcConnection connection)
    {
        ArgumentNullException.ThrowIfNull(init);
        ArgumentNullException.ThrowIfNull(connection);
        return Messages.Init.Client.FromServer(new InitServer(connection.Adopt(init, owned: false))).Hook!;
    }
}
