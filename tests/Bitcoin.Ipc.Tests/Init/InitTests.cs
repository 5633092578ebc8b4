using Bitcoin.Interfaces;
using Bitcoin.Ipc.Capnp.Messages;
using Capnp.Rpc;

namespace Bitcoin.Ipc.Tests.Init;

public sealed class InitTests
{
    [Fact]
    public async Task InterfacesTheProcessDoesNotProvideComeBackNull()
    {
        // An Init implementing nothing: Core's Init answers such calls with a null capability.
        await using var pair = new InitPair(new TestInit());

        Assert.Null(pair.Client.MakeEcho());
        Assert.Null(pair.Client.MakeRpc());
    }

    [Fact]
    public async Task MakeMiningAnswersWithANullCapabilityUntilThereIsAMiningInterface()
    {
        await using var pair = new InitPair(new TestInit());
        using var init = pair.ClientConnection.ConnectInit<Capnp.Messages.Init.Client>();

        using var response = pair.ClientConnection.Call(init.MakeMiningRequest(), p => p.InitContext());

        Assert.True(response.Results.Result.IsNull);
    }

    [Fact]
    public async Task RetiredMakeMiningOld2FailsWithCoresMessage()
    {
        await using var pair = new InitPair(new TestInit());
        using var init = pair.ClientConnection.ConnectInit<Capnp.Messages.Init.Client>();

        var e = Assert.ThrowsAny<RpcException>(() => pair.ClientConnection.Call(init.MakeMiningOld2Request()));

        Assert.Contains("Old mining interface (@2) not supported. Please update your client!", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallsAfterTheServerWentAwayFailClearly()
    {
        var pair = new InitPair(new TestInit { Echo = () => new LocalEcho() });
        using var echo = pair.Client.MakeEcho()!;
        await pair.Server.DisposeAsync();
        await pair.ClientConnection.Disconnected;

        var e = Assert.ThrowsAny<RpcException>(() => echo.Echo("anyone?"));

        Assert.Contains("disconnect", e.Message, StringComparison.Ordinal);
        await pair.DisposeAsync();
    }
}
