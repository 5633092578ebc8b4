using Capnp.Rpc.Internal;
using Capnp.Rpc.Tests.Schema;
using Capnp.Rpc.Tests.Servers;
using Capnp.Rpc.Tests.Support;

namespace Capnp.Rpc.Tests;

/// <summary>A promise sent to the peer before it resolves (senderPromise), and the Resolve that follows.</summary>
public sealed class PromiseExportTests
{
    [Fact]
    public async Task PromiseSentToThePeerQueuesItsCallsAndIsResolvedByAResolveMessage()
    {
        var sent = new List<RpcMessageEvent>();
        await using var pair = RpcPair.Create(clientObserver: e =>
        {
            lock (sent)
                sent.Add(e);
        });
        using var service = pair.Bootstrap();

        // A promise of this process, not resolved yet.
        var promise = new QueuedNode();
        promise.AddRef();
        var increment = service.IncrementRequest();
        var p = increment.Params;
        using (var counter = new Counter.Client(new CapabilityRef(promise)))
            p.Counter = counter;
        p.By = 2;
        var pending = increment.CallAsync().AsTask();

        // The server has called the promise; the call waits here until the promise resolves.
        using (var name = await ((Named.Client)service).NameRequest().CallAsync())
            Assert.False(pending.IsCompleted);
        var live = new LiveObjects();
        using (var target = Counter.Client.FromServer(new CounterServer(live, 40)))
            promise.Resolve(((CapabilityRef)target.Hook!).NodeWithReference());
        promise.Release();

        using (var response = await pending)
            Assert.Equal(42, response.Results.Value);

        lock (sent)
        {
            Assert.Contains(sent, e => e.Kind == RpcMessageKind.Resolve && e.Direction == RpcMessageDirection.Sent);
        }

        // The server dropped what it held: the promise, and what it resolved to.
        await CapabilityTests.LiveCounters(service);
        Assert.Equal(0, pair.Client.GetTableCounts().Exports);
        Assert.Equal(0, live.Count);
    }
}
