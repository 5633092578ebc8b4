using Bitcoin.Interfaces;
using Multiprocess;

namespace Bitcoin.Ipc.Tests.Init;

/// <summary>
/// A process's <see cref="IInit"/> served over one end of a socket pair and reached through an
/// <see cref="IpcInitClient"/> on the other, in this process: every call crosses a real Cap'n Proto connection.
/// </summary>
internal sealed class InitPair : IAsyncDisposable
{
    public InitPair(IInit init)
    {
        var (a, b) = IpcSockets.CreatePair();
        Server = IpcConnection.Create(a, new IpcConnectionOptions { ExeName = "test-node", Init = c => IpcInitServer.Serve(init, c) });
        ClientConnection = IpcConnection.Create(b, new IpcConnectionOptions { ExeName = "test-cli" });
        Client = IpcInitClient.Connect(ClientConnection);
    }

    public IpcConnection Server { get; }

    public IpcConnection ClientConnection { get; }

    public IpcInitClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await ClientConnection.DisposeAsync();
        await Server.DisposeAsync();
    }
}
