using System.Security.Cryptography;
using Functional.Tests.Infrastructure;
using Functional.Tests.Wallet;

namespace Functional.Tests.WalletTool;

/// <summary>bin/bitcoin-wallet on wallets a real node made and used: info, dump and createfromdump, and the node's lock.</summary>
public sealed class WalletToolOnNodeWalletsTests
{
    private const string DumpWarning = "The dumpfile may contain private keys. To ensure the safety of your Bitcoin, do not share the dumpfile.\n";
    private const string LockError = "SQLiteDatabase: Unable to obtain an exclusive lock on the database, is it being used by another instance of Bitcoin Core?";

    [Fact]
    public async Task InfoDescribesAUsedWalletAndItsDumpRecreatesItForTheNode()
    {
        await using var node = await WalletNodes.StartAsync("bitcoind");
        using var alice = await node.CreateFundedWalletAsync("alice");
        using var bob = await node.CreateWalletAsync("bob");
        var payment = (await alice.CallAsync("sendtoaddress", await bob.NewAddressAsync(), 1.5m))!.GetValue<string>();
        await node.MineToAsync(await bob.NewAddressAsync(), 1);
        await node.SyncWalletsAsync();
        var walletInfo = (await alice.CallAsync("getwalletinfo"))!;
        var balances = (await alice.MineBalancesAsync()).ToJsonString();

        // While the node has the wallet open, the tool refuses to read it.
        var locked = await WalletToolProcess.RunAsync(node, "-wallet=alice", "info");
        Assert.Equal(1, locked.ExitCode);
        Assert.Equal("", locked.Stdout);
        Assert.StartsWith(LockError, locked.Stderr, StringComparison.Ordinal);

        Assert.Equal(0, await node.StopAsync());
        var file = Path.Combine(node.NetDir, "wallets", "alice", "wallet.dat");
        var before = SHA256.HashData(File.ReadAllBytes(file));

        var info = await WalletToolProcess.RunAsync(node, "-wallet=alice", "info");

        Assert.Equal("", info.Stderr);
        Assert.Equal(0, info.ExitCode);
        var keypool = walletInfo["keypoolsize"]!.GetValue<int>() + walletInfo["keypoolsize_hd_internal"]!.GetValue<int>();
        // The address book holds the receiving address the blocks were mined to; paying an address adds no entry (as Core).
        Assert.Equal(
            "Wallet info\n===========\nName: alice\nFormat: sqlite\nDescriptors: yes\nEncrypted: no\nHD (hd seed available): yes\n" +
            $"Keypool Size: {keypool}\nTransactions: {walletInfo["txcount"]!.GetValue<int>()}\nAddress Book: 1\n",
            info.Stdout);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(file)));

        var dump = Path.Combine(node.DataDir, "alice.dump");
        var dumped = await WalletToolProcess.RunAsync(node, "-wallet=alice", $"-dumpfile={dump}", "dump");
        Assert.Equal((0, DumpWarning, ""), (dumped.ExitCode, dumped.Stdout, dumped.Stderr));
        var created = await WalletToolProcess.RunAsync(node, "-wallet=copy", $"-dumpfile={dump}", "createfromdump");
        Assert.Equal((0, "", ""), (created.ExitCode, created.Stdout, created.Stderr));

        // The node loads the recreated wallet as the original: same balances, same payment, same next address.
        await node.StartAsync(WalletNodes.WalletArguments);
        using var root = new WalletClient(node, null);
        await root.CallAsync("loadwallet", "alice");
        await root.CallAsync("loadwallet", "copy");
        using var original = new WalletClient(node, "alice");
        using var copy = new WalletClient(node, "copy");
        Assert.Equal(balances, (await copy.MineBalancesAsync()).ToJsonString());
        Assert.Equal((await original.TransactionAsync(payment))["hex"]!.GetValue<string>(), (await copy.TransactionAsync(payment))["hex"]!.GetValue<string>());
        Assert.Equal(await original.NewAddressAsync(), await copy.NewAddressAsync());
    }

    [Fact]
    public async Task AWalletOpenInBitcoinNodesWalletProcessIsLockedUntilTheNodeStops()
    {
        await using var node = await WalletNodes.StartAsync("bitcoin-node");
        using (await node.CreateWalletAsync("w"))
        {
        }

        var locked = await WalletToolProcess.RunAsync(node, "-wallet=w", "info");
        Assert.Equal(1, locked.ExitCode);
        Assert.StartsWith(LockError, locked.Stderr, StringComparison.Ordinal);

        Assert.Equal(0, await node.StopAsync());
        var info = await WalletToolProcess.RunAsync(node, "-wallet=w", "info");
        Assert.Equal("", info.Stderr);
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("Name: w\n", info.Stdout, StringComparison.Ordinal);
    }
}
