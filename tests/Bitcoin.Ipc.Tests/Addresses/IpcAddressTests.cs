using Multiprocess.Addresses;

namespace Bitcoin.Ipc.Tests.Addresses;

public sealed class IpcAddressTests
{
    private const string DataDir = "/home/user/.bitcoin/regtest";

    [Theory]
    [InlineData("unix")]
    [InlineData("unix:")]
    public void UnixAloneNamesTheExecutablesDefaultSocketInTheDataDir(string text)
    {
        var address = IpcAddress.Parse(text, DataDir, "bitcoin-node");

        Assert.Equal(IpcAddressKind.Unix, address.Kind);
        Assert.Equal(DataDir + "/node.sock", address.Path);
        Assert.Equal("unix:" + DataDir + "/node.sock", address.ToString());
    }

    [Fact]
    public void DefaultSocketDropsOnlyTheBitcoinPrefix()
    {
        Assert.Equal(DataDir + "/wallet.sock", IpcAddress.Parse("unix", DataDir, "bitcoin-wallet").Path);
        Assert.Equal(DataDir + "/test-node.sock", IpcAddress.Parse("unix", DataDir, "test-node").Path);
    }

    [Fact]
    public void UnixPathIsRelativeToTheDataDirUnlessAbsolute()
    {
        Assert.Equal(DataDir + "/sub/my.sock", IpcAddress.Parse("unix:sub/my.sock", DataDir, "bitcoin-node").Path);
        Assert.Equal("/run/bitcoin/node.sock", IpcAddress.Parse("unix:/run/bitcoin/node.sock", DataDir, "bitcoin-node").Path);
    }

    [Fact]
    public void PathOf108BytesOrMoreGivesCoresTooLongError()
    {
        var fits = "/" + new string('a', 106);
        Assert.Equal(fits, IpcAddress.Parse("unix:" + fits, DataDir, "bitcoin-node").Path);

        var tooLong = "/" + new string('a', 107);
        var e = Assert.Throws<IpcAddressException>(() => IpcAddress.Parse("unix:" + tooLong, DataDir, "bitcoin-node"));
        Assert.Equal($"Unix address path \"{tooLong}\" exceeded maximum socket path length", e.Message);
    }

    [Fact]
    public void TooLongErrorQuotesThePathAsCoreDoes()
    {
        var path = "/" + new string('b', 110) + "/x\"y\\z";
        var e = Assert.Throws<IpcAddressException>(() => IpcAddress.Parse("unix:" + path, DataDir, "bitcoin-node"));
        Assert.StartsWith("Unix address path \"/bbb", e.Message, StringComparison.Ordinal);
        Assert.Contains("/x\\\"y\\\\z\" exceeded", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("unixx")]
    [InlineData("UNIX")]
    [InlineData("")]
    [InlineData("auto")]
    public void UnknownSchemeGivesCoresUnrecognizedAddressError(string text)
    {
        var e = Assert.Throws<IpcAddressException>(() => IpcAddress.Parse(text, DataDir, "bitcoin-node"));
        Assert.Equal($"Unrecognized address '{text}'", e.Message);
    }

    [Theory]
    [InlineData("tcp:127.0.0.1:8337", "127.0.0.1", 8337, "tcp:127.0.0.1:8337")]
    [InlineData("tcp:localhost:1", "localhost", 1, "tcp:localhost:1")]
    [InlineData("tcp:[::1]:65535", "::1", 65535, "tcp:[::1]:65535")]
    [InlineData("tcp:0.0.0.0:0", "0.0.0.0", 0, "tcp:0.0.0.0:0")]
    public void TcpAddressHasHostAndPort(string text, string host, int port, string formatted)
    {
        var address = IpcAddress.Parse(text, DataDir, "bitcoin-node");

        Assert.Equal(IpcAddressKind.Tcp, address.Kind);
        Assert.Equal(host, address.Host);
        Assert.Equal(port, address.Port);
        Assert.Null(address.Path);
        Assert.Equal(formatted, address.ToString());
    }

    [Theory]
    [InlineData("tcp:127.0.0.1:")]
    [InlineData("tcp:127.0.0.1:65536")]
    [InlineData("tcp:127.0.0.1:-1")]
    [InlineData("tcp:127.0.0.1:80a")]
    [InlineData("tcp:[::1]:+5")]
    public void TcpAddressWithBadPortIsRefused(string text)
    {
        var e = Assert.Throws<IpcAddressException>(() => IpcAddress.Parse(text, DataDir, "bitcoin-node"));
        Assert.Equal($"Invalid port in IPC address '{text}'", e.Message);
    }

    [Theory]
    [InlineData("tcp:")]
    [InlineData("tcp:8337")]
    [InlineData("tcp::8337")]
    [InlineData("tcp:::1:8337")]
    [InlineData("tcp:[::1]8337")]
    [InlineData("tcp:[127.0.0.1]:8337")]
    public void MalformedTcpAddressIsRefused(string text)
    {
        var e = Assert.Throws<IpcAddressException>(() => IpcAddress.Parse(text, DataDir, "bitcoin-node"));
        Assert.Contains("expected tcp:<host>:<port>", e.Message, StringComparison.Ordinal);
    }
}
