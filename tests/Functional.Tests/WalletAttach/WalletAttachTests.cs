using System.Text.Json.Nodes;
using Functional.Tests.Ipc;

namespace Functional.Tests.WalletAttach;

/// <summary>bin/bitcoin-wallet -ipcconnect attached to a running bin/bitcoin-node -ipcbind (issue 9, items 3 and 4).</summary>
public sealed class WalletAttachTests
{
    [Fact]
    public async Task AttachedWalletAnswersOnItsOwnPortAndThroughTheNodesPort()
    {
        await using var node = new IpcNode();
        await node.StartAsync("-ipcbind=unix");
        await using var wallet = new AttachedWalletProcess();
        await wallet.StartServerAsync("unix:" + node.SocketPath);

        Assert.Equal("w1", (await wallet.CallAsync("createwallet", "w1"))!["name"]!.GetValue<string>());
        var address = (await wallet.CliAsync("-rpcwallet=w1", "getnewaddress")).Stdout.Trim();
        var mined = await node.CliAsync("-ipcconnect=0", "generatetoaddress", "101", address);
        Assert.Equal(0, mined.ExitCode);

        // Its own port, with its own cookie in its own data directory...
        Assert.True(File.Exists(Path.Combine(wallet.NetDir, ".cookie")));
        Assert.Equal("50.00000000", (await wallet.CliAsync("-rpcwallet=w1", "getbalance")).Stdout.Trim());
        // ...and the node's port, where /wallet/w1 reaches the process that has w1 (the node's own wallet process passes it on).
        var throughNode = await node.CliAsync("-ipcconnect=0", "-rpcwallet=w1", "getbalance");
        Assert.Equal((0, "50.00000000"), (throughNode.ExitCode, throughNode.Stdout.Trim()));
        var log = wallet.ReadDebugLog();
        Assert.Contains($"Attached to the node at 'unix:{node.SocketPath}'", log, StringComparison.Ordinal);

        // stop on its own port stops the wallet process only: its wallets leave the node's port with it.
        var stop = await wallet.CliAsync("stop");
        Assert.Equal(0, stop.ExitCode);
        Assert.Equal(0, await wallet.WaitForExitAsync());
        Assert.False(File.Exists(Path.Combine(wallet.NetDir, ".cookie")));
        var gone = await node.CliAsync("-ipcconnect=0", "-rpcwallet=w1", "getbalance");
        Assert.Contains("error code: -18", gone.Stderr, StringComparison.Ordinal);
        Assert.Equal("0", (await node.CliAsync("-ipcconnect=0", "getblockcount")).ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TwoWalletProcessesEachServeTheirOwnWalletThroughTheNodesPort()
    {
        await using var node = new IpcNode();
        await node.StartAsync("-ipcbind=unix");
        await using var first = new AttachedWalletProcess();
        await using var second = new AttachedWalletProcess();
        await Task.WhenAll(first.StartServerAsync("unix:" + node.SocketPath), second.StartServerAsync("unix:" + node.SocketPath));
        await first.CallAsync("createwallet", "alice");
        await second.CallAsync("createwallet", "bob");

        var alice = (await node.CliAsync("-ipcconnect=0", "-rpcwallet=alice", "getnewaddress")).Stdout.Trim();
        var bob = (await node.CliAsync("-ipcconnect=0", "-rpcwallet=bob", "getnewaddress")).Stdout.Trim();
        Assert.Equal(0, (await node.CliAsync("-ipcconnect=0", "generatetoaddress", "1", bob)).ExitCode);
        Assert.Equal(0, (await node.CliAsync("-ipcconnect=0", "generatetoaddress", "100", alice)).ExitCode);

        Assert.Equal("50.00000000", (await node.CliAsync("-ipcconnect=0", "-rpcwallet=bob", "getbalance")).Stdout.Trim());
        Assert.Equal("0.00000000", (await node.CliAsync("-ipcconnect=0", "-rpcwallet=alice", "getbalance")).Stdout.Trim());
        Assert.Equal("alice", JsonNode.Parse((await node.CliAsync("-ipcconnect=0", "-rpcwallet=alice", "getwalletinfo")).Stdout)!["walletname"]!.GetValue<string>());
        // Each process knows only its own wallet.
        Assert.Equal("[\"alice\"]", (await first.CallAsync("listwallets"))!.ToJsonString());
        Assert.Equal("[\"bob\"]", (await second.CallAsync("listwallets"))!.ToJsonString());
        var unknown = await first.CliAsync("-rpcwallet=bob", "getbalance");
        Assert.Contains("error code: -18", unknown.Stderr, StringComparison.Ordinal);

        Assert.Equal(0, await first.TerminateAsync());
        Assert.Equal(0, await second.TerminateAsync());
    }

    [Fact]
    public async Task WalletWaitsForARestartedNodeThenReloadsItsWalletsAndCatchesUp()
    {
        await using var node = new IpcNode();
        await node.StartAsync("-ipcbind=unix");
        await using var wallet = new AttachedWalletProcess();
        await wallet.StartServerAsync("unix:" + node.SocketPath);
        await wallet.CallAsync("createwallet", "w1");
        await wallet.CallAsync("createwallet", "w2");
        var address = (await wallet.CliAsync("-rpcwallet=w1", "getnewaddress")).Stdout.Trim();
        Assert.Equal(0, (await node.CliAsync("-ipcconnect=0", "generatetoaddress", "101", address)).ExitCode);

        Assert.Equal(0, await node.StopAsync());
        // While the node is away its wallet RPCs answer that it is waiting (warm-up, -28), and it keeps running.
        var waiting = await wallet.CliAsync("-rpcwallet=w1", "getbalance");
        Assert.Contains("error code: -28", waiting.Stderr, StringComparison.Ordinal);

        await node.StartAsync("-ipcbind=unix");
        await wallet.WaitReadyAsync();
        Assert.Equal(0, (await node.CliAsync("-ipcconnect=0", "generatetoaddress", "1", address)).ExitCode);
        // Both wallets are back (the second was unloaded too although the chain was gone), and w1 saw the new block.
        Assert.Equal("[\"w1\",\"w2\"]", (await wallet.CallAsync("listwallets"))!.ToJsonString());
        Assert.Equal("100.00000000", (await wallet.CliAsync("-rpcwallet=w1", "getbalance")).Stdout.Trim());
        Assert.Equal("100.00000000", (await node.CliAsync("-ipcconnect=0", "-rpcwallet=w1", "getbalance")).Stdout.Trim());

        var log = wallet.ReadDebugLog();
        Assert.Contains("Lost the connection to the node", log, StringComparison.Ordinal);
        Assert.Contains("[w1] Releasing wallet w1", log, StringComparison.Ordinal);
        Assert.Contains("[w2] Releasing wallet w2", log, StringComparison.Ordinal);
        // Unloading goes last-first and did not stop at w2's failed chain calls (the node was gone): w1 was closed too.
        Assert.Contains("Unloading wallet \"w1\": could not save its best block, the chain is unavailable", log, StringComparison.Ordinal);
        Assert.Equal(0, await wallet.TerminateAsync());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task AttachWithoutPermissionToTheSocketIsRefused()
    {
        await using var node = new IpcNode();
        await node.StartAsync("-ipcbind=unix");
        await using var wallet = new AttachedWalletProcess();
        IReadOnlyList<string>? runAs = null;
        if (Environment.UserName == "root")
        {
            // root passes every permission check: try as nobody, who may use its own data directory but not the socket.
            File.SetUnixFileMode(wallet.DataDir, (UnixFileMode)0x1FF);
            runAs = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
        }
        else
        {
            File.SetUnixFileMode(node.SocketPath, UnixFileMode.None);
        }

        wallet.Start([$"-ipcconnect=unix:{node.SocketPath}"], runAs);
        Assert.Equal(1, await wallet.WaitForExitAsync());
        Assert.Contains($"Error: Cannot attach to the node at 'unix:{node.SocketPath}': Permission denied", wallet.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachOverTcpNeedsTheNodesSecret()
    {
        await using var node = new IpcNode();
        int port = Infrastructure.FreePorts.Next();
        await node.StartAsync($"-ipcbind=tcp:127.0.0.1:{port}");
        var secret = File.ReadAllText(Path.Combine(node.NetDir, ".ipccookie")).Trim();

        await using var refused = new AttachedWalletProcess();
        refused.Start([$"-ipcconnect=tcp:127.0.0.1:{port}", "-ipcauth=guess"]);
        Assert.Equal(1, await refused.WaitForExitAsync());
        Assert.Contains("refused the authentication", refused.Stderr, StringComparison.Ordinal);

        await using var wallet = new AttachedWalletProcess();
        await wallet.StartServerAsync($"tcp:127.0.0.1:{port}", $"-ipcauth={secret}");
        await wallet.CallAsync("createwallet", "w1");
        Assert.Equal("0.00000000", (await node.CliAsync("-ipcconnect=0", "-rpcwallet=w1", "getbalance")).Stdout.Trim());
        Assert.Equal(0, await wallet.TerminateAsync());
        Assert.Contains("refused: wrong authentication secret", node.ReadDebugLog(), StringComparison.Ordinal);
    }
}
