using Capnp.Rpc.Tests.Schema;
using Capnp.Rpc.Tests.Servers;
using Capnp.Rpc.Tests.Support;

namespace Capnp.Rpc.Tests;

/// <summary>Cancellation and disconnection: what ends, what is released, what the other side sees.</summary>
public sealed class LifetimeTests
{
    [Fact]
    public async Task CancellingACallSendsFinishAndTheServerSeesItsTokenCancelled()
    {
        var finished = new TaskCompletionSource<RpcMessageEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelledReturn = new TaskCompletionSource<RpcMessageEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var pair = RpcPair.Create(clientObserver: e =>
        {
            if (e.Kind == RpcMessageKind.Finish && e.MethodId == TestService.Methods.Never)
                finished.TrySetResult(e);
            if (e.Kind == RpcMessageKind.Return && e.Direction == RpcMessageDirection.Received && e.MethodId == TestService.Methods.Never)
                cancelledReturn.TrySetResult(e);
        });
        using var service = pair.Bootstrap();
        using var cancellation = new CancellationTokenSource();
        var never = service.NeverRequest().CallAsync(cancellation.Token).AsTask();
        await pair.Service.NeverStarted.Task;
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => never);

        var finish = await finished.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await pair.Service.NeverCancelled.Task.WaitAsync(TimeSpan.FromMinutes(1));

        // The callee still answers the question (Return canceled), after which the id is free again.
        var returned = await cancelledReturn.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(finish.Id, returned.Id);
        using (var response = await service.CancelledRequest().CallAsync())
            Assert.Equal(1u, response.Results.Count);
        Assert.Equal(0, pair.Client.GetTableCounts().Questions);
    }

    [Fact]
    public async Task DisconnectFailsEveryPendingCallWithDisconnected()
    {
        var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var never = service.NeverRequest().CallAsync().AsTask();
        await pair.Service.NeverStarted.Task;
        await pair.Server.DisposeAsync();
        var error = await Assert.ThrowsAsync<RpcDisconnectedException>(() => never);
        Assert.Equal(RpcExceptionType.Disconnected, error.Type);
        Assert.IsType<RpcDisconnectedException>(await pair.Client.Disconnected);

        // Later calls fail the same way, at once.
        await Assert.ThrowsAsync<RpcDisconnectedException>(async () => await service.EchoRequest().CallAsync());
        await pair.Client.Completion;
        Assert.Equal(new RpcTableCounts(0, 0, 0, 0, 0), pair.Client.GetTableCounts());
    }

    [Fact]
    public async Task DisconnectReleasesEverythingExportedToThePeer()
    {
        var pair = RpcPair.Create();
        var live = new LiveObjects();
        var callback = CallbackServer.Create(live, 1);
        using (var service = pair.Bootstrap())
        {
            using var client = Callback.Client.FromServer(callback);
            var hold = service.HoldCallbackRequest();
            var p = hold.Params;
            p.Callback = client;
            (await hold.CallAsync()).Dispose();
            using var counter = new TestService.NewCounterResults.Pipeline(service.NewCounterRequest().Send().Answer).Counter;
            (await CapabilityTests.Increment(counter, 1)).Dispose();
        }

        Assert.False(callback.IsDisposed);
        await pair.Client.DisposeAsync();
        await pair.Server.Completion;

        // The server let go of the client's callback, and of its own objects the client held.
        Assert.True(callback.IsDisposed);
        Assert.Equal(0, pair.ServerLive.Count);
        Assert.True(pair.Service.IsDisposed);
        Assert.Equal(new RpcTableCounts(0, 0, 0, 0, 0), pair.Server.GetTableCounts());
    }

    [Fact]
    public async Task ConnectionKnowsWhenThePeerGoesAway()
    {
        var pair = RpcPair.Create();
        Assert.True(pair.Client.IsConnected);
        await pair.Server.DisposeAsync();
        var reason = await pair.Client.Disconnected;
        Assert.False(pair.Client.IsConnected);
        Assert.Contains("closed", reason.Message, StringComparison.Ordinal);
        await pair.Client.Completion;
    }
}
