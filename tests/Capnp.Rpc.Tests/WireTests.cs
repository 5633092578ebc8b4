using Capnp.Rpc.Protocol;
using Capnp.Rpc.Tests.Schema;
using Capnp.Rpc.Tests.Servers;
using Capnp.Rpc.Tests.Support;

namespace Capnp.Rpc.Tests;

/// <summary>
/// What goes on the wire, checked against a peer that speaks the protocol by hand: the C++ library's choices for ids,
/// reference counts, Finish and Return flags, and unknown messages.
/// </summary>
public sealed class WireTests
{
    [Fact]
    public async Task BootstrapIsAnsweredWithTheCapabilityAsTheOnlyEntryOfTheTable()
    {
        var (connection, peer) = ServeTestService(out _);
        await using var ownedConnection = connection;
        await using var ownedPeer = peer;
        await peer.SendAsync(Bootstrap(0));
        var ret = (await peer.ExpectAsync(Message.WhichCase.Return)).Return;
        Assert.Equal(0u, ret.AnswerId);
        Assert.Equal(Return.WhichCase.Results, ret.Which);
        Assert.False(ret.NoFinishNeeded);
        Assert.Equal(PointerKind.Capability, ret.Results.Content.Kind);
        var table = ret.Results.CapTable;
        Assert.Single(table);
        Assert.Equal(CapDescriptor.WhichCase.SenderHosted, table[0].Which);
        Assert.Equal(0u, table[0].SenderHosted);
    }

    [Fact]
    public async Task ReturnWithoutCapabilitiesSaysNoFinishIsNeededAndALateFinishIsIgnored()
    {
        var (connection, peer) = ServeTestService(out _);
        await using var ownedConnection = connection;
        await using var ownedPeer = peer;
        await BootstrapAsync(peer);
        await peer.SendAsync(RawPeer.Call(1, 0, TestService.InterfaceId, TestService.Methods.Add, content =>
        {
            var p = content.InitStruct<TestService.AddParams.Builder>();
            p.A = 2;
            p.B = 3;
        }));
        var ret = (await peer.ExpectAsync(Message.WhichCase.Return)).Return;
        Assert.Equal(1u, ret.AnswerId);
        Assert.True(ret.NoFinishNeeded);
        Assert.False(ret.ReleaseParamCaps);
        Assert.Equal(5, ret.Results.Content.GetStruct<TestService.AddResults>().Sum);
        Assert.Equal(1, connection.GetTableCounts().Answers);

        // A peer from before noFinishNeeded (the C++ library up to 0.10) sends Finish anyway: nothing happens.
        await peer.SendAsync(m =>
        {
            var finish = m.InitFinish();
            finish.QuestionId = 1;
        });
        await peer.SendAsync(RawPeer.Call(1, 0, TestService.InterfaceId, TestService.Methods.Add));
        Assert.Equal(1u, (await peer.ExpectAsync(Message.WhichCase.Return)).Return.AnswerId);
    }

    [Fact]
    public async Task QuestionIdsReuseTheLowestFreedIdAndFinishFollowsOnlyReturnsThatNeedIt()
    {
        var (connection, peer) = RawPeer.Connect();
        await using var ownedConnection = connection;
        await using var ownedPeer = peer;
        using var service = connection.Bootstrap<TestService.Client>();
        Assert.Equal(0u, (await peer.ExpectAsync(Message.WhichCase.Bootstrap)).Bootstrap.QuestionId);
        await peer.SendAsync(m => ReturnImport(m, answerId: 0, exportId: 7, asStruct: false));

        // Results received are kept (and released one by one later), and this side never needs the workaround.
        var finish = (await peer.ExpectAsync(Message.WhichCase.Finish)).Finish;
        Assert.Equal(0u, finish.QuestionId);
        Assert.False(finish.ReleaseResultCaps);
        Assert.False(finish.RequireEarlyCancellationWorkaround);

        var calls = Enumerable.Range(0, 3).Select(_ => service.AddRequest().CallAsync().AsTask()).ToArray();
        var ids = new List<uint>();
        for (int i = 0; i < 3; i++)
        {
            var call = (await peer.ExpectAsync(Message.WhichCase.Call)).Call;
            Assert.Equal(7u, call.Target.ImportedCap);
            ids.Add(call.QuestionId);
        }

        Assert.Equal([0u, 1u, 2u], ids);

        // Question 1 returns saying no Finish is needed: its id is free at once, and the next call takes it.
        await peer.SendAsync(m => ReturnSum(m, answerId: 1, noFinishNeeded: true));
        (await calls[1]).Dispose();
        var next = service.AddRequest().CallAsync().AsTask();
        Assert.Equal(1u, (await peer.ExpectAsync(Message.WhichCase.Call)).Call.QuestionId);

        // Question 0 returns without the hint: Finish comes first, then the id is reused.
        await peer.SendAsync(m => ReturnSum(m, answerId: 0, noFinishNeeded: false));
        (await calls[0]).Dispose();
        Assert.Equal(0u, (await peer.ExpectAsync(Message.WhichCase.Finish)).Finish.QuestionId);
        var last = service.AddRequest().CallAsync().AsTask();
        Assert.Equal(0u, (await peer.ExpectAsync(Message.WhichCase.Call)).Call.QuestionId);
    }

