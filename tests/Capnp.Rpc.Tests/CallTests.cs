using Capnp.Rpc.Tests.Schema;
using Capnp.Rpc.Tests.Support;

namespace Capnp.Rpc.Tests;

/// <summary>Calls between two C# endpoints: results, superclass methods, parameters of every kind.</summary>
public sealed class CallTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BootstrapCallReturnsTheServersResults(bool sockets)
    {
        await using var pair = RpcPair.Create(sockets);
        using var service = pair.Bootstrap();
        var request = service.AddRequest();
        var p = request.Params;
        p.A = 40;
        p.B = 2;
        using var response = await request.CallAsync();
        Assert.Equal(42, response.Results.Sum);

        var echo = service.EchoRequest();
        echo.Params.SetText("hello ☃");
        using var echoed = await echo.CallAsync();
        Assert.Equal("hello ☃", echoed.Results.Text.ToString());
    }

    [Fact]
    public async Task SuperclassMethodIsCalledThroughTheSubclassCapability()
    {
        await using var pair = RpcPair.Create();
        using var service = pair.Bootstrap();
        Named.Client named = service;
        using var response = await named.NameRequest().CallAsync();
        Assert.Equal("c# test service", response.Results.Name.ToString());
    }
}
