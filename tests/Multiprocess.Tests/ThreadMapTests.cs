using Capnp.Rpc;
using Multiprocess.Capnp;
using Multiprocess.Tests.Schema;
using Multiprocess.Tests.Support;

namespace Multiprocess.Tests;

/// <summary>ThreadMap.makePool and the errors of calls whose Context names no usable thread.</summary>
public sealed class ThreadMapTests
{
    private static string WhereAmIWithoutThread(IpcConnection connection, TestService.Client service)
    {
        var request = service.WhereAmIRequest();
        request.Params.InitContext(); // a Context naming no thread
        using var response = connection.Call(request);
        return response.Results.Result.ToString();
    }

    private static void MakePool(IpcConnection connection, uint count)
    {
        var request = connection.PeerThreadMap.MakePoolRequest();
        var p = request.Params;
        p.Count = count;
        using (connection.Call(request))
        {
        }
    }

    [Fact]
    public async Task CallsNamingNoThreadRunOnThePoolOnceThereIsOne()
    {
        await using var pair = new IpcPair();
        using var service = pair.MakeService("s");
        var error = Assert.Throws<RpcException>(() => WhereAmIWithoutThread(pair.Client, service));
        Assert.Equal("no thread specified and no pool configured", error.Message);

        MakePool(pair.Client, 2);
        var where = WhereAmIWithoutThread(pair.Client, service);

        Assert.EndsWith("/ipc-worker", where);
        var again = Assert.Throws<RpcException>(() => MakePool(pair.Client, 1));
        Assert.Equal("makePool called on connection with existing pool", again.Message);
    }

    [Fact]
    public async Task AThreadFromAnotherConnectionIsAnInvalidThreadHandle()
    {
        await using var first = new IpcPair();
        await using var second = new IpcPair();
        using var service = second.MakeService("s");
        using var make = first.Client.PeerThreadMap.MakeThreadRequest();
        make.Params.SetName("elsewhere");
        using var made = make.Send();
        using var foreignThread = new ThreadMap.MakeThreadResults.Pipeline(made.Answer).Result;

        var request = service.WhereAmIRequest();
        var context = request.Params.InitContext();
        context.Thread = foreignThread;
        var error = Assert.Throws<RpcException>(() => second.Client.Call(request).Dispose());

        Assert.Equal("invalid thread handle", error.Message);
    }

    [Fact]
    public async Task ThreadGetNameGivesTheWorkersName()
    {
        await using var pair = new IpcPair();
        using var make = pair.Client.PeerThreadMap.MakeThreadRequest();
        make.Params.SetName("caller-thread");
        using var made = make.Send();
        using var thread = new ThreadMap.MakeThreadResults.Pipeline(made.Answer).Result;

        using var response = pair.Client.Call(thread.GetNameRequest());

        Assert.Matches(@"^test-server-\d+/ipc-worker-\d+ \(from caller-thread\)$", response.Results.Result.ToString());
    }

    [Fact]
    public async Task ContextCallsBeforeTheThreadMapsAreExchangedAreRefused()
    {
        var (a, b) = IpcSockets.CreatePair();
        await using var server = IpcConnection.Create(a, new IpcConnectionOptions
        {
            Init = c => TestInit.Client.FromServer(new Servers.TestInitServer(c)).Hook!,
        });
        await using var client = IpcConnection.Create(b);
        using var init = client.Rpc.Bootstrap<TestInit.Client>();

        var error = Assert.Throws<InvalidOperationException>(() => client.Call(init.MakeServiceRequest(), p => p.InitContext()).Dispose());
        Assert.Contains("ConnectInit", error.Message, StringComparison.Ordinal);
    }
}
