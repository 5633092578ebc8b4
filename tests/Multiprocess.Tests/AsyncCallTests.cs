using Capnp.Rpc;
using Multiprocess.Tests.Schema;
using Multiprocess.Tests.Servers;
using Multiprocess.Tests.Support;

namespace Multiprocess.Tests;

/// <summary>CallAsync: calls from asynchronous code, callbacks on the connection's async-caller thread.</summary>
public sealed class AsyncCallTests
{
    [Fact]
    public async Task AsyncCallsWithCallbacksAlternateBetweenTheWorkerAndTheAsyncCaller()
    {
        await using var pair = new IpcPair();
        using var service = pair.MakeService("s");
        using var callback = TestCallback.Client.FromServer(new TestCallbackServer(pair.Client));
        var request = service.BounceRequest();
        var p = request.Params;
        p.Callback = callback;
        p.Depth = 3;

        using var response = await pair.Client.CallAsync(request, q => q.InitContext());
        var trace = response.Results.Trace.Select(t => t.ToString()).ToList();

        Assert.Equal(4, trace.Count);
        Assert.Equal(trace[0], trace[2]);
        Assert.Equal(trace[1], trace[3]);
        Assert.NotEqual(trace[0], trace[1]);
        Assert.EndsWith("/ipc-worker", trace[1]); // the async-caller thread, not a thread-pool thread
    }

    [Fact]
    public async Task AsyncCallsWithoutContextAndAfterDisconnect()
    {
        var pair = new IpcPair();
        using (var response = await pair.Client.CallAsync(pair.Init.ProcessIdRequest()))
            Assert.Equal(Environment.ProcessId, response.Results.Result);
        using var service = pair.MakeService("s");
        var request = service.EchoRequest();
        request.Params.SetEcho("async");
        using (var echoed = await pair.Client.CallAsync(request, p => p.InitContext()))
            Assert.Equal("async", echoed.Results.Result.ToString());

        await pair.DisposeAsync();
        var error = await Assert.ThrowsAsync<RpcDisconnectedException>(() => pair.Client.CallAsync(service.EchoRequest(), p => p.InitContext()));
        Assert.Equal(IpcConnection.CalledAfterDisconnect, error.Message);
    }
}