    [Fact]
    public async Task ExportSentTwiceCountsTwiceAndIsFreedByReleasesAddingUpToTwo()
    {
        var (connection, peer) = ServeTestService(out var service);
        await using var ownedConnection = connection;
        await using var ownedPeer = peer;
        await BootstrapAsync(peer, questionId: 0);
        await BootstrapAsync(peer, questionId: 1);
        Assert.Equal(1, connection.GetTableCounts().Exports);

        await peer.SendAsync(m =>
        {
            var release = m.InitRelease();
            release.Id = 0;
            release.ReferenceCount = 1;
        });
        await peer.SendAsync(RawPeer.Call(2, 0, TestService.InterfaceId, TestService.Methods.Add));
        Assert.Equal(Return.WhichCase.Results, (await peer.ExpectAsync(Message.WhichCase.Return)).Return.Which);
        Assert.False(service.IsDisposed);

        await peer.SendAsync(m =>
        {
            var release = m.InitRelease();
            release.Id = 0;
            release.ReferenceCount = 1;
        });

        // The export is gone: a call to it now breaks the protocol.
        await peer.SendAsync(RawPeer.Call(3, 0, TestService.InterfaceId, TestService.Methods.Add));
        var abort = (await peer.ExpectAsync(Message.WhichCase.Abort)).Abort;
        Assert.Equal("Message target is not a current export ID.", abort.Reason.ToString());
        Assert.Empty(await peer.ReadToEndAsync());

        // The connection itself held the bootstrap capability until it closed.
        await peer.DisposeAsync();
        await connection.Completion;
        Assert.True(service.IsDisposed);
    }

    [Fact]
    public async Task ReleaseBelowZeroIsAbortedWithTheReason()
    {
        var (connection, peer) = ServeTestService(out _);
        await using var ownedConnection = connection;
        await using var ownedPeer = peer;
        await BootstrapAsync(peer);
        await peer.SendAsync(m =>
        {
            var release = m.InitRelease();
            release.Id = 0;
            release.ReferenceCount = 2;
        });
        var abort = (await peer.ExpectAsync(Message.WhichCase.Abort)).Abort;
        Assert.Equal("Tried to drop export's refcount below zero.", abort.Reason.ToString());
        Assert.Equal(Protocol.Exception.Type.Failed, abort.Type_);
        Assert.Empty(await peer.ReadToEndAsync());
        Assert.IsType<RpcDisconnectedException>(await connection.Disconnected);
    }

    [Theory]
    [InlineData("release", "Tried to release invalid export ID.")]
    [InlineData("call", "Message target is not a current export ID.")]
    [InlineData("return", "Invalid question ID in Return message.")]
    [InlineData("disembargo", "Invalid embargo ID in 'Disembargo.context.receiverLoopback'.")]
    public async Task UnknownIdIsAbortedWithTheReason(string message, string reason)
    {
        var (connection, peer) = ServeTestService(out _);
        await using var ownedConnection = connection;
        await using var ownedPeer = peer;
        await peer.SendAsync(message switch
        {
            "release" => m =>
            {
                var release = m.InitRelease();
                release.Id = 9;
                release.ReferenceCount = 1;
            },
            "call" => RawPeer.Call(0, 9, TestService.InterfaceId, TestService.Methods.Add),
            "return" => m =>
            {
                var ret = m.InitReturn();
                ret.AnswerId = 9;
            },
            _ => m =>
            {
                var context = m.InitDisembargo().Context;
                context.ReceiverLoopback = 9;
            },
        });
        Assert.Equal(reason, (await peer.ExpectAsync(Message.WhichCase.Abort)).Abort.Reason.ToString());
        Assert.Empty(await peer.ReadToEndAsync());
    }

