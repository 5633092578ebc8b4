using Capnp.Rpc.Tests.Schema;
using Capnp.Rpc.Tests.Servers;
using Capnp.Rpc.Tests.Support;

namespace Capnp.Rpc.Tests;

/// <summary>Promise pipelining: calls on capabilities in results not yet returned, and such capabilities passed on.</summary>
public sealed class PipeliningTests
{
    [Fact]
    public async Task CallOnReturnedCapabilityIsSentBeforeTheResultsArrive()
    {
        // The gate holds the newCounter Return until the calls are made: they can only have gone out pipelined.
        var gate = new ReturnGate(TestService.Methods.NewCounter);
        await using var pair = RpcPair.Create(clientObserver: gate.Observe);
        using var service = pair.Bootstrap();
        var newCounter = service.NewCounterRequest();
        var start = newCounter.Params;
        start.Start = 1;
        using var pending = newCounter.Send();
        using var counter = new TestService.NewCounterResults.Pipeline(pending.Answer).Counter;
        var increments = Enumerable.Range(0, 3).Select(_ => CapabilityTests.Increment(counter, 1).AsTask()).ToArray();

        // newCounter and the three calls on its result are all in the air (the receive loop is held at its Return).
        Assert.True(pair.Client.GetTableCounts().Questions >= 4);
        gate.Open();
        var values = new List<long>();
        foreach (var increment in increments)
        {
            using var response = await increment;
            values.Add(response.Results.Value);
        }

        // Calls on one reference arrive in the order they were made.
        Assert.Equal([2L, 3L, 4L], values);

        using var results = await pending.GetResponseAsync();
        using var returned = results.Results.Counter;
        using var again = await CapabilityTests.Increment(returned, 1);
        Assert.Equal(5, again.Results.Value);
    }

    [Fact]
    public async Task CapabilityInAStructOfTheResultsIsPipelinedThroughItsPath()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var newCounter = service.NewCounterRequest();
        var start = newCounter.Params;
        start.Start = 40;
        using var created = newCounter.Send();
        using var counter = new TestService.NewCounterResults.Pipeline(created.Answer).Counter;

        var wrap = service.WrapRequest();
        var p = wrap.Params;
        p.Counter = counter;
        p.SetLabel("held");
        using var wrapped = wrap.Send();
        using var inner = new TestService.WrapResults.Pipeline(wrapped.Answer).Holder.Counter;
        using var response = await CapabilityTests.Increment(inner, 2);
        Assert.Equal(42, response.Results.Value);
    }

    [Fact]
    public async Task PipelinedCapabilityPassedAsParameterReachesTheObjectItResolvesTo()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var newCounter = service.NewCounterRequest();
        var start = newCounter.Params;
        start.Start = 7;
        using var created = newCounter.Send();
        using var counter = new TestService.NewCounterResults.Pipeline(created.Answer).Counter;

        // Sent as receiverAnswer: the server finds the capability in its own answer.
        var increment = service.IncrementRequest();
        var p = increment.Params;
        p.Counter = counter;
        p.By = 3;
        using var response = await increment.CallAsync();
        Assert.Equal(10, response.Results.Value);
        Assert.Equal(0, pair.Client.GetTableCounts().Exports);

        // The server recognised its own object (as libmultiprocess servers recognise their Thread in a Context).
        Assert.IsType<CounterServer>(pair.Service.LastIncrementedLocal);
    }

    [Fact]
    public async Task PipelinedCallOnAFailedCallFailsWithItsException()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var fail = service.FailRequest();
        var p = fail.Params;
        p.Type = (ushort)RpcExceptionType.Overloaded;
        p.SetReason("busy");
        using var pending = fail.Send();
        using var nothing = pending.Answer.GetPipelinedCapability(PipelinePath.Empty.Append(0));
        var call = new Counter.Client(nothing).IncrementRequest();
        var error = await Assert.ThrowsAsync<RpcOverloadedException>(async () => await call.CallAsync());
        Assert.Equal("busy", error.Message);
    }

    [Fact]
    public async Task EmbargoKeepsCallsInOrderWhenAPromiseResolvesToALocalObject()
    {
        // Rpc-test's Embargo scenario: calls on a promise that turns out to be our own object, made before and after
        // it resolves, all arrive in the order made (the later ones wait for a Disembargo to come back).
        var gate = new ReturnGate(TestService.Methods.EchoCap);
        await using var pair = RpcPair.Create(clientObserver: gate.Observe);
        using var service = pair.Bootstrap();
        using var mine = CallOrder.Client.FromServer(new CallOrderServer());

        var early = CapabilityTests.Increment(await NewCounter(service), 0);
        var echo = service.EchoCapRequest();
        var p = echo.Params;
        p.Cap = mine;
        using var pending = echo.Send();
        using var pipeline = new TestService.EchoCapResults.Pipeline(pending.Answer).Cap;

        var calls = new List<ValueTask<Response<CallOrder.GetCallSequenceResults>>>
        {
            CapabilityTests.GetCallSequence(pipeline, 0),
            CapabilityTests.GetCallSequence(pipeline, 1),
        };
        (await early).Dispose();
        calls.Add(CapabilityTests.GetCallSequence(pipeline, 2));
        gate.Open();
        using (var response = await pending.GetResponseAsync())
        using (var resolved = response.Results.Cap)
            Assert.NotNull(await Capability.GetLocalServerAsync(resolved.Hook!));
        calls.Add(CapabilityTests.GetCallSequence(pipeline, 3));
        calls.Add(CapabilityTests.GetCallSequence(pipeline, 4));
        calls.Add(CapabilityTests.GetCallSequence(pipeline, 5));

        for (uint i = 0; i < calls.Count; i++)
        {
            using var result = await calls[(int)i];
            Assert.Equal(i, result.Results.N);
        }

        // One Disembargo went round the peer and came back.
        Assert.Equal([RpcMessageDirection.Sent, RpcMessageDirection.Received], gate.Disembargoes());
    }

    private static async Task<Counter.Client> NewCounter(TestService.Client service)
    {
        using var response = await service.NewCounterRequest().CallAsync();
        return response.Results.Counter;
    }
}
