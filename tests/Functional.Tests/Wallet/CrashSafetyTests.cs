using System.Text.Json.Nodes;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Wallet;

/// <summary>
/// bitcoind killed with SIGKILL while the wallet sends or rescans: after a restart the balances agree with the chain
/// and the coins, no funds are lost and no address is handed out twice.
/// </summary>
public sealed class CrashSafetyTests
{
    [Theory]
    [MemberData(nameof(WalletNodes.Executables), MemberType = typeof(WalletNodes))]
    public async Task KillDuringSendsKeepsBalancesConsistentAndAddressesUnique(string executable)
    {
        await using var node = await WalletNodes.StartAsync(executable);
        var payer = await node.CreateWalletAsync("payer");
        var payee = await node.CreateWalletAsync("payee");
        // Ten mature coinbases of 50 BTC (blocks 1..10) and a hundred immature ones.
        await node.MineToAsync(await payer.NewAddressAsync(), 110);
        const decimal minted = 110 * 50m;
        var payeeAddresses = new List<string>();
        for (var i = 0; i < 12; i++)
            payeeAddresses.Add(await payee.NewAddressAsync());

        var handedOut = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            handedOut.Add(await payer.NewAddressAsync());
            handedOut.Add((await payer.CallAsync("getrawchangeaddress"))!.GetValue<string>());
        }

        // The node's own chainstate is flushed first (a killed node keeps only flushed blocks, as Core's does): what
        // follows is about the wallet's file.
        await node.UtxoSetAsync();

        // Sends and address requests in flight together; the node dies as soon as the first send returns.
        var sends = payeeAddresses.Select(a => payer.CallAsync("sendtoaddress", a, 1.5m)).ToList();
        var addressRequests = Enumerable.Range(0, 10).Select(_ => payer.CallAsync("getnewaddress")).ToList();
        await Task.WhenAny(sends);
        await node.KillAsync();
        foreach (var request in addressRequests.Where(r => r.IsCompletedSuccessfully))
            handedOut.Add((await request)!.GetValue<string>());
        foreach (var task in sends.Concat(addressRequests))
            await Task.WhenAny(task);
        payer.Dispose();
        payee.Dispose();

        await node.StartAsync([.. WalletNodes.WalletArguments, "-wallet=payer", "-wallet=payee"]);
        using var payerAfter = new WalletClient(node, "payer");
        using var payeeAfter = new WalletClient(node, "payee");

        // Change outputs of the sends count as handed out too: the wallet's own change addresses must not repeat.
        var spentTo = (await payerAfter.CallAsync("listtransactions", "*", 1000, 0, true))!.AsArray()
            .Select(t => t!["address"]?.GetValue<string>()).OfType<string>();
        foreach (var address in spentTo)
            handedOut.Add(address);
        for (var i = 0; i < 20; i++)
        {
            Assert.DoesNotContain(await payerAfter.NewAddressAsync(), handedOut);
            Assert.DoesNotContain((await payerAfter.CallAsync("getrawchangeaddress"))!.GetValue<string>(), handedOut);
        }

        // The wallet resubmits what it recorded; one block later every recorded send is confirmed.
        await node.GenerateAsync(1);
        var sent = (await payerAfter.CallAsync("listtransactions", "*", 1000))!.AsArray()
            .Where(t => t!["category"]!.GetValue<string>() == "send").Select(t => t!.AsObject()).ToList();
        Assert.NotEmpty(sent);
        Assert.All(sent, t => Assert.Equal(1, t["confirmations"]!.GetValue<int>()));
        var fees = sent.GroupBy(t => t["txid"]!.GetValue<string>()).Sum(g => -g.First()["fee"]!.GetValue<decimal>());

