using Capnp.Rpc.Tests.Schema;
using Capnp.Rpc.Tests.Servers;
using Capnp.Rpc.Tests.Support;
using Xunit.Abstractions;

namespace Capnp.Rpc.Tests;

/// <summary>
/// Interoperation with the official C++ implementation (Debian's libcapnp-dev 0.9.2), through a peer of ours
/// written against its API (interop/rpc-peer.c++): C# calls C++ objects, and C++ runs its own checks against ours.
/// </summary>
public sealed class InteropTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CppPeerCallingTheCSharpServicePassesEveryCheck()
    {
        await using var peer = await InteropPeer.StartAsync("drive");
        if (peer is null)
            return;
        var service = new TestServiceServer(new LiveObjects());
        var disembargoes = new List<RpcMessageDirection>();
        using (var bootstrap = TestService.Client.FromServer(service))
        {
            await using var connection = RpcConnection.Create(peer.Socket, new RpcConnectionOptions
            {
                Bootstrap = bootstrap.Hook,
                MessageObserver = e =>
                {
                    if (e.Kind == RpcMessageKind.Disembargo)
                    {
                        lock (disembargoes)
                            disembargoes.Add(e.Direction);
                    }
                },
            });
            var (exitCode, peerOutput) = await peer.WaitForExitAsync();
            output.WriteLine(peerOutput);
            Assert.True(exitCode == 0, peerOutput);
            Assert.Contains("ok embargo", peerOutput, StringComparison.Ordinal);
            Assert.Contains("all ok", peerOutput, StringComparison.Ordinal);

            // The C++ side embargoed its promise and this side echoed the Disembargo.
            lock (disembargoes)
                Assert.Equal([RpcMessageDirection.Received, RpcMessageDirection.Sent], disembargoes);
            await connection.Completion;
            Assert.Equal(new RpcTableCounts(0, 0, 0, 0, 0), connection.GetTableCounts());
        }

        // The C++ side let go of everything: the service's counters are gone, and so is the service.
        Assert.Equal(0, service.Live.Count);
        Assert.True(service.IsDisposed);
    }

    [Fact]
    public async Task CSharpCallsTheCppServiceAndGetsItsResults()
    {
        await using var session = await Session.StartAsync();
        if (session is null)
            return;
        var service = session.Service;
        var add = service.AddRequest();
        var p = add.Params;
        p.A = 19;
        p.B = 23;
        using (var sum = await add.CallAsync())
            Assert.Equal(42, sum.Results.Sum);
        var echo = service.EchoRequest();
        echo.Params.SetText("from c#");
        using (var echoed = await echo.CallAsync())
            Assert.Equal("from c#", echoed.Results.Text.ToString());
        using (var name = await ((Named.Client)service).NameRequest().CallAsync())
            Assert.Equal("c++ test service", name.Results.Name.ToString());
    }

    [Fact]
    public async Task CppObjectsAreDestroyedWhenCSharpDropsItsLastReference()
    {
        await using var session = await Session.StartAsync();
        if (session is null)
            return;
        var service = session.Service;
        var newCounter = service.NewCounterRequest();
        var start = newCounter.Params;
        start.Start = 1;
        Counter.Client counter;
        using (var created = await newCounter.CallAsync())
            counter = created.Results.Counter;
        var second = counter.AddRef();
        Counter.Client third;
        using (var again = await CapabilityTests.Increment(counter, 1))
            Assert.Equal(2, again.Results.Value);

        // The same C++ object sent to us again is the same import: one more count on it, one Release for all.
        var wrap = service.WrapRequest();
        var w = wrap.Params;
        w.Counter = counter;
        w.SetLabel("again");
        using (var wrapped = await wrap.CallAsync())
            third = wrapped.Results.Holder.Counter;
        Assert.Equal(1, session.Connection.GetTableCounts().Imports - 1);

        counter.Dispose();
        second.Dispose();
        Assert.Equal(1u, await CapabilityTests.LiveCounters(service));
        using (var last = await CapabilityTests.Increment(third, 1))
            Assert.Equal(3, last.Results.Value);
        third.Dispose();

        // The C++ destructor has run: the Release reached the peer before this call.
        Assert.Equal(0u, await CapabilityTests.LiveCounters(service));
        Assert.Equal(1, session.Connection.GetTableCounts().Imports);
    }

    [Fact]
    public async Task CSharpCallbacksAreCalledByCppAndReleasedWhenCppDropsThem()
    {
        await using var session = await Session.StartAsync();
        if (session is null)
            return;
        var service = session.Service;
        var live = new LiveObjects();
        var once = CallbackServer.Create(live, 6);
        using (var callback = Callback.Client.FromServer(once))
        {
            var call = service.CallBackRequest();
            var p = call.Params;
            p.Callback = callback;
            p.Value = 7;
            using var result = await call.CallAsync();
            Assert.Equal(42, result.Results.Result);
        }

        var held = CallbackServer.Create(live, 2);
        using (var callback = Callback.Client.FromServer(held))
        {
            var hold = service.HoldCallbackRequest();
            var p = hold.Params;
            p.Callback = callback;
            (await hold.CallAsync()).Dispose();
        }

        await CapabilityTests.LiveCounters(service);
        Assert.True(once.IsDisposed);
        Assert.False(held.IsDisposed);
        var callHeld = service.CallHeldRequest();
        var c = callHeld.Params;
        c.Value = 50;
        using (var result = await callHeld.CallAsync())
            Assert.Equal(100, result.Results.Result);
        (await service.DropHeldRequest().CallAsync()).Dispose();
        await CapabilityTests.LiveCounters(service);
        Assert.True(held.IsDisposed);
        Assert.Equal(0, live.Count);
        Assert.Equal(0, session.Connection.GetTableCounts().Exports);
    }

    [Fact]
    public async Task PipelinedCallsReachCppObjectsBeforeTheirCallsReturn()
    {
        await using var session = await Session.StartAsync();
        if (session is null)
            return;
        var service = session.Service;
        var newCounter = service.NewCounterRequest();
        var start = newCounter.Params;
        start.Start = 10;
        using var created = newCounter.Send();
        using var counter = new TestService.NewCounterResults.Pipeline(created.Answer).Counter;
        var first = CapabilityTests.Increment(counter, 1);

        var wrap = service.WrapRequest();
        var w = wrap.Params;
        w.Counter = counter;
        w.SetLabel("pipelined");
        using var wrapped = wrap.Send();
        using var inner = new TestService.WrapResults.Pipeline(wrapped.Answer).Holder.Counter;
        var second = CapabilityTests.Increment(inner, 10);

        var increment = service.IncrementRequest();
        var i = increment.Params;
        i.Counter = counter;
        i.By = 100;
        var third = increment.CallAsync();

        using (var r = await first)
            Assert.Equal(11, r.Results.Value);
        using (var r = await second)
            Assert.Equal(21, r.Results.Value);
        using (var r = await third)
            Assert.Equal(121, r.Results.Value);
        Assert.Equal(0, session.Connection.GetTableCounts().Exports);
    }

    [Theory]
    [InlineData(RpcExceptionType.Failed)]
    [InlineData(RpcExceptionType.Overloaded)]
    [InlineData(RpcExceptionType.Disconnected)]
    [InlineData(RpcExceptionType.Unimplemented)]
    public async Task CppExceptionsArriveAsTypedExceptions(RpcExceptionType type)
    {
        await using var session = await Session.StartAsync();
        if (session is null)
            return;
        var fail = session.Service.FailRequest();
        var p = fail.Params;
        p.Type = (ushort)type;
        p.SetReason("c++ says no");
        var error = await Assert.ThrowsAnyAsync<RpcException>(async () => await fail.CallAsync());
        Assert.Equal(type, error.Type);
        Assert.EndsWith("c++ says no", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CSharpExceptionInACallbackReachesCppAndComesBack()
    {
        await using var session = await Session.StartAsync();
        if (session is null)
            return;
        using var callback = Callback.Client.FromServer(new RefusingCallback());
        var call = session.Service.CallBackRequest();
        var p = call.Params;
        p.Callback = callback;
        var error = await Assert.ThrowsAsync<RpcOverloadedException>(async () => await call.CallAsync());
        Assert.EndsWith("c# callback refuses", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownInterfaceOnTheCppObjectIsUnimplemented()
    {
        await using var session = await Session.StartAsync();
        if (session is null)
            return;
        var call = new Callback.Client(session.Service.Hook).CallRequest();
        await Assert.ThrowsAsync<RpcUnimplementedException>(async () => await call.CallAsync());
    }

    [Fact]
    public async Task EmbargoKeepsCallsInOrderThroughTheCppPeer()
    {
        var gate = new ReturnGate(TestService.Methods.EchoCap);
        await using var session = await Session.StartAsync(gate.Observe);
        if (session is null)
            return;
        var service = session.Service;
        var order = new CallOrderServer();
        using var mine = CallOrder.Client.FromServer(order);
        var early = service.EchoRequest().CallAsync();
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
            Assert.Same(order, await Capability.GetLocalServerAsync(resolved.Hook!));
        calls.Add(CapabilityTests.GetCallSequence(pipeline, 3));
        calls.Add(CapabilityTests.GetCallSequence(pipeline, 4));
        calls.Add(CapabilityTests.GetCallSequence(pipeline, 5));
        for (uint n = 0; n < calls.Count; n++)
        {
            using var result = await calls[(int)n];
            Assert.Equal(n, result.Results.N);
        }

        // The promise resolved to our own object after calls had gone to the peer: this side sent a Disembargo
        // round the C++ peer and got it back (the C++ peer reflected the calls back as tail calls meanwhile).
        Assert.Equal([RpcMessageDirection.Sent, RpcMessageDirection.Received], gate.Disembargoes());
    }

    [Fact]
    public async Task CancellingACallCancelsItOnTheCppPeer()
    {
        await using var session = await Session.StartAsync();
        if (session is null)
            return;
        var service = session.Service;
        using (var cancellation = new CancellationTokenSource())
        {
            var never = service.NeverRequest().CallAsync(cancellation.Token).AsTask();
            (await service.EchoRequest().CallAsync()).Dispose();
            cancellation.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => never);
        }

        // The C++ server allowed cancellation: our Finish dropped its promise before this next call arrived.
        using var count = await service.CancelledRequest().CallAsync();
        Assert.Equal(1u, count.Results.Count);
    }

    [Fact]
    public async Task MegabyteOfDataCrossesToTheCppPeerIntact()
    {
        await using var session = await Session.StartAsync();
        if (session is null)
            return;
        var request = session.Service.DataRequest();
        var payload = request.Params.InitPayload(1 << 20);
        ulong sum = 0;
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)((i * 31) + 7);
            sum += payload[i];
        }

        using var response = await request.CallAsync();
        Assert.Equal((ulong)(1 << 20), response.Results.Length);
        Assert.Equal(sum, response.Results.Checksum);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PromiseSentToTheCppPeerIsResolvedByAResolveMessage(bool broken)
    {
        await using var session = await Session.StartAsync();
        if (session is null)
            return;
        var service = session.Service;
        var promise = new Capnp.Rpc.Internal.QueuedNode();
        promise.AddRef();
        var increment = service.IncrementRequest();
        var p = increment.Params;
        using (var counter = new Counter.Client(new Capnp.Rpc.Internal.CapabilityRef(promise)))
            p.Counter = counter;
        p.By = 2;
        var pending = increment.CallAsync().AsTask();
        (await service.EchoRequest().CallAsync()).Dispose();
        Assert.False(pending.IsCompleted);

        var live = new LiveObjects();
        if (broken)
        {
            promise.Resolve(new Capnp.Rpc.Internal.BrokenNode(new RpcOverloadedException("promise broken here")));
        }
        else
        {
            using var target = Counter.Client.FromServer(new CounterServer(live, 40));
            promise.Resolve(((Capnp.Rpc.Internal.CapabilityRef)target.Hook!).NodeWithReference());
        }

        promise.Release();
        if (broken)
        {
            var error = await Assert.ThrowsAsync<RpcOverloadedException>(() => pending);
            Assert.EndsWith("promise broken here", error.Message, StringComparison.Ordinal);
        }
        else
        {
            using var response = await pending;
            Assert.Equal(42, response.Results.Value);
        }

        // The C++ side released the promise and what it resolved to.
        await CapabilityTests.LiveCounters(service);
        Assert.Equal(0, session.Connection.GetTableCounts().Exports);
        Assert.Equal(0, live.Count);
    }

    [Fact]
    public async Task PromiseResolvingToTheCppPeersOwnObjectIsEmbargoedThere()
    {
        var gate = new ReturnGate(ushort.MaxValue);
        await using var session = await Session.StartAsync(gate.Observe);
        if (session is null)
            return;
        var service = session.Service;
        Counter.Client theirs;
        var create = service.NewCounterRequest();
        var start = create.Params;
        start.Start = 100;
        using (var created = await create.CallAsync())
            theirs = created.Results.Counter;

        // Our promise, sent to the peer, which calls it (the call queues here)...
        var promise = new Capnp.Rpc.Internal.QueuedNode();
        promise.AddRef();
        var increment = service.IncrementRequest();
        var p = increment.Params;
        using (var counter = new Counter.Client(new Capnp.Rpc.Internal.CapabilityRef(promise)))
            p.Counter = counter;
        p.By = 1;
        var pending = increment.CallAsync().AsTask();
        (await service.EchoRequest().CallAsync()).Dispose();

        // ...resolves to the peer's own counter: the queued call goes back to it, the Resolve names its own export,
        // and the peer embargoes the promise until our echo of its Disembargo arrives.
        using (theirs)
            promise.Resolve(((Capnp.Rpc.Internal.CapabilityRef)theirs.Hook!).NodeWithReference());
        promise.Release();
        using (var response = await pending)
            Assert.Equal(101, response.Results.Value);
        Assert.Equal(0u, await CapabilityTests.LiveCounters(service));
        Assert.Equal([RpcMessageDirection.Received, RpcMessageDirection.Sent], gate.Disembargoes());
    }

    private sealed class RefusingCallback : Callback.Server
    {
        public override ValueTask CallAsync(CallContext<Callback.CallParams, Callback.CallResults.Builder> context, CancellationToken cancellationToken) =>
            ValueTask.FromException(new RpcOverloadedException("c# callback refuses"));
    }

    /// <summary>A connection to the C++ peer in serve mode, with its TestService.</summary>
    private sealed class Session : IAsyncDisposable
    {
        private readonly InteropPeer _peer;

        private Session(InteropPeer peer, Action<RpcMessageEvent>? observer)
        {
            _peer = peer;
            Connection = RpcConnection.Create(peer.Socket, new RpcConnectionOptions { MessageObserver = observer });
            Service = Connection.Bootstrap<TestService.Client>();
        }

        public RpcConnection Connection { get; }

        public TestService.Client Service { get; }

        public static async Task<Session?> StartAsync(Action<RpcMessageEvent>? observer = null) =>
            await InteropPeer.StartAsync("serve") is { } peer ? new Session(peer, observer) : null;

        public async ValueTask DisposeAsync()
        {
            Service.Dispose();
            await Connection.DisposeAsync();
            var (exitCode, output) = await _peer.WaitForExitAsync();
            await _peer.DisposeAsync();
            Assert.True(exitCode == 0, "rpc-peer: " + output);
        }
    }
}
