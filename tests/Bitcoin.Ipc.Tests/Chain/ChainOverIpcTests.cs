using Bitcoin.Interfaces;
using Bitcoin.Ipc.Tests.Support;

namespace Bitcoin.Ipc.Tests.Chain;

/// <summary>Every <see cref="IChain"/> member called through a socket pair (the real RPC engine and thread mapping)
/// gives what the direct call on the same implementation gives, and the implementation sees the same arguments.</summary>
public sealed class ChainOverIpcTests
{
    public static TheoryData<string> Members() => [.. ChainMemberCases.All.Keys];

    [Theory]
    [MemberData(nameof(Members))]
    public async Task MemberCrossesTheConnectionUnchanged(string member)
    {
        var call = ChainMemberCases.All[member];
        var direct = new FakeChain();
        var expected = Canon.Of(call(direct));

        var served = new FakeChain();
        await using var pair = new IpcTestPair(chain: served);
        var chain = pair.MakeChain();
        var actual = Canon.Of(call(chain));
        ((IDisposable)chain).Dispose();

        Assert.Equal(expected, actual);
        Assert.Equal(direct.Calls, served.Calls);
    }

    [Fact]
    public void EveryChainMemberHasACase()
    {
        var members = typeof(IChain).GetMethods().Select(static m => m.Name).Order().ToList();
        Assert.Equal(members, ChainMemberCases.All.Keys.Order().ToList());
    }

    [Fact]
    public async Task NotificationsRegisteredAcrossTheConnectionAreReleasedWithTheHandler()
    {
        var served = new FakeChain();
        await using var pair = new IpcTestPair(chain: served);
        var chain = pair.MakeChain();
        var handler = chain.HandleNotifications(new RecordingNotifications());
        Assert.DoesNotContain("dispose notifications()", served.Calls);

        handler.Dispose();

        Assert.Contains("dispose notifications()", served.Calls);
        ((IDisposable)chain).Dispose();
    }

    [Fact]
    public async Task RegistrationsAreReleasedWhenTheClientDisconnects()
    {
        var served = new FakeChain();
        var pair = new IpcTestPair(chain: served);
        var chain = pair.MakeChain();
        _ = chain.HandleNotifications(new RecordingNotifications());
        _ = chain.HandleRpc(new RpcCommandInfo("wallet", "getbalance", new NullActor(), [], 1));

        await pair.DisposeAsync();

        Assert.Contains("dispose notifications()", served.Calls);
        Assert.Contains("dispose rpc getbalance()", served.Calls);
    }

    private sealed class NullActor : IRpcActorCallback
    {
        public bool Call(RpcRequestInfo request, bool lastCallback, out System.Text.Json.Nodes.JsonNode? response)
        {
            response = null;
            return false;
        }
    }
}
