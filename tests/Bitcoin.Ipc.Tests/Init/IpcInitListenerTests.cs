using Bitcoin.Ipc.Tests.Addresses;
using Capnp.Rpc;
using Multiprocess.Addresses;

namespace Bitcoin.Ipc.Tests.Init;

public sealed class IpcInitListenerTests
{
    [Fact]
    public async Task ServesTheInitOnEveryAddressAndReportsThemInFullForm()
    {
        using var dir = new TempDataDir();
        var heard = new List<string>();
        await using var listener = await IpcInitListener.StartAsync(["unix", "unix:sub/other.sock", "tcp:127.0.0.1:0"],
            Options(dir.Path), heard.Add);

        Assert.Equal(3, listener.Addresses.Count);
        Assert.Equal(listener.Addresses, heard);
        Assert.Equal("unix:" + Path.Combine(dir.Path, "node.sock"), listener.Addresses[0]);
        Assert.Equal("unix:" + Path.Combine(dir.Path, "sub/other.sock"), listener.Addresses[1]);
        Assert.StartsWith("tcp:127.0.0.1:", listener.Addresses[2], StringComparison.Ordinal);
        Assert.DoesNotContain("tcp:127.0.0.1:0", listener.Addresses);
        foreach (var address in new[] { "unix", "unix:sub/other.sock", listener.Addresses[2] })
        {
            using var client = await IpcInitClient.ConnectAsync(address, dir.Path, new IpcConnectOptions { DataDir = dir.Path });
            Assert.NotNull(client);
            using var echo = client.MakeEcho()!;
            Assert.Equal(address, echo.Echo(address));
        }
    }

    [Fact]
    public async Task TcpCookieIsWrittenOwnerOnlyAndDeletedAtStop()
    {
        using var dir = new TempDataDir();
        var cookie = IpcSecret.DefaultCookiePath(dir.Path);
        var listener = await IpcInitListener.StartAsync(["tcp:127.0.0.1:0"], Options(dir.Path));

        FileModes.AssertOwnerOnly(cookie);
        await listener.DisposeAsync();

        Assert.False(File.Exists(cookie));
    }

    [Fact]
    public async Task ConfiguredSecretIsUsedInsteadOfACookie()
    {
        using var dir = new TempDataDir();
        await using var listener = await IpcInitListener.StartAsync(["tcp:127.0.0.1:0"], Options(dir.Path) with { AuthSecret = "configured" });

        Assert.False(File.Exists(IpcSecret.DefaultCookiePath(dir.Path)));
        using var client = await IpcInitClient.ConnectAsync(listener.Addresses[0], dir.Path, new IpcConnectOptions { AuthSecret = "configured" });
        Assert.Equal("ok", client!.MakeEcho()!.Echo("ok"));
        await Assert.ThrowsAsync<IpcAuthenticationException>(
            () => IpcInitClient.ConnectAsync(listener.Addresses[0], dir.Path, new IpcConnectOptions { DataDir = dir.Path }));
    }

    [Fact]
    public async Task TooLongPathFailsWithCoresMessageAndTheFullAddress()
    {
        using var dir = new TempDataDir();
        var name = new string('s', 120);

        var e = await Assert.ThrowsAsync<IpcBindException>(() => IpcInitListener.StartAsync(["unix:" + name], Options(dir.Path)));

        var path = Path.Combine(dir.Path, name);
        Assert.Equal("unix:" + path, e.Address);
        Assert.Equal($"Unix address path \"{path}\" exceeded maximum socket path length", e.Message);
    }

    [Fact]
    public async Task UnrecognizedAddressFailsAndReleasesWhatWasAlreadyBound()
    {
        using var dir = new TempDataDir();

        var e = await Assert.ThrowsAsync<IpcBindException>(() => IpcInitListener.StartAsync(["unix", "pipe:x"], Options(dir.Path)));

        Assert.Equal("pipe:x", e.Address);
        Assert.Equal("Unrecognized address 'pipe:x'", e.Message);
        Assert.False(File.Exists(Path.Combine(dir.Path, "node.sock")));
    }

    [Fact]
    public async Task StoppingDisconnectsConnectedClients()
    {
        using var dir = new TempDataDir();
        var listener = await IpcInitListener.StartAsync(["unix"], Options(dir.Path));
        using var client = (await IpcInitClient.ConnectAsync("unix", dir.Path, null))!;
        using var echo = client.MakeEcho()!;
        Assert.Equal("before", echo.Echo("before"));

        await listener.DisposeAsync();
        await client.Connection.Disconnected;

        Assert.ThrowsAny<RpcException>(() => echo.Echo("after"));
    }

    private static IpcInitListenerOptions Options(string dataDir) => new()
    {
        Init = new TestInit { Echo = () => new LocalEcho() },
        DataDir = dataDir,
        ExeName = "bitcoin-node",
    };
}
