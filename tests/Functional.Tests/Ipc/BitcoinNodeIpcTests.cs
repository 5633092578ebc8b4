using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Functional.Tests.Ipc;

/// <summary>bin/bitcoin-node with -ipcbind, driven by bin/bitcoin-cli -ipcconnect (issue 5).</summary>
public sealed class BitcoinNodeIpcTests
{
    [Fact]
    public async Task CliRunsRpcsOverTheUnixSocketAndAutoPrefersIt()
    {
        await using var node = new IpcNode();
        await node.StartAsync("-ipcbind=unix", "-ipcbind=unix:sub/second.sock", "-debug=ipc");

        Assert.Contains($"Listening for IPC requests on address unix:{node.SocketPath}", node.ReadDebugLog(), StringComparison.Ordinal);
        AssertOwnerOnly(node.SocketPath);

        var info = await node.CliAsync("-ipcconnect=unix", "getblockchaininfo");
        Assert.Equal((0, ""), (info.ExitCode, info.Stderr));
        Assert.Equal("regtest", JsonNode.Parse(info.Stdout)!["chain"]!.GetValue<string>());

        var relative = await node.CliAsync("-ipcconnect=unix:sub/second.sock", "getblockcount");
        Assert.Equal((0, "0\n"), (relative.ExitCode, relative.Stdout));

        // The default, auto, uses the socket when it is there: a wrong HTTP port does not matter...
        var auto = await node.CliAsync("-rpcport=1", "getblockcount");
        Assert.Equal((0, "0\n"), (auto.ExitCode, auto.Stdout));
        // ...unless IPC is turned off.
        var http = await node.CliAsync("-rpcport=1", "-noipcconnect", "getblockcount");
        Assert.Equal(1, http.ExitCode);
        Assert.Contains("Could not connect to the server", http.Stderr, StringComparison.Ordinal);

        // Errors come back as over HTTP, and the calls are in the -debug=ipc log.
        var unknown = await node.CliAsync("-ipcconnect=unix", "nosuchmethod");
        Assert.Equal((89, "error code: -32601\nerror message:\nMethod not found\n"), (unknown.ExitCode, unknown.Stderr));
        var log = node.ReadDebugLog();
        Assert.Contains("IPC server recv request", log, StringComparison.Ordinal);
        Assert.Contains("Rpc.executeRpc$Params", log, StringComparison.Ordinal);
        Assert.Contains("IPC server send response", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplicitUnixWithoutASocketFailsWithCoresHintAndAutoFallsBackToHttp()
    {
        await using var node = new IpcNode();
        await node.StartAsync();

        var explicitUnix = await node.CliAsync("-ipcconnect=unix", "getblockcount");
        Assert.Equal(1, explicitUnix.ExitCode);
        Assert.Equal(
            "error: No such file or directory\n\n" +
            "Probably bitcoin-node is not running or not listening on a unix socket. Can be started with:\n\n" +
            "    bitcoin-node -chain=regtest -ipcbind=unix\n",
            explicitUnix.Stderr);

        var auto = await node.CliAsync("getblockcount");
        Assert.Equal((0, "0\n"), (auto.ExitCode, auto.Stdout));

        var both = await node.CliAsync("-rpcconnect=127.0.0.1", "-ipcconnect=unix", "getblockcount");
        Assert.Equal((1, "error: -rpcconnect and -ipcconnect options cannot both be enabled\n"), (both.ExitCode, both.Stderr));
    }

    [Fact]
    public async Task StaleSocketLeftByAKilledNodeIsReplacedOnRestart()
    {
        await using var node = new IpcNode();
        await node.StartAsync("-ipcbind=unix");
        await node.KillAsync();
        Assert.True(File.Exists(node.SocketPath));

        await node.StartAsync("-ipcbind=unix");

        var count = await node.CliAsync("-ipcconnect=unix", "getblockcount");
        Assert.Equal((0, "0\n"), (count.ExitCode, count.Stdout));
        Assert.Equal(0, await node.StopAsync());
    }

    [Fact]
    public async Task BadBindAddressesStopStartUpWithCoresMessages()
    {
        await using var node = new IpcNode();
        Directory.CreateDirectory(node.NetDir);

        var unknown = await IpcNode.RunAsync("bitcoin-node", node.NodeArguments("-ipcbind=pipe"));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Error: Unable to bind to IPC address 'pipe'. Unrecognized address 'pipe'", unknown.Stderr, StringComparison.Ordinal);

        var name = new string('n', 110);
        var tooLong = await IpcNode.RunAsync("bitcoin-node", node.NodeArguments("-ipcbind=unix:" + name));
        var path = Path.Combine(node.NetDir, name);
        Assert.Equal(1, tooLong.ExitCode);
        Assert.Contains($"Error: Unable to bind to IPC address 'unix:{path}'. Unix address path \"{path}\" exceeded maximum socket path length",
            tooLong.Stderr, StringComparison.Ordinal);

        await File.WriteAllTextAsync(node.SocketPath, "not a socket");
        var occupied = await IpcNode.RunAsync("bitcoin-node", node.NodeArguments("-ipcbind=unix"));
        Assert.Equal(1, occupied.ExitCode);
        Assert.Contains($"Error: Unable to bind to IPC address 'unix:{node.SocketPath}'. Address already in use", occupied.Stderr, StringComparison.Ordinal);
        Assert.Equal("not a socket", await File.ReadAllTextAsync(node.SocketPath));
    }

    [Fact]
    public async Task BitcoindDoesNotAcceptIpcbind()
    {
        await using var node = new IpcNode("bitcoind");

        var result = await IpcNode.RunAsync("bitcoind", node.NodeArguments("-ipcbind=unix"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Invalid parameter -ipcbind", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TcpClientsMustProveTheSecretAndOthersAreRefusedAndLogged()
    {
        await using var node = new IpcNode();
        int port = Infrastructure.FreePorts.Next();
        await node.StartAsync($"-ipcbind=tcp:127.0.0.1:{port}");
        var address = $"-ipcconnect=tcp:127.0.0.1:{port}";
        AssertOwnerOnly(Path.Combine(node.NetDir, ".ipccookie"));

        // The cookie in the data directory is the secret.
        var withCookie = await node.CliAsync(address, "getblockcount");
        Assert.Equal((0, "0\n"), (withCookie.ExitCode, withCookie.Stdout));

        var wrong = await node.CliAsync(address, "-ipcauth=guess", "getblockcount");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("refused the authentication", wrong.Stderr, StringComparison.Ordinal);

        // A peer that starts talking Cap'n Proto at once gets the greeting and a nonce, then the door.
        using (var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await raw.ConnectAsync("127.0.0.1", port);
            var bootstrap = new byte[8 + 64];
            bootstrap[4] = 8;
            await raw.SendAsync(bootstrap);
            var buffer = new byte[128];
            int total = 0;
            int read;
            while ((read = await raw.ReceiveAsync(buffer.AsMemory(total))) > 0)
                total += read;
            Assert.Equal(9 + 32, total);
        }

        Assert.Equal(0, await node.StopAsync());
        var log = node.ReadDebugLog();
        Assert.Contains("refused: wrong authentication secret", log, StringComparison.Ordinal);
        Assert.Contains("refused: the peer does not speak the IPC authentication protocol", log, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(node.NetDir, ".ipccookie")));
    }

    [Fact]
    public async Task NonLoopbackTcpBindUsesTlsWithACertificateInTheDataDir()
    {
        await using var node = new IpcNode();
        int port = Infrastructure.FreePorts.Next();
        await node.StartAsync($"-ipcbind=tcp:0.0.0.0:{port}", "-ipcauth=shared-secret");

        AssertOwnerOnly(Path.Combine(node.NetDir, "ipc-tls.pfx"));
        Assert.False(File.Exists(Path.Combine(node.NetDir, ".ipccookie")));
        using (var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await raw.ConnectAsync("127.0.0.1", port);
            var greeting = new byte[9];
            int total = 0;
            while (total < greeting.Length)
                total += await raw.ReceiveAsync(greeting.AsMemory(total));
            Assert.Equal("BTCIPC01"u8.ToArray(), greeting[..8]);
            Assert.Equal(1, greeting[8]); // TLS follows
        }

        var overTls = await node.CliAsync($"-ipcconnect=tcp:127.0.0.1:{port}", "-ipcauth=shared-secret", "getblockcount");
        Assert.Equal((0, "0\n"), (overTls.ExitCode, overTls.Stdout));
    }

    private static void AssertOwnerOnly(string path)
    {
        Assert.True(File.Exists(path), path);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }
}
