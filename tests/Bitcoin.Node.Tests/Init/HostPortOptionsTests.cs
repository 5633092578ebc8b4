using Bitcoin.Node.Init;

namespace Bitcoin.Node.Tests.Init;

public sealed class HostPortOptionsTests
{
    [Theory]
    [InlineData("-port=0", "Invalid port specified in -port: '0'")]
    [InlineData("-rpcport=65536", "Invalid port specified in -rpcport: '65536'")]
    [InlineData("-rpcport=abc", "Invalid port specified in -rpcport: 'abc'")]
    [InlineData("-rpcport=+1", "Invalid port specified in -rpcport: '+1'")]
    [InlineData("-rpcbind=127.0.0.1:0", "Invalid port specified in -rpcbind: '127.0.0.1:0'")]
    [InlineData("-rpcbind=[::1]:99999", "Invalid port specified in -rpcbind: '[::1]:99999'")]
    [InlineData("-bind=127.0.0.1:x=onion", "Invalid port specified in -bind: '127.0.0.1:x=onion'")]
    [InlineData("-proxy=unix:/tmp/tor", null)]
    [InlineData("-onion=unix:/tmp/tor", null)]
    [InlineData("-bind=127.0.0.1:18445=onion", null)]
    [InlineData("-rpcbind=::1", null)]
    [InlineData("-rpcbind=[::1]:18443", null)]
    [InlineData("-rpcport=18443", null)]
    public void PortsAndHostPortsAreCheckedAsCoreDoes(string argument, string? expected)
    {
        Assert.Equal(expected, HostPortOptions.Check(TestArgs.Parse(argument)));
    }

    [Fact]
    public void UnixSocketIsOnlyAcceptedWhereCoreAcceptsIt()
    {
        Assert.Equal("Invalid port specified in -rpcbind: 'unix:/tmp/rpc'", HostPortOptions.Check(TestArgs.Parse("-rpcbind=unix:/tmp/rpc")));
        Assert.Null(HostPortOptions.Check(TestArgs.Parse("-onion=unix:/tmp/rpc")));
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", 0, true)]
    [InlineData("127.0.0.1:8332", "127.0.0.1", 8332, true)]
    [InlineData("[::1]:8332", "::1", 8332, true)]
    [InlineData("[::1]", "::1", 0, true)]
    [InlineData("::1", "::1", 0, true)]
    [InlineData("host:0", "host", 0, false)]
    [InlineData(":8332", "", 8332, true)]
    public void SplitHostPortFollowsCore(string input, string host, int port, bool valid)
    {
        Assert.Equal(valid, HostPortOptions.TrySplitHostPort(input, out var actualHost, out var actualPort));
        Assert.Equal(host, actualHost);
        Assert.Equal(port, actualPort);
    }
}
