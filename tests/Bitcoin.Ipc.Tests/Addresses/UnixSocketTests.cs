using System.Net.Sockets;
using Multiprocess.Addresses;

namespace Bitcoin.Ipc.Tests.Addresses;

public sealed class UnixSocketTests
{
    [Fact]
    public async Task BoundSocketIsOwnerOnlyAndCarriesBytesBothWays()
    {
        using var dir = new TempDataDir();
        var address = IpcAddress.Parse("unix", dir.Path, "bitcoin-node");
        await using var listener = IpcListener.Bind(address, new IpcListenerOptions());
        listener.Start(EchoOneLineAsync);

        FileModes.AssertOwnerOnly(address.Path!);
        Assert.Equal("ping", await SendLineAsync(address, "ping"));
    }

    [Fact]
    public async Task MissingParentDirectoriesAreCreated()
    {
        using var dir = new TempDataDir();
        var address = IpcAddress.Parse("unix:a/b/n.sock", dir.Path, "bitcoin-node");
        await using var listener = IpcListener.Bind(address, new IpcListenerOptions());
        listener.Start(EchoOneLineAsync);

        Assert.Equal("x", await SendLineAsync(address, "x"));
    }

    [Fact]
    public async Task StaleSocketFileIsReplaced()
    {
        using var dir = new TempDataDir();
        var address = IpcAddress.Parse("unix", dir.Path, "bitcoin-node");
        // A socket file nobody listens on, as a process killed without cleaning up leaves it (.NET deletes the file
        // when a socket is disposed, so this one stays open, unlistened, until the end).
        using var stale = BindWithoutListening(address.Path!);
        Assert.True(File.Exists(address.Path));

        await using var listener = IpcListener.Bind(address, new IpcListenerOptions());
        listener.Start(EchoOneLineAsync);

        Assert.Equal("fresh", await SendLineAsync(address, "fresh"));
    }

    [Fact]
    public async Task RegularFileAtTheSocketPathIsNotReplaced()
    {
        using var dir = new TempDataDir();
        var address = IpcAddress.Parse("unix", dir.Path, "bitcoin-node");
        await File.WriteAllTextAsync(address.Path!, "precious");

        var e = Assert.Throws<SocketException>(() => IpcListener.Bind(address, new IpcListenerOptions()));

        Assert.Equal("Address already in use", e.Message);
        Assert.Equal("precious", await File.ReadAllTextAsync(address.Path!));
    }

    [Fact]
    public async Task ConnectingToAMissingSocketGivesTheSystemsMessage()
    {
        using var dir = new TempDataDir();
        var address = IpcAddress.Parse("unix", dir.Path, "bitcoin-node");

        var e = await Assert.ThrowsAsync<IpcConnectException>(() => IpcConnector.ConnectAsync(address));

        Assert.Equal("No such file or directory", e.Message);
        Assert.True(e.NobodyListening);
    }

    [Fact]
    public async Task ConnectingToASocketNobodyListensOnIsRefused()
    {
        using var dir = new TempDataDir();
        var address = IpcAddress.Parse("unix", dir.Path, "bitcoin-node");
        using var stale = BindWithoutListening(address.Path!);

        var e = await Assert.ThrowsAsync<IpcConnectException>(() => IpcConnector.ConnectAsync(address));

        Assert.Equal("Connection refused", e.Message);
        Assert.True(e.NobodyListening);
    }

    [Fact]
    public async Task ConnectingThroughAFileInThePathIsNotADirectory()
    {
        using var dir = new TempDataDir();
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "file"), "");
        var address = IpcAddress.Parse("unix:file/node.sock", dir.Path, "bitcoin-node");

        var e = await Assert.ThrowsAsync<IpcConnectException>(() => IpcConnector.ConnectAsync(address));

        Assert.Equal("Not a directory", e.Message);
        Assert.True(e.NobodyListening);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    public async Task DisabledAddressConnectsToNothing(string text)
    {
        Assert.Null(await IpcConnector.ConnectAddressAsync(text, "/nonexistent", "bitcoin-node"));
    }

    [Fact]
    public async Task AutoWithNobodyListeningConnectsToNothing()
    {
        using var dir = new TempDataDir();
        Assert.Null(await IpcConnector.ConnectAddressAsync("auto", dir.Path, "bitcoin-node"));
        Assert.Null(await IpcConnector.ConnectAddressAsync("auto", "/" + new string('d', 120), "bitcoin-node"));
    }

    [Fact]
    public async Task AutoConnectsToTheDefaultSocketWhenItListens()
    {
        using var dir = new TempDataDir();
        await using var listener = IpcListener.Bind(IpcAddress.Parse("unix", dir.Path, "bitcoin-node"), new IpcListenerOptions());
        listener.Start(EchoOneLineAsync);

        var transport = await IpcConnector.ConnectAddressAsync("auto", dir.Path, "bitcoin-node");

        Assert.NotNull(transport);
        await using var stream = transport.Stream;
        Assert.Equal("auto", await ExchangeLineAsync(stream, "auto"));
    }

    [Fact]
    public async Task ExplicitUnixAddressWithNobodyListeningIsAnError()
    {
        using var dir = new TempDataDir();

        var e = await Assert.ThrowsAsync<IpcConnectException>(() => IpcConnector.ConnectAddressAsync("unix", dir.Path, "bitcoin-node"));

        Assert.Equal("No such file or directory", e.Message);
    }

    private static Socket BindWithoutListening(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    internal static async Task EchoOneLineAsync(IpcTransport transport, CancellationToken cancellationToken)
    {
        await using var stream = transport.Stream;
        using var reader = new StreamReader(stream, leaveOpen: true);
        var line = await reader.ReadLineAsync(cancellationToken);
        await using var writer = new StreamWriter(stream, leaveOpen: true);
        await writer.WriteLineAsync(line);
        await writer.FlushAsync(cancellationToken);
    }

    private static async Task<string?> SendLineAsync(IpcAddress address, string line)
    {
        var transport = await IpcConnector.ConnectAsync(address);
        await using var stream = transport.Stream;
        return await ExchangeLineAsync(stream, line);
    }

    internal static async Task<string?> ExchangeLineAsync(Stream stream, string line)
    {
        await using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            await writer.WriteLineAsync(line);
        }
        using var reader = new StreamReader(stream, leaveOpen: true);
        return await reader.ReadLineAsync();
    }
}
