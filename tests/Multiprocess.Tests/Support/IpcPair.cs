using Multiprocess.Tests.Schema;
using Multiprocess.Tests.Servers;

namespace Multiprocess.Tests.Support;

/// <summary>Two IPC connections in this process over a socket pair: a "server" side serving a
/// <see cref="TestInitServer"/> and a "client" side connected to it (ThreadMaps exchanged).</summary>
public sealed class IpcPair : IAsyncDisposable
{
    public IpcPair(CapturingLogger? serverLog = null, CapturingLogger? clientLog = null)
    {
        var (a, b) = IpcSockets.CreatePair();
        Server = IpcConnection.Create(a, new IpcConnectionOptions
        {
            ExeName = "test-server",
            Logger = serverLog,
            Init = connection =>
            {
                InitServer = new TestInitServer(connection, Disposals);
                return TestInit.Client.FromServer(InitServer).Hook!;
            },
        });
        Client = IpcConnection.Create(b, new IpcConnectionOptions { ExeName = "test-client", Logger = clientLog });
        Init = Client.ConnectInit<TestInit.Client>();
    }

    public IpcConnection Server { get; }

    public IpcConnection Client { get; }

    public TestInit.Client Init { get; }

    public TestInitServer? InitServer { get; private set; }

    /// <summary>The services the server side disposed, in order.</summary>
    public List<string> Disposals { get; } = [];

    /// <summary>A new service named <paramref name="name"/>, made with a call from the current thread.</summary>
    public TestService.Client MakeService(string name)
    {
        var request = Init.MakeServiceRequest();
        request.Params.SetName(name);
        using var response = Client.Call(request, p => p.InitContext());
        return response.Results.Result;
    }

    public async ValueTask DisposeAsync()
    {
        Init.Dispose();
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
