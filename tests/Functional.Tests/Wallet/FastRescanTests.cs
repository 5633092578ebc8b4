using System.Text.RegularExpressions;

namespace Functional.Tests.Wallet;

/// <summary>
/// With -blockfilterindex a rescan reads only the blocks whose filter matches the wallet's scripts (Core's fast rescan),
/// in bitcoind and across the process boundary of bitcoin-node's wallet process, and finds what a full scan finds.
/// </summary>
public sealed class FastRescanTests
{
    // Core's functional tests' deterministic key of node 0: an address of no wallet here.
    private const string Elsewhere = "mjTkW3DjgyZck4KbiRusZsqTgaYTxdSz6z";

    [Theory]
    [MemberData(nameof(WalletNodes.Executables), MemberType = typeof(WalletNodes))]
    public async Task RescanWithBlockFiltersInspectsOnlyTheBlocksThatPayTheWallet(string executable)
    {
        await using var node = await WalletNodes.StartAsync(executable, "-blockfilterindex=1", "-debug=scan");
        using var wallet = await node.CreateWalletAsync("payee");
        var paid = await node.MineToAsync(await wallet.NewAddressAsync(), 2);
        await node.MineToAsync(Elsewhere, 3);
        await WalletNodes.WaitUntilAsync(async () =>
            (await node.RpcAsync("getindexinfo"))!["basic block filter index"]!["synced"]!.GetValue<bool>(), "filter index synced");
        var before = (await wallet.CallAsync("listtransactions", "*", 100))!.ToJsonString();

        await wallet.CallAsync("rescanblockchain");

        var log = node.ReadDebugLog();
        Assert.Contains("(fast variant using block filters)", log, StringComparison.Ordinal);
        var inspected = Regex.Matches(log, @"Fast rescan: inspect block (\d+) \[([0-9a-f]{64})\] \(filter matched\)")
            .Select(m => m.Groups[2].Value).ToList();
        Assert.Equal(paid, inspected);
        Assert.Equal(before, (await wallet.CallAsync("listtransactions", "*", 100))!.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(WalletNodes.Executables), MemberType = typeof(WalletNodes))]
    public async Task WithoutTheIndexEveryBlockIsRead(string executable)
    {
        await using var node = await WalletNodes.StartAsync(executable);
        using var wallet = await node.CreateWalletAsync("payee");
        await node.MineToAsync(await wallet.NewAddressAsync(), 1);

        await wallet.CallAsync("rescanblockchain");

        Assert.Contains("(slow variant inspecting all blocks)", node.ReadDebugLog(), StringComparison.Ordinal);
    }
}
