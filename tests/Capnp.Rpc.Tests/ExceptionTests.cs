using Capnp.Rpc.Tests.Schema;
using Capnp.Rpc.Tests.Support;

namespace Capnp.Rpc.Tests;

/// <summary>Exceptions thrown by servers reach callers as typed exceptions with the server's reason.</summary>
public sealed class ExceptionTests
{
    [Theory]
    [InlineData(RpcExceptionType.Failed, typeof(RpcException))]
    [InlineData(RpcExceptionType.Overloaded, typeof(RpcOverloadedException))]
    [InlineData(RpcExceptionType.Disconnected, typeof(RpcDisconnectedException))]
    [InlineData(RpcExceptionType.Unimplemented, typeof(RpcUnimplementedException))]
    public async Task ServerExceptionReachesTheCallerWithItsTypeAndReason(RpcExceptionType type, Type expected)
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var request = service.FailRequest();
        var p = request.Params;
        p.Type = (ushort)type;
        p.SetReason("reason " + type);
        var error = await Assert.ThrowsAnyAsync<RpcException>(async () => await request.CallAsync());
        Assert.IsType(expected, error);
        Assert.Equal(type, error.Type);
        Assert.Equal("reason " + type, error.Message);

        // The connection is still fine.
        using var name = await ((Named.Client)service).NameRequest().CallAsync();
        Assert.Equal("c# test service", name.Results.Name.ToString());
    }

    [Fact]
    public async Task MethodTheServerLacksFailsAsUnimplemented()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();

        // The bootstrap is a TestService; calling it as a Callback asks for an interface it does not implement.
        var request = new Callback.Client(service.Hook).CallRequest();
        var error = await Assert.ThrowsAsync<RpcUnimplementedException>(async () => await request.CallAsync());
        Assert.Contains($"0x{Callback.InterfaceId:x16}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyOtherServerExceptionTravelsAsFailedWithItsMessage()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        var thrower = Callback.Client.FromServer(new ThrowingCallback());
        var request = service.CallBackRequest();
        var p = request.Params;
        p.Callback = thrower;
        p.Value = 1;
        thrower.Dispose();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await request.CallAsync());
        Assert.Equal(RpcExceptionType.Failed, error.Type);
        Assert.Equal("callback refused", error.Message);
    }

    [Fact]
    public async Task LocalCallFailsWithTheSameTypedExceptionAsARemoteOne()
    {
        using var callback = Callback.Client.FromServer(new ThrowingCallback());
        var error = await Assert.ThrowsAsync<RpcException>(async () => await callback.CallRequest().CallAsync());
        Assert.Equal("callback refused", error.Message);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    private sealed class ThrowingCallback : Callback.Server
    {
        public override ValueTask CallAsync(CallContext<Callback.CallParams, Callback.CallResults.Builder> context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("callback refused");
    }
}
