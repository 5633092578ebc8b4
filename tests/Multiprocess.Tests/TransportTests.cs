using System.Net;
using System.Net.Sockets;
using Multiprocess.Tests.Schema;
using Multiprocess.Tests.Servers;

namespace Multiprocess.Tests;

/// <summary>An IPC connection works over any connected stream: TCP, a Unix socket, a plain Stream.</summary>
public sealed class TransportTests
{
    private static async Task<(Socket Server, Socket Client)> ConnectAsync(EndPoint endPoint, AddressFamily family, ProtocolType protocol)
    {
        using var listener = new Socket(family, SocketType.Stream, protocol);
        listener.Bind(endPoint);
        listener.Listen(1);
        var client = new Socket(family, SocketType.Stream, protocol);
        await client.ConnectAsync(listener.LocalEndPoint!);
        return (await listener.AcceptAsync(), client);
    }

    private static async Task<string> EchoOverAsync(Func<IpcConnectionOptions, IpcConnection> serve, Func<IpcConnection> connect)
    {
        await using var server = serve(new IpcConnectionOptions { Init = c => TestInit.Client.FromServer(new TestInitServer(c)).Hook! });
        await using var client = connect();
        using var init = client.ConnectInit<TestInit.Client>();
        var make = init.MakeServiceRequest();
        make.Params.SetName("s");
        using var made = client.Call(make, p => p.InitContext());
        using var service = made.Results.Result;
        var request = service.EchoRequest();
        request.Params.SetEcho("over the wire");
        using var response = client.Call(request, p => p.InitContext());
        return response.Results.Result.ToString();
    }

    [Fact]
    public async Task EchoOverTcpLoopback()
    {
        var (server, client) = await ConnectAsync(new IPEndPoint(IPAddress.Loopback, 0), AddressFamily.InterNetwork, ProtocolType.Tcp);
        Assert.Equal("over the wire", await EchoOverAsync(o => IpcConnection.Create(server, o), () => IpcConnection.Create(client)));
    }

    [Fact]
    public async Task EchoOverAUnixSocket()
    {
        var directory = Directory.CreateTempSubdirectory("mp-unix-");
        try
        {
            var path = Path.Combine(directory.FullName, "node.sock");
            var (server, client) = await ConnectAsync(new UnixDomainSocketEndPoint(path), AddressFamily.Unix, ProtocolType.Unspecified);
            Assert.Equal("over the wire", await EchoOverAsync(o => IpcConnection.Create(server, o), () => IpcConnection.Create(client)));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task EchoOverStreams()
    {
        var (a, b) = IpcSockets.CreatePair();
        Assert.Equal("over the wire", await EchoOverAsync(
            o => IpcConnection.Create(new NetworkStream(a, ownsSocket: true), o),
            () => IpcConnection.Create(new NetworkStream(b, ownsSocket: true))));
    }
}