    [Fact]
    public async Task MalformedFrameIsAbortedAndTheConnectionClosed()
    {
        var (connection, peer) = ServeTestService(out var service);
        await using var ownedConnection = connection;
        await using var ownedPeer = peer;

        // A segment table claiming more words than the traversal limit allows.
        await peer.SendRawAsync([0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F]);
        var abort = (await peer.ExpectAsync(Message.WhichCase.Abort)).Abort;
        Assert.StartsWith("Received a malformed message: ", abort.Reason.ToString(), StringComparison.Ordinal);
        Assert.Empty(await peer.ReadToEndAsync());
        await peer.DisposeAsync();
        await connection.Completion;
        Assert.True(service.IsDisposed);
    }

    [Fact]
    public async Task MessageWithAPointerOutsideItsSegmentIsAborted()
    {
        var (connection, peer) = ServeTestService(out _);
        await using var ownedConnection = connection;
        await using var ownedPeer = peer;

        // One segment of one word: a struct pointer to 100 words past the end.
        await peer.SendRawAsync([0, 0, 0, 0, 1, 0, 0, 0, 0x90, 0x01, 0, 0, 1, 0, 1, 0]);
        var abort = (await peer.ExpectAsync(Message.WhichCase.Abort)).Abort;
        Assert.StartsWith("Received a malformed message: ", abort.Reason.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownMessageIsEchoedAsUnimplemented()
    {
        var (connection, peer) = ServeTestService(out _);
        await using var ownedConnection = connection;
        await using var ownedPeer = peer;
        await peer.SendAsync(m => m.InitObsoleteSave().SetText("save me"));
        var echoed = (await peer.ExpectAsync(Message.WhichCase.Unimplemented)).Unimplemented;
        Assert.Equal(Message.WhichCase.ObsoleteSave, echoed.Which);
        Assert.Equal("save me", echoed.ObsoleteSave.GetText().ToString());

        // The connection goes on.
        await BootstrapAsync(peer);
    }

    [Fact]
    public async Task AbortFromThePeerFailsPendingCallsWithItsReason()
    {
        var (connection, peer) = RawPeer.Connect();
        await using var ownedConnection = connection;
        await using var ownedPeer = peer;
        using var service = connection.Bootstrap<TestService.Client>();
        var echo = service.EchoRequest().CallAsync().AsTask();
        await peer.SendAsync(m =>
        {
            var abort = m.InitAbort();
            abort.SetReason("peer is shutting down");
        });
        var error = await Assert.ThrowsAsync<RpcDisconnectedException>(() => echo);
        Assert.Contains("peer is shutting down", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameImportReceivedTwiceIsReleasedOnceWithBothCounts()
    {
        var (connection, peer) = RawPeer.Connect();
        await using var ownedConnection = connection;
        await using var ownedPeer = peer;
        var bootstrap = connection.Bootstrap();
        await peer.ExpectAsync(Message.WhichCase.Bootstrap);
        await peer.SendAsync(m => ReturnImport(m, answerId: 0, exportId: 5, asStruct: false));
        await peer.ExpectAsync(Message.WhichCase.Finish);

        // The bootstrap capability comes again in the results of a call.
        var second = new Counter.Client(bootstrap).IncrementRequest().Send();
        var call = (await peer.ExpectAsync(Message.WhichCase.Call)).Call;
        Assert.Equal(5u, call.Target.ImportedCap);
        await peer.SendAsync(m => ReturnImport(m, answerId: call.QuestionId, exportId: 5));
        IClientHook again;
        using (var response = await second.Answer.GetResponseAsync())
            again = response.Results.GetStruct().ReadCapability(0)!;
        second.Dispose();
        await peer.ExpectAsync(Message.WhichCase.Finish);

        // Two references here, both to import 5: one Release for everything the peer sent, once both are gone.
        bootstrap.Dispose();
        again.Dispose();
        var release = (await peer.ExpectAsync(Message.WhichCase.Release)).Release;
        Assert.Equal(5u, release.Id);
        Assert.Equal(2u, release.ReferenceCount);
        Assert.Equal(0, connection.GetTableCounts().Imports);
    }

    [Fact]
    public async Task OwnCapabilityGoesBackAsReceiverHostedAndAPipelinedOneAsReceiverAnswer()
    {
        var (connection, peer) = RawPeer.Connect();
        await using var ownedConnection = connection;
        await using var ownedPeer = peer;
        using var service = connection.Bootstrap<TestService.Client>();
        await peer.ExpectAsync(Message.WhichCase.Bootstrap);
        await peer.SendAsync(m => ReturnImport(m, answerId: 0, exportId: 3, asStruct: false));
        await peer.ExpectAsync(Message.WhichCase.Finish);

        // The peer's own object as a parameter: receiverHosted, and no export of ours.
        var first = service.IncrementRequest();
        var p = first.Params;
        p.Counter = new Counter.Client(service.Hook);
        using var firstAnswer = first.Send();
        var call = (await peer.ExpectAsync(Message.WhichCase.Call)).Call;
        var descriptor = call.Params.CapTable[0];
        Assert.Equal(CapDescriptor.WhichCase.ReceiverHosted, descriptor.Which);
        Assert.Equal(3u, descriptor.ReceiverHosted);

        // A capability in the results of an unanswered question: receiverAnswer with the question and the path.
        var newCounter = service.NewCounterRequest().Send();
        var newCounterCall = (await peer.ExpectAsync(Message.WhichCase.Call)).Call;
        using var pipelined = new TestService.NewCounterResults.Pipeline(newCounter.Answer).Counter;
        var second = service.IncrementRequest();
        var q = second.Params;
        q.Counter = pipelined;
        using var secondAnswer = second.Send();
        var secondCall = (await peer.ExpectAsync(Message.WhichCase.Call)).Call;
        var promised = secondCall.Params.CapTable[0];
        Assert.Equal(CapDescriptor.WhichCase.ReceiverAnswer, promised.Which);
        Assert.Equal(newCounterCall.QuestionId, promised.ReceiverAnswer.QuestionId);
        Assert.Equal(0, promised.ReceiverAnswer.Transform[0].GetPointerField);
        Assert.Equal(0, connection.GetTableCounts().Exports);
        newCounter.Dispose();
    }

    [Fact]
    public async Task AbortedConnectionLeavesOtherConnectionsRunning()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var (connection, peer) = ServeTestService(out _);
        await using (connection)
        await using (peer)
        {
            await peer.SendRawAsync([0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]);
            await peer.ExpectAsync(Message.WhichCase.Abort);
            await peer.DisposeAsync();
            await connection.Completion;
        }

        using var response = await service.EchoRequest().CallAsync();
        Assert.True(pair.Client.IsConnected);
    }

    private static (RpcConnection, RawPeer) ServeTestService(out TestServiceServer service)
    {
        service = new TestServiceServer(new LiveObjects());
        using var bootstrap = TestService.Client.FromServer(service);
        return RawPeer.Connect(new RpcConnectionOptions { Bootstrap = bootstrap.Hook });
    }

    private static async Task BootstrapAsync(RawPeer peer, uint questionId = 0)
    {
        await peer.SendAsync(Bootstrap(questionId));
        Assert.Equal(questionId, (await peer.ExpectAsync(Message.WhichCase.Return)).Return.AnswerId);
    }

    private static Action<Message.Builder> Bootstrap(uint questionId) => m =>
    {
        var bootstrap = m.InitBootstrap();
        bootstrap.QuestionId = questionId;
    };

    /// <summary>A Return whose results hold one capability, the peer's export <paramref name="exportId"/>: the
    /// capability itself (as for Bootstrap) or in pointer 0 of a struct.</summary>
    private static void ReturnImport(Message.Builder message, uint answerId, uint exportId, bool asStruct = true)
    {
        var ret = message.InitReturn();
        ret.AnswerId = answerId;
        ret.ReleaseParamCaps = false;
        var payload = ret.InitResults();
        var slot = asStruct ? payload.Content.InitStruct(new StructSize(0, 1)).GetPointer(0) : payload.Content;

        // Writes a capability pointer with index 0; the table that gives it meaning is written by hand below.
        using (var placeholder = Capability.Broken(new RpcException("placeholder")))
            slot.SetCapability(placeholder);
        var descriptor = payload.InitCapTable(1)[0];
        descriptor.SenderHosted = exportId;
    }

    private static void ReturnSum(Message.Builder message, uint answerId, bool noFinishNeeded)
    {
        var ret = message.InitReturn();
        ret.AnswerId = answerId;
        ret.ReleaseParamCaps = false;
        ret.NoFinishNeeded = noFinishNeeded;
        var results = ret.InitResults().Content.InitStruct<TestService.AddResults.Builder>();
        results.Sum = 1;
    }
}
