using Bitcoin.Common.Rpc.Client;

namespace Bitcoin.Common.Tests.Rpc;

/// <summary>-rpcconnect and -rpcbind splitting, as Core's SplitHostPort.</summary>
public class HostPortTests
{
    [Theory]
    [InlineData("www.bitcoincore.org", "www.bitcoincore.org", 8332, true)]
    [InlineData("127.0.0.1", "127.0.0.1", 8332, true)]
    [InlineData("127.0.0.1:8333", "127.0.0.1", 8333, true)]
    [InlineData("[::1]", "::1", 8332, true)]
    [InlineData("[::1]:18443", "::1", 18443, true)]
    [InlineData("::1", "::1", 8332, true)]
    [InlineData("fe80::1:2", "fe80::1:2", 8332, true)]
    [InlineData(":8333", "", 8333, true)]
    [InlineData("127.0.0.1:notaport", "127.0.0.1:notaport", 8332, false)]
    [InlineData("127.0.0.1:-1", "127.0.0.1:-1", 8332, false)]
    [InlineData("127.0.0.1:0", "127.0.0.1", 0, false)]
    [InlineData("127.0.0.1:65536", "127.0.0.1:65536", 8332, false)]
    [InlineData("[::1]:+1", "[::1]:+1", 8332, false)]
    public void SplitsLikeCore(string input, string host, int port, bool valid)
    {
        ushort p = 8332;
        Assert.Equal(valid, HostPort.TrySplit(input, ref p, out string h));
        Assert.Equal((host, port), (h, (int)p));
    }
}