        var payerBalances = await payerAfter.MineBalancesAsync();
        var payeeBalances = await payeeAfter.MineBalancesAsync();
        Assert.Equal(0m, payerBalances["untrusted_pending"]!.GetValue<decimal>());
        Assert.Equal(sent.Count * 1.5m, payeeBalances["trusted"]!.GetValue<decimal>());
        // Nothing vanished: what the payer holds, what the payee got and the fees add up to what was mined.
        Assert.Equal(minted, payerBalances["trusted"]!.GetValue<decimal>() + payerBalances["immature"]!.GetValue<decimal>()
                             + payeeBalances["trusted"]!.GetValue<decimal>() + fees);
        // The balance is the sum of the coins the wallet lists.
        var coins = (await payerAfter.CallAsync("listunspent"))!.AsArray().Sum(c => c!["amount"]!.GetValue<decimal>());
        Assert.Equal(payerBalances["trusted"]!.GetValue<decimal>(), coins);
    }

    [Theory]
    [MemberData(nameof(WalletNodes.Executables), MemberType = typeof(WalletNodes))]
    public async Task KillDuringRescanCatchesUpAfterRestart(string executable)
    {
        await using var node = await WalletNodes.StartAsync(executable);
        using var root = new WalletClient(node, null);
        using var reference = await CreateWatcherAsync(node, root);
        var addresses = new List<string>();
        using (var wallet = await node.CreateWalletAsync("w"))
        {
            for (var i = 0; i < 4; i++)
                addresses.Add(await wallet.NewAddressAsync());
            var descriptors = (await wallet.CallAsync("listdescriptors"))!["descriptors"]!.AsArray();
            var imports = new JsonArray([.. descriptors.Select(d => new JsonObject
            {
                ["desc"] = d!["desc"]!.GetValue<string>(), ["timestamp"] = "now", ["range"] = new JsonArray(0, 50),
            })]);
            var imported = (await reference.CallAsync("importdescriptors", imports))!.AsArray();
            Assert.All(imported, r => Assert.True(r!["success"]!.GetValue<bool>()));
        }

        // While "w" is unloaded, the chain grows by blocks that pay it; the watch-only copy follows along.
        await root.CallAsync("unloadwallet", "w");
        await node.MineToAsync(addresses[0], 150);
        using (var funder = await node.CreateFundedWalletAsync("funder"))
        {
            foreach (var address in addresses.Skip(1))
            {
                await funder.CallAsync("sendtoaddress", address, 2.5m);
                await node.GenerateAsync(1);
            }
        }

        var expected = await reference.MineBalancesAsync();
        Assert.True(expected["trusted"]!.GetValue<decimal>() > 0);

        await node.UtxoSetAsync();

        // Loading "w" rescans the blocks it missed; the node is killed once the rescan has started.
        var load = root.CallAsync("loadwallet", "w");
        await WalletNodes.WaitUntilAsync(() => Task.FromResult(load.IsCompleted || node.ReadDebugLog().Contains("[w] Rescan started", StringComparison.Ordinal)),
            "the rescan of w starts");
        await node.KillAsync();
        await Task.WhenAny(load);

        await node.StartAsync([.. WalletNodes.WalletArguments, "-wallet=w", "-wallet=watcher"]);
        using var restarted = new WalletClient(node, "w");
        var balances = await restarted.MineBalancesAsync();
        Assert.Equal(expected.ToJsonString(), balances.ToJsonString());
        using var watcher = new WalletClient(node, "watcher");
        Assert.Equal((await watcher.CallAsync("listunspent"))!.AsArray().Count, (await restarted.CallAsync("listunspent"))!.AsArray().Count);

        // Killed again in the middle of rescanblockchain: the wallet still agrees with the chain afterwards.
        var logBefore = node.ReadDebugLog().Length;
        var rescan = restarted.CallAsync("rescanblockchain", 0);
        await WalletNodes.WaitUntilAsync(
            () => Task.FromResult(rescan.IsCompleted || node.ReadDebugLog().IndexOf("[w] Rescan started", logBefore, StringComparison.Ordinal) >= 0),
            "rescanblockchain starts");
        await node.KillAsync();
        await Task.WhenAny(rescan);
        await node.StartAsync([.. WalletNodes.WalletArguments, "-wallet=w"]);
        using var again = new WalletClient(node, "w");
        Assert.Equal(expected.ToJsonString(), (await again.MineBalancesAsync()).ToJsonString());
    }

    private static async Task<WalletClient> CreateWatcherAsync(NodeProcess node, WalletClient root)
    {
        await root.CallNamedAsync("createwallet", new JsonObject { ["wallet_name"] = "watcher", ["disable_private_keys"] = true, ["blank"] = true });
        return new WalletClient(node, "watcher");
    }
}
