using Functional.Tests.Infrastructure;
using Functional.Tests.Wallet;

namespace Functional.Tests.Ipc;

/// <summary>
/// bitcoin-node runs its wallet in a bitcoin-wallet child process (issue 9): the child exists, shares debug.log,
/// dies without taking the node down (and comes back with its wallets), is stopped before the node, and does not
/// outlive a killed node.
/// </summary>
public sealed class WalletProcessTests
{
    private const string DisconnectedMessage = "Wallet process disconnected";

    [Fact]
    public async Task KilledWalletProcessIsRespawnedWithItsWalletsWhileTheNodeKeepsMining()
    {
        await using var node = await WalletNodes.StartAsync("bitcoin-node", "-debug=ipc");
        using var wallet = await node.CreateFundedWalletAsync("alice");
        using var other = await node.CreateWalletAsync("bob");
        var address = await wallet.NewAddressAsync();
        Assert.Equal(50m, (await wallet.CallAsync("getbalance"))!.GetValue<decimal>());

        // help lists the wallet's commands, served by the wallet process, as bitcoind's does.
        var help = (await node.RpcAsync("help"))!.GetValue<string>();
        Assert.Contains("== Wallet ==", help, StringComparison.Ordinal);
        Assert.Contains("\ngetbalance ", help, StringComparison.Ordinal);

        // One wallet process, a child of the node; both sides log their IPC traffic into the one debug.log, and wallet
        // lines carry the node's format.
        var child = Assert.Single(ChildProcesses.Of(node.Pid, "bitcoin-wallet"));
        var log = node.ReadDebugLog();
        Assert.Contains($"{{bitcoin-node-{node.Pid}/", log, StringComparison.Ordinal);
        Assert.Contains($"{{bitcoin-wallet-{child}/", log, StringComparison.Ordinal);
        Assert.Matches(@"\n\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \[alice\] ", log);

        LibC.Kill(child, 9);
        // The node goes on: it answers and mines while the wallet is away, and wallet calls get a clear error.
        var error = await Assert.ThrowsAsync<RpcError>(() => wallet.CallAsync("getbalance"));
        Assert.Equal(-18, error.Code);
        Assert.Contains(DisconnectedMessage, error.RpcMessage, StringComparison.Ordinal);
        var height = (await node.RpcAsync("getblockcount"))!.GetValue<int>();
        await node.MineToAsync(address, 5);
        Assert.Equal(height + 5, (await node.RpcAsync("getblockcount"))!.GetValue<int>());

        // A new wallet process has both wallets back, and has seen the blocks mined meanwhile: 6 mature rewards.
        await WalletNodes.WaitUntilAsync(async () => await AnswersAsync(wallet), "the wallet process is back");
        await node.SyncWalletsAsync();
        Assert.Equal(300m, (await wallet.CallAsync("getbalance"))!.GetValue<decimal>());
        Assert.Equal(height + 5, (await wallet.CallAsync("getwalletinfo"))!["lastprocessedblock"]!["height"]!.GetValue<int>());
        Assert.Equal("bob", (await other.CallAsync("getwalletinfo"))!["walletname"]!.GetValue<string>());
        var respawned = Assert.Single(ChildProcesses.Of(node.Pid, "bitcoin-wallet"));
        Assert.NotEqual(child, respawned);
        Assert.Contains($"Wallet process bitcoin-wallet pid {child} disconnected", node.ReadDebugLog(), StringComparison.Ordinal);
        Assert.False(LibC.ProcessExists(child), "the killed wallet process was reaped");

        // stop: the wallet process unloads its wallets and exits before the node finishes shutting down.
        Assert.Equal(0, await node.StopAsync());
        Assert.False(LibC.ProcessExists(respawned), "the wallet process exited with the node");
        log = node.ReadDebugLog();
        var shutdown = log.IndexOf("Shutdown in progress...", StringComparison.Ordinal);
        var walletExit = log.IndexOf("Wallet process exiting", shutdown, StringComparison.Ordinal);
        var reaped = log.IndexOf($"Wallet process bitcoin-wallet pid {respawned} exited with status 0", shutdown, StringComparison.Ordinal);
        var done = log.IndexOf("Shutdown done", shutdown, StringComparison.Ordinal);
        Assert.True(shutdown >= 0 && walletExit > shutdown && reaped > walletExit && done > reaped,
            $"shutdown order: in progress {shutdown}, wallet exiting {walletExit}, reaped {reaped}, done {done}");
    }

    [Fact]
    public async Task WalletProcessExitsWhenTheNodeIsKilledAndTheWalletKeepsItsTransactions()
    {
        await using var node = await WalletNodes.StartAsync("bitcoin-node");
        using (var wallet = await node.CreateFundedWalletAsync("carol"))
            Assert.Equal(50m, (await wallet.CallAsync("getbalance"))!.GetValue<decimal>());
        var child = Assert.Single(ChildProcesses.Of(node.Pid, "bitcoin-wallet"));

        // SIGKILL to the node alone: the wallet process sees its socket close, stops its wallets and exits.
        LibC.Kill(node.Pid, 9);
        await node.WaitForExitAsync();
        await WalletNodes.WaitUntilAsync(() => Task.FromResult(!LibC.ProcessExists(child)), "the orphaned wallet process exits");

        // The wallet file kept every transaction (the node itself may restart behind: a killed node, like Core's,
        // has not flushed its chainstate, and the wallet then follows the node's chain).
        var before = node.ReadDebugLog().Length;
        await node.StartAsync([.. WalletNodes.WalletArguments, "-wallet=carol"]);
        using var again = new WalletClient(node, "carol");
        Assert.Equal(101, (await again.CallAsync("getwalletinfo"))!["txcount"]!.GetValue<int>());

        // Start-up waited for the wallet process to load the wallet before it announced readiness, as Core's does.
        var restart = node.ReadDebugLog()[before..];
        var loaded = restart.IndexOf("[carol] Wallet completed loading", StringComparison.Ordinal);
        var ready = restart.IndexOf("init message: Done loading", StringComparison.Ordinal);
        Assert.True(loaded >= 0 && ready > loaded, $"wallet loaded at {loaded}, Done loading at {ready}");
    }

    private static async Task<bool> AnswersAsync(WalletClient wallet)
    {
        try
        {
            await wallet.CallAsync("getwalletinfo");
            return true;
        }
        catch (RpcError e) when (e.Code == -18)
        {
            return false;
        }
    }
}
