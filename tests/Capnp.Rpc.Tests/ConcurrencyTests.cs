using Capnp.Rpc.Tests.Schema;
using Capnp.Rpc.Tests.Support;

namespace Capnp.Rpc.Tests;

/// <summary>Calls from many threads at once, servers that complete later on other threads, large payloads.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task CallsFromManyThreadsAllGetTheirOwnResults()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (int i = 0; i < 200; i++)
            {
                var request = service.AddRequest();
                var p = request.Params;
                p.A = worker * 1000;
                p.B = i;
                using var response = await request.CallAsync();
                Assert.Equal((worker * 1000) + i, response.Results.Sum);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        Assert.Equal(0, pair.Client.GetTableCounts().Questions);
        Assert.Equal(0, pair.Server.GetTableCounts().Answers);
    }

    [Fact]
    public async Task HundredPipelinedCallsInFlightAllComeBack()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var calls = Enumerable.Range(0, 100).Select(i =>
        {
            var request = service.AddRequest();
            var p = request.Params;
            p.A = i;
            p.B = i;
            return request.CallAsync().AsTask();
        }).ToArray();
        for (int i = 0; i < calls.Length; i++)
        {
            using var response = await calls[i];
            Assert.Equal(2 * i, response.Results.Sum);
        }
    }

    [Fact]
    public async Task ServerCompletingOnAnotherThreadAnswersLater()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var slow = Callback.Client.FromServer(new GatedCallback(gate.Task));
        var request = service.CallBackRequest();
        var p = request.Params;
        p.Callback = slow;
        p.Value = 5;
        var pending = request.CallAsync().AsTask();

        // Meanwhile other calls on the same connection go through.
        using (var echoed = await service.EchoRequest().CallAsync())
            Assert.False(pending.IsCompleted);
        _ = Task.Run(gate.SetResult);
        using var response = await pending;
        Assert.Equal(5, response.Results.Result);
    }

    [Fact]
    public async Task MegabyteOfDataRoundTripsIntact()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var request = service.DataRequest();
        var payload = request.Params.InitPayload(1 << 20);
        Random.Shared.NextBytes(payload);
        ulong sum = 0;
        foreach (var b in payload)
            sum += b;
        using var response = await request.CallAsync();
        Assert.Equal((ulong)(1 << 20), response.Results.Length);
        Assert.Equal(sum, response.Results.Checksum);
    }

    /// <summary>Answers once the gate opens, on whatever thread opens it.</summary>
    private sealed class GatedCallback(Task gate) : Callback.Server
    {
        public override async ValueTask CallAsync(CallContext<Callback.CallParams, Callback.CallResults.Builder> context, CancellationToken cancellationToken)
        {
            await gate;
            var results = context.Results;
            results.Result = context.Params.Value;
        }
    }
}
