using Capnp.Rpc;
using Multiprocess.Tests.Schema;
using Multiprocess.Tests.Servers;
using Multiprocess.Tests.Support;

namespace Multiprocess.Tests;

/// <summary>Which thread runs each call: workers per client thread, callbacks on the caller's blocked thread.</summary>
public sealed class ThreadMappingTests
{
    private static string WhereAmI(IpcConnection connection, TestService.Client service)
    {
        var request = service.WhereAmIRequest();
        using var response = connection.Call(request, p => p.InitContext());
        return response.Results.Result.ToString();
    }

    [Fact]
    public async Task CallsWithAContextRunOnOneWorkerPerClientThread()
    {
        await using var pair = new IpcPair();
        using var service = pair.MakeService("s");
        var first = WhereAmI(pair.Client, service);
        var second = WhereAmI(pair.Client, service);
        string fromOtherThread = "";
        var other = new Thread(() => fromOtherThread = WhereAmI(pair.Client, service));
        other.Start();
        other.Join();

        Assert.Equal(first, second);
        Assert.NotEqual(Where.Here(), first);
        Assert.EndsWith("/ipc-worker", first);
        Assert.NotEqual(first, fromOtherThread);
    }

    [Fact]
    public async Task ReentrantCallbacksRunOnTheSameTwoThreads()
    {
        await using var pair = new IpcPair();
        using var service = pair.MakeService("s");
        using var callback = TestCallback.Client.FromServer(new TestCallbackServer(pair.Client));
        var request = service.BounceRequest();
        var p = request.Params;
        p.Callback = callback;
        p.Depth = 5;

        using var response = pair.Client.Call(request, q => q.InitContext());
        var trace = response.Results.Trace.Select(t => t.ToString()).ToList();

        // bounce (server) -> call (client) -> bounce -> call -> bounce -> call: six frames, two threads.
        Assert.Equal(6, trace.Count);
        var worker = trace[0];
        for (int i = 0; i < trace.Count; i++)
            Assert.Equal(i % 2 == 0 ? worker : Where.Here(), trace[i]);
        Assert.NotEqual(Where.Here(), worker);
    }

    [Fact]
    public async Task CallsWithoutAContextRunOnTheConnectionLoop()
    {
        await using var pair = new IpcPair();
        using var service = pair.MakeService("s");
        var worker = WhereAmI(pair.Client, service);

        var request = service.OnLoopRequest();
        using var response = pair.Client.Call(request);
        var where = response.Results.Result.ToString();

        Assert.NotEqual(worker, where);
        Assert.NotEqual(Where.Here(), where);
        Assert.DoesNotContain("ipc-worker", where);
    }

    [Fact]
    public async Task ConcurrentCallsOnOneThreadQueue()
    {
        var log = new CapturingLogger();
        await using var pair = new IpcPair(serverLog: log);
        using var service = pair.MakeService("s");
        // Two calls sent at once naming the same server thread, without waiting for either.
        using var make = pair.Client.PeerThreadMap.MakeThreadRequest();
        make.Params.SetName("queue-test");
        using var made = make.Send();
        using var thread = new Multiprocess.Capnp.ThreadMap.MakeThreadResults.Pipeline(made.Answer).Result;
        var a = SendHold(service, thread, "queue-a");
        var b = SendHold(service, thread, "queue-b");
        HoldGates.WaitStarted("queue-a");
        log.WaitFor("IPC server post request", 3); // makeService, then both holds have reached the thread's queue

        HoldGates.Release("queue-b");
        HoldGates.Release("queue-a");
        using var ra = await a.GetResponseAsync();
        using var rb = await b.GetResponseAsync();

        var events = HoldGates.Events.Where(e => e.Contains("queue-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["start queue-a", "end queue-a", "start queue-b", "end queue-b"], events);
        Assert.Equal(Where.ThreadOf(ra.Results.Trace.ToString().Split('@')[1]), Where.ThreadOf(rb.Results.Trace.ToString().Split('@')[1]));
        a.Dispose();
        b.Dispose();
    }

    private static global::Capnp.PendingCall<TestService.HoldResults> SendHold(TestService.Client service, Multiprocess.Capnp.Thread.Client thread, string tag)
    {
        var request = service.HoldRequest();
        var p = request.Params;
        p.SetTag(tag);
        var context = p.InitContext();
        context.Thread = thread;
        var pending = request.Send();
        request.Dispose();
        return pending;
    }

    [Fact]
    public async Task DestroyDisposesTheImplementationAtOnce()
    {
        await using var pair = new IpcPair();
        using var service = pair.MakeService("destroyed");
        Assert.Equal(1, pair.Server.ServerObjectCount);

        using (pair.Client.Call(service.DestroyRequest(), p => p.InitContext()))
        {
        }

        Assert.Equal(["destroyed"], pair.Disposals);
        Assert.Equal(0, pair.Server.ServerObjectCount);
        var error = Assert.Throws<RpcException>(() => Bounce(pair.Client, service));
        Assert.Contains("destroyed", error.Message, StringComparison.Ordinal);
    }

    private static string Bounce(IpcConnection connection, TestService.Client service)
    {
        var request = service.BounceRequest();
        var p = request.Params;
        p.Depth = 0;
        using var response = connection.Call(request, q => q.InitContext());
        return response.Results.Trace[0].ToString();
    }

    [Fact]
    public async Task AThreadThatEndsReleasesItsWorkerOnThePeer()
    {
        await using var pair = new IpcPair();
        using var service = pair.MakeService("s");
        int exportsBefore = pair.Server.Rpc.GetTableCounts().Exports;
        var caller = new Thread(() => WhereAmI(pair.Client, service));
        caller.Start();
        caller.Join();
        Assert.Equal(exportsBefore + 1, pair.Server.Rpc.GetTableCounts().Exports); // the caller's worker

        // The ended thread's context is finalized; its worker reference goes back to the server.
        for (int i = 0; i < 50 && pair.Server.Rpc.GetTableCounts().Exports != exportsBefore; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using (pair.Client.Call(pair.Init.ProcessIdRequest()))
            {
            }
        }

        Assert.Equal(exportsBefore, pair.Server.Rpc.GetTableCounts().Exports);
    }
}
