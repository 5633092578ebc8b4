using Functional.Tests.Infrastructure;

namespace Functional.Tests.Mempool;

/// <summary>Replace-by-fee through sendrawtransaction against bin/bitcoind (Core's feature_rbf rules).</summary>
public sealed class ReplacementTests
{
    [Fact]
    public async Task ReplacementEvictsTheOriginalWithItsDescendantsAndUnderpayingOnesChangeNothing()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();
        await OpTrueWallet.MineAsync(node, 101);
        var coin = new Coin(await OpTrueWallet.CoinbaseTxidAsync(node, 1), 0, OpTrueWallet.Subsidy);

        // A chain of three: parent -> child -> grandchild, 10,000 sat fee each.
        var parent = await OpTrueWallet.SendSpendAsync(node, [coin], [coin.Amount - 10_000]);
        var child = await OpTrueWallet.SendSpendAsync(node, parent, [parent[0].Amount - 10_000]);
        var grandchild = await OpTrueWallet.SendSpendAsync(node, child, [child[0].Amount - 10_000]);
        Assert.Equal(3, (await OpTrueWallet.MempoolAsync(node)).Count);
        var entry = (await node.RpcAsync("getmempoolentry", grandchild[0].Txid))!;
        Assert.Equal(2, entry["depends"]!.AsArray().Count + 1);
        Assert.Equal(3, entry["ancestorcount"]!.GetValue<int>());

        // A conflicting spend that pays less than the three it would evict is refused, and nothing changes.
        var cheap = OpTrueWallet.Spend([coin], [coin.Amount - 20_000]);
        var error = await Assert.ThrowsAsync<RpcError>(() => OpTrueWallet.SendAsync(node, cheap.Hex));
        Assert.Equal(-26, error.Code);
        Assert.StartsWith("insufficient fee, rejecting replacement", error.RpcMessage, StringComparison.Ordinal);
        Assert.Equal(3, (await OpTrueWallet.MempoolAsync(node)).Count);

        // Paying the evicted fees plus the incremental relay fee for its own size replaces all three.
        var replacement = await OpTrueWallet.SendSpendAsync(node, [coin], [coin.Amount - 40_000]);
        var pool = await OpTrueWallet.MempoolAsync(node);
        Assert.Equal([replacement[0].Txid], pool);

        // Each round must pay more again: the same fee is "insufficient fee", a higher one replaces the replacement.
        var same = OpTrueWallet.Spend([coin], [coin.Amount - 40_000 - 1]);
        error = await Assert.ThrowsAsync<RpcError>(() => OpTrueWallet.SendAsync(node, same.Hex));
        Assert.StartsWith("insufficient fee", error.RpcMessage, StringComparison.Ordinal);
        var second = await OpTrueWallet.SendSpendAsync(node, [coin], [coin.Amount - 50_000]);
        Assert.Equal([second[0].Txid], await OpTrueWallet.MempoolAsync(node));

        // Spending an output of the transaction being replaced is not a replacement.
        var spendsConflict = OpTrueWallet.Spend([coin, second[0]], [coin.Amount]);
        error = await Assert.ThrowsAsync<RpcError>(() => OpTrueWallet.SendAsync(node, spendsConflict.Hex));
        Assert.StartsWith("bad-txns-spends-conflicting-tx", error.RpcMessage, StringComparison.Ordinal);

        // The mempool's view agrees with a block: mining confirms exactly the last replacement.
        await OpTrueWallet.MineAsync(node, 1);
        Assert.Empty(await OpTrueWallet.MempoolAsync(node));
        var confirmed = (await node.RpcAsync("getrawtransaction", second[0].Txid, true, await node.BestBlockHashAsync()))!;
        Assert.Equal(second[0].Txid, confirmed["txid"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReplacementOfManyClustersIsLimitedAndTestmempoolacceptReportsWithoutChanging()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();
        await OpTrueWallet.MineAsync(node, 101);
        var coin = new Coin(await OpTrueWallet.CoinbaseTxidAsync(node, 1), 0, OpTrueWallet.Subsidy);

        // A fan-out confirmed in a block, then 101 unconfirmed spends of its outputs: one input each.
        var outputs = Enumerable.Repeat((coin.Amount - 1_000_000) / 101, 101).ToList();
        var fanout = await OpTrueWallet.SendSpendAsync(node, [coin], outputs);
        await OpTrueWallet.MineAsync(node, 1);
        var spends = new List<Coin>();
        foreach (var output in fanout)
            spends.AddRange(await OpTrueWallet.SendSpendAsync(node, [output], [output.Amount - 1_000]));
        Assert.Equal(101, (await OpTrueWallet.MempoolAsync(node)).Count);

        // One transaction conflicting with all 101 (each its own cluster) exceeds Core's limit of 100.
        var all = OpTrueWallet.Spend(fanout, [fanout.Sum(c => c.Amount) - 10_000_000]);
        var result = (await node.RpcAsync("testmempoolaccept", new System.Text.Json.Nodes.JsonArray(all.Hex), 0))![0]!;
        Assert.False(result["allowed"]!.GetValue<bool>());
        Assert.StartsWith("too many potential replacements", result["reject-reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<RpcError>(() => OpTrueWallet.SendAsync(node, all.Hex));
        Assert.StartsWith("too many potential replacements", error.RpcMessage, StringComparison.Ordinal);

        // One fewer conflict is allowed; testmempoolaccept says so without touching the mempool.
        var hundred = OpTrueWallet.Spend(fanout.Take(100).ToList(), [fanout.Take(100).Sum(c => c.Amount) - 10_000_000]);
        result = (await node.RpcAsync("testmempoolaccept", new System.Text.Json.Nodes.JsonArray(hundred.Hex), 0))![0]!;
        Assert.True(result["allowed"]!.GetValue<bool>());
        Assert.Equal(101, (await OpTrueWallet.MempoolAsync(node)).Count);
        await OpTrueWallet.SendAsync(node, hundred.Hex);
        Assert.Equal(2, (await OpTrueWallet.MempoolAsync(node)).Count);
    }
}
