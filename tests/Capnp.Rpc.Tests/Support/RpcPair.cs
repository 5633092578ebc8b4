using System.IO.Pipelines;
using Capnp.Rpc.Tests.Schema;
using Capnp.Rpc.Tests.Servers;

namespace Capnp.Rpc.Tests.Support;

/// <summary>Two connected RPC endpoints: a client, and a server offering a <see cref="TestServiceServer"/> as its
/// bootstrap, over a Unix socket pair (or in-memory pipes).</summary>
internal sealed class RpcPair : IAsyncDisposable
{
    private RpcPair(RpcConnection client, RpcConnection server, TestServiceServer service)
    {
        Client = client;
        Server = server;
        Service = service;
    }

    public RpcConnection Client { get; }

    public RpcConnection Server { get; }

    public TestServiceServer Service { get; }

    /// <summary>Objects of the server side (counters, the service) alive.</summary>
    public LiveObjects ServerLive => Service.Live;

    public static RpcPair Create(bool sockets = true, Action<RpcMessageEvent>? clientObserver = null,
        Action<RpcMessageEvent>? serverObserver = null, IClientHook? clientBootstrap = null)
    {
        var service = new TestServiceServer(new LiveObjects());
        using var bootstrap = TestService.Client.FromServer(service);
        var serverOptions = new RpcConnectionOptions { Bootstrap = bootstrap.Hook, MessageObserver = serverObserver };
        var clientOptions = new RpcConnectionOptions { Bootstrap = clientBootstrap, MessageObserver = clientObserver };
        if (sockets)
        {
            var (a, b) = LibC.SocketPair();
            return new RpcPair(RpcConnection.Create(a, clientOptions), RpcConnection.Create(b, serverOptions), service);
        }

        var (clientPipe, serverPipe) = DuplexPipes();
        return new RpcPair(RpcConnection.Create(clientPipe, clientOptions), RpcConnection.Create(serverPipe, serverOptions), service);
    }

    /// <summary>Two ends of an in-memory duplex stream.</summary>
    public static (IDuplexPipe, IDuplexPipe) DuplexPipes()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        return (new DuplexPipe(toClient.Reader, toServer.Writer), new DuplexPipe(toServer.Reader, toClient.Writer));
    }

    public TestService.Client Bootstrap() => Client.Bootstrap<TestService.Client>();

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
