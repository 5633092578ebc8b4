using System.Text.Json.Nodes;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Mempool;

/// <summary>
/// getblocktemplate and the generate commands built from the mempool of bin/bitcoind: chunk order (a child paying for
/// its parent), fees and the coinbase value, prioritisation, -blockmintxfee and -blockmaxweight.
/// </summary>
public sealed class BlockTemplateTests
{
    private static readonly JsonObject SegwitRules = new() { ["rules"] = new JsonArray("segwit") };

    [Fact]
    public async Task TemplateTakesChildPayingForParentFirstAndPaysTheFeesToTheCoinbase()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync("-blockmintxfee=0.00005");
        await OpTrueWallet.MineAsync(node, 103);

        // A parent paying 1 sat/vB, its child paying enough for both; an independent one at 20 sat/vB; one at 2 sat/vB,
        // below -blockmintxfee (5 sat/vB).
        var parent = await OpTrueWallet.SendSpendAsync(node, [await CoinbaseAsync(node, 1)], [OpTrueWallet.Subsidy - 120]);
        var child = await OpTrueWallet.SendSpendAsync(node, parent, [parent[0].Amount - 10_000]);
        var middle = await OpTrueWallet.SendSpendAsync(node, [await CoinbaseAsync(node, 2)], [OpTrueWallet.Subsidy - 2_400]);
        var cheap = await OpTrueWallet.SendSpendAsync(node, [await CoinbaseAsync(node, 3)], [OpTrueWallet.Subsidy - 240]);
        Assert.Equal(4, (await OpTrueWallet.MempoolAsync(node)).Count);

        var template = (await node.RpcAsync("getblocktemplate", SegwitRules))!;
        var txs = template["transactions"]!.AsArray();
        Assert.Equal([parent[0].Txid, child[0].Txid, middle[0].Txid], txs.Select(t => t!["txid"]!.GetValue<string>()));
        Assert.Equal([120L, 10_000L, 2_400L], txs.Select(t => t!["fee"]!.GetValue<long>()));
        // "depends" counts from 1 over the template's transactions.
        Assert.Equal([1], txs[1]!["depends"]!.AsArray().Select(d => d!.GetValue<int>()));
        Assert.Empty(txs[0]!["depends"]!.AsArray());
        Assert.Equal(OpTrueWallet.Subsidy + 120 + 10_000 + 2_400, template["coinbasevalue"]!.GetValue<long>());
        Assert.Equal(104, template["height"]!.GetValue<int>());

        // Prioritising the cheap one lifts it into the template; the fee shown stays the one it pays. (As Core,
        // the node reuses a template for five seconds while only the mempool changed: the clock moves on.)
        await node.RpcAsync("prioritisetransaction", cheap[0].Txid, 0, 100_000);
        await node.RpcAsync("setmocktime", DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 10);
        template = (await node.RpcAsync("getblocktemplate", SegwitRules))!;
        txs = template["transactions"]!.AsArray();
        Assert.Equal(cheap[0].Txid, txs[0]!["txid"]!.GetValue<string>());
        Assert.Equal(240, txs[0]!["fee"]!.GetValue<long>());
        Assert.Equal(OpTrueWallet.Subsidy + 120 + 10_000 + 2_400 + 240, template["coinbasevalue"]!.GetValue<long>());

        // Mining takes the same transactions and pays the same to the coinbase.
        var hash = (await OpTrueWallet.MineAsync(node, 1))[0];
        var block = (await node.RpcAsync("getblock", hash, 2))!;
        var mined = block["tx"]!.AsArray();
        Assert.Equal(5, mined.Count);
        Assert.Equal((OpTrueWallet.Subsidy + 12_760) / 100_000_000m, mined[0]!["vout"]![0]!["value"]!.GetValue<decimal>());
        Assert.Empty(await OpTrueWallet.MempoolAsync(node));
    }

    [Fact]
    public async Task BlockmaxweightLimitsTheTemplateAndTheMinedBlock()
    {
        await using var node = NodeProcess.Create();
        // 4,000 weight units beside the 8,000 reserved for the header and coinbase: about nine small spends.
        await node.StartAsync("-blockmaxweight=12000");
        await OpTrueWallet.MineAsync(node, 101);
        var coin = new Coin(await OpTrueWallet.CoinbaseTxidAsync(node, 1), 0, OpTrueWallet.Subsidy);
        var fanout = await OpTrueWallet.SendSpendAsync(node, [coin], Enumerable.Repeat(100_000_000L, 20).ToList());
        await OpTrueWallet.MineAsync(node, 1);
        Assert.Empty(await OpTrueWallet.MempoolAsync(node));
        for (int i = 0; i < fanout.Count; i++)
            await OpTrueWallet.SendSpendAsync(node, [fanout[i]], [fanout[i].Amount - 1_000 * (i + 1)]);

        var template = (await node.RpcAsync("getblocktemplate", SegwitRules))!;
        var txs = template["transactions"]!.AsArray();
        long weight = txs.Sum(t => t!["weight"]!.GetValue<long>());
        Assert.InRange(txs.Count, 1, 19);
        Assert.True(weight < 4_000, $"template weight {weight}");
        // Core reports the consensus limit here, whatever -blockmaxweight says.
        Assert.Equal(4_000_000, template["weightlimit"]!.GetValue<long>());
        // The best-paying ones go in: fees fall along the template and nothing left out pays more.
        var fees = txs.Select(t => t!["fee"]!.GetValue<long>()).ToList();
        Assert.Equal(fees.OrderDescending(), fees);
        Assert.Equal(20_000, fees[0]);

        var hash = (await OpTrueWallet.MineAsync(node, 1))[0];
        var block = (await node.RpcAsync("getblock", hash, 1))!;
        Assert.True(block["weight"]!.GetValue<long>() <= 12_000);
        Assert.Equal(txs.Count + 1, block["tx"]!.AsArray().Count);
        Assert.Equal(20 - txs.Count, (await OpTrueWallet.MempoolAsync(node)).Count);
    }

    private static async Task<Coin> CoinbaseAsync(NodeProcess node, int height) =>
        new(await OpTrueWallet.CoinbaseTxidAsync(node, height), 0, OpTrueWallet.Subsidy);
}
