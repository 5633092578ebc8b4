using Capnp.Rpc.Tests.Schema;
using Capnp.Rpc.Tests.Servers;
using Capnp.Rpc.Tests.Support;

namespace Capnp.Rpc.Tests;

/// <summary>Capabilities as results and parameters, callbacks, and the reference counts that decide when objects go.</summary>
public sealed class CapabilityTests
{
    [Fact]
    public async Task ReturnedCapabilityIsCalledAndItsServerDisposedWhenTheLastReferenceIsDropped()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var request = service.NewCounterRequest();
        {
            var parameters = request.Params;
            parameters.Start = 10;
        }
        Counter.Client counter;
        using (var response = await request.CallAsync())
            counter = response.Results.Counter;

        using (var incremented = await Increment(counter, 5))
            Assert.Equal(15, incremented.Results.Value);
        Assert.Equal(1u, await LiveCounters(service));

        // A second reference keeps the object alive; the Release goes when both are dropped.
        var copy = counter.AddRef();
        counter.Dispose();
        Assert.Equal(1u, await LiveCounters(service));
        using (var again = await Increment(copy, 1))
            Assert.Equal(16, again.Results.Value);
        copy.Dispose();

        // Messages are handled in order: the Release has freed the counter before this call is answered.
        Assert.Equal(0u, await LiveCounters(service));
        Assert.Equal(0, pair.Server.GetTableCounts().Exports - 1);
    }

    [Fact]
    public async Task CallbackPassedAsParameterIsCalledDuringTheCall()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var live = new LiveObjects();
        var server = CallbackServer.Create(live, factor: 3);
        using (var callback = Callback.Client.FromServer(server))
        {
            var request = service.CallBackRequest();
            var p = request.Params;
            p.Callback = callback;
            p.Value = 7;
            using var response = await request.CallAsync();
            Assert.Equal(21, response.Results.Result);
        }

        Assert.Equal(1, server.Calls);

        // The server let the callback go when the call returned; our own reference is gone too.
        await LiveCounters(service);
        Assert.True(server.IsDisposed);
        Assert.Equal(0, pair.Client.GetTableCounts().Exports);
    }

    [Fact]
    public async Task CallbackHeldByThePeerLivesUntilThePeerDropsIt()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var live = new LiveObjects();
        var server = CallbackServer.Create(live, factor: 2);
        using (var callback = Callback.Client.FromServer(server))
        {
            var hold = service.HoldCallbackRequest();
            {
                var parameters = hold.Params;
                parameters.Callback = callback;
            }
            (await hold.CallAsync()).Dispose();
        }

        Assert.False(server.IsDisposed);
        Assert.Equal(1, pair.Client.GetTableCounts().Exports);
        var call = service.CallHeldRequest();
        {
            var parameters = call.Params;
            parameters.Value = 21;
        }
        using (var response = await call.CallAsync())
            Assert.Equal(42, response.Results.Result);

        (await service.DropHeldRequest().CallAsync()).Dispose();
        await LiveCounters(service);
        Assert.True(server.IsDisposed);
        Assert.Equal(0, pair.Client.GetTableCounts().Exports);
    }

    [Fact]
    public async Task OwnCapabilitySentBackByThePeerIsTheLocalObject()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var order = new CallOrderServer();
        using var mine = CallOrder.Client.FromServer(order);
        var request = service.EchoCapRequest();
        {
            var parameters = request.Params;
            parameters.Cap = mine;
        }
        using var response = await request.CallAsync();
        using var echoed = response.Results.Cap;

        // It came back as our own export (receiverHosted), not as a proxy of a proxy.
        Assert.Same(order, await Capability.GetLocalServerAsync(echoed.Hook!));
        using var sequence = await GetCallSequence(echoed, 0);
        Assert.Equal(0u, sequence.Results.N);
    }

    [Fact]
    public async Task PeersCapabilitySentBackTravelsAsItsOwnAndIsCalledThere()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var newCounter = service.NewCounterRequest();
        {
            var parameters = newCounter.Params;
            parameters.Start = 100;
        }
        using var created = await newCounter.CallAsync();
        using var counter = created.Results.Counter;

        var request = service.IncrementRequest();
        var p = request.Params;
        p.Counter = counter;
        p.By = 5;
        using var response = await request.CallAsync();
        Assert.Equal(105, response.Results.Value);

        // The server received its own counter (receiverHosted) and called it directly: the client exports nothing.
        Assert.Equal(0, pair.Client.GetTableCounts().Exports);
    }

    [Fact]
    public async Task SameCapabilitySentTwiceIsOneExportReleasedOnce()
    {
        var events = new List<RpcMessageEvent>();
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var live = new LiveObjects();
        var server = CallbackServer.Create(live, 1);
        using (var callback = Callback.Client.FromServer(server))
        {
            for (int i = 0; i < 2; i++)
            {
                var hold = service.HoldCallbackRequest();
                {
                    var parameters = hold.Params;
                    parameters.Callback = callback;
                }
                (await hold.CallAsync()).Dispose();
            }
        }

        Assert.Equal(1, pair.Client.GetTableCounts().Exports);
        (await service.DropHeldRequest().CallAsync()).Dispose();
        await LiveCounters(service);
        Assert.True(server.IsDisposed);
        Assert.Equal(0, pair.Client.GetTableCounts().Exports);
    }

    [Fact]
    public async Task ReferenceNeverDisposedIsReleasedWhenCollected()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        await Forget(service);
        Assert.Equal(1u, await LiveCounters(service));

        // The handle's finalizer hands the release to the thread pool; the Release then reaches the server.
        uint live = 1;
        for (int i = 0; i < 100 && live != 0; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(10);
            live = await LiveCounters(service);
        }

        Assert.Equal(0u, live);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task Forget(TestService.Client service)
    {
        using var response = await service.NewCounterRequest().CallAsync();
        _ = response.Results.Counter;
    }

    internal static async Task<uint> LiveCounters(TestService.Client service)
    {
        using var response = await service.LiveCountersRequest().CallAsync();
        return response.Results.Count;
    }

    internal static ValueTask<Response<Counter.IncrementResults>> Increment(Counter.Client counter, long by)
    {
        var request = counter.IncrementRequest();
        {
            var parameters = request.Params;
            parameters.By = by;
        }
        return request.CallAsync();
    }

    internal static ValueTask<Response<CallOrder.GetCallSequenceResults>> GetCallSequence(CallOrder.Client order, uint expected)
    {
        var request = order.GetCallSequenceRequest();
        {
            var parameters = request.Params;
            parameters.Expected = expected;
        }
        return request.CallAsync();
    }
}
