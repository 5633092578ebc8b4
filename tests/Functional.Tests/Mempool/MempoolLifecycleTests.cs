using Functional.Tests.Infrastructure;

namespace Functional.Tests.Mempool;

/// <summary>
/// What happens to transactions once accepted, through bin/bitcoind's RPC: eviction by fee rate when the mempool is
/// over -maxmempool with the rising minimum fee, expiry after -mempoolexpiry (with mock time), and re-adding on a
/// reorganisation.
/// </summary>
public sealed class MempoolLifecycleTests
{
    [Fact]
    public async Task FullMempoolEvictsLowestFeeRateAndRaisesTheMinimumFeeUntilItDecays()
    {
        await using var node = NodeProcess.Create();
        // 5 MB is the smallest -maxmempool Core allows with the default cluster size limit.
        await node.StartAsync("-maxmempool=5");
        await OpTrueWallet.MineAsync(node, 101);
        var coin = new Coin(await OpTrueWallet.CoinbaseTxidAsync(node, 1), 0, OpTrueWallet.Subsidy);
        var fanout = await OpTrueWallet.SendSpendAsync(node, [coin], Enumerable.Repeat(60_000_000L, 80).ToList());
        await OpTrueWallet.MineAsync(node, 1);
        var info = (await node.RpcAsync("getmempoolinfo"))!;
        Assert.Equal(5_000_000, info["maxmempool"]!.GetValue<long>());
        Assert.Equal(0.000001m, info["mempoolminfee"]!.GetValue<decimal>());

        // Large transactions (about 90 kvB each) with rising fee rates: 2, 3, 4, ... sat/vB.
        var sent = new List<(string Txid, int SatPerVb)>();
        for (int i = 0; i < fanout.Count; i++)
        {
            int rate = i + 2;
            var probe = OpTrueWallet.Spend([fanout[i]], [fanout[i].Amount - 1], padding: 90_000);
            // The witness (marker, flag and [OP_TRUE]: 5 bytes) counts a quarter.
            long vsize = probe.Hex.Length / 2 - 3;
            long fee = rate * vsize;
            var tx = OpTrueWallet.Spend([fanout[i]], [fanout[i].Amount - fee], padding: 90_000);
            sent.Add((await OpTrueWallet.SendAsync(node, tx.Hex), rate));
        }

        // The pool stays within its limit; what left it are the cheapest, and the minimum fee rose above them.
        info = (await node.RpcAsync("getmempoolinfo"))!;
        Assert.True(info["usage"]!.GetValue<long>() <= 5_000_000);
        var pool = await OpTrueWallet.MempoolAsync(node);
        Assert.InRange(pool.Count, 1, sent.Count - 1);
        var evicted = sent.Where(s => !pool.Contains(s.Txid)).ToList();
        Assert.Equal(sent.Take(evicted.Count), evicted);
        decimal minFee = info["mempoolminfee"]!.GetValue<decimal>();
        decimal highestEvicted = evicted[^1].SatPerVb * 1000m / 100_000_000m;
        Assert.True(minFee > highestEvicted, $"mempoolminfee {minFee} should exceed the evicted rate {highestEvicted}");
        Assert.Equal(0.000001m, info["minrelaytxfee"]!.GetValue<decimal>());

        // A transaction below the new minimum is refused as Core refuses it, and nothing changes.
        var extra = await OpTrueWallet.SendSpendAsync(node, [new Coin(await OpTrueWallet.CoinbaseTxidAsync(node, 2), 0, OpTrueWallet.Subsidy)],
            [OpTrueWallet.Subsidy - 1_000_000]);
        pool = await OpTrueWallet.MempoolAsync(node);
        var low = OpTrueWallet.Spend(extra, [extra[0].Amount - 200]);
        var error = await Assert.ThrowsAsync<RpcError>(() => OpTrueWallet.SendAsync(node, low.Hex));
        Assert.Equal(-26, error.Code);
        Assert.StartsWith("mempool min fee not met", error.RpcMessage, StringComparison.Ordinal);
        Assert.Equal(pool, await OpTrueWallet.MempoolAsync(node));

        // After a block, the minimum decays with time back to the relay minimum.
        await OpTrueWallet.MineAsync(node, 1);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await node.RpcAsync("setmocktime", now + 7 * 24 * 3600);
        info = (await node.RpcAsync("getmempoolinfo"))!;
        Assert.Equal(0.000001m, info["mempoolminfee"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task TransactionsExpireWithTheirDescendantsAfterMempoolexpiry()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync("-mempoolexpiry=2");
        await OpTrueWallet.MineAsync(node, 103);
        long entryTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await node.RpcAsync("setmocktime", entryTime);

        var parent = await OpTrueWallet.SendSpendAsync(node, [await CoinbaseAsync(node, 1)], [OpTrueWallet.Subsidy - 10_000]);
        await node.RpcAsync("prioritisetransaction", parent[0].Txid, 0, 100_000);
        Assert.Equal(entryTime, (await node.RpcAsync("getmempoolentry", parent[0].Txid))!["time"]!.GetValue<long>());

        // An hour later a child joins; another independent transaction too.
        await node.RpcAsync("setmocktime", entryTime + 3600);
        var child = await OpTrueWallet.SendSpendAsync(node, parent, [parent[0].Amount - 10_000]);
        var independent = await OpTrueWallet.SendSpendAsync(node, [await CoinbaseAsync(node, 2)], [OpTrueWallet.Subsidy - 10_000]);

        // Just before two hours nothing expires (expiry is checked when a transaction is accepted).
        await node.RpcAsync("setmocktime", entryTime + 2 * 3600 - 5);
        await OpTrueWallet.SendSpendAsync(node, [await CoinbaseAsync(node, 3)], [OpTrueWallet.Subsidy - 10_000]);
        Assert.Contains(parent[0].Txid, await OpTrueWallet.MempoolAsync(node));

        // Just after, the parent goes and takes its (younger) child with it; the prioritisation stays.
        await node.RpcAsync("setmocktime", entryTime + 2 * 3600 + 5);
        var trigger = await OpTrueWallet.SendSpendAsync(node, independent, [independent[0].Amount - 10_000]);
        var pool = await OpTrueWallet.MempoolAsync(node);
        Assert.DoesNotContain(parent[0].Txid, pool);
        Assert.DoesNotContain(child[0].Txid, pool);
        Assert.Contains(independent[0].Txid, pool);
        Assert.Contains(trigger[0].Txid, pool);
        var error = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("getmempoolentry", parent[0].Txid));
        Assert.Equal((-5, "Transaction not in mempool"), (error.Code, error.RpcMessage));
        var prioritised = (await node.RpcAsync("getprioritisedtransactions"))![parent[0].Txid]!;
        Assert.Equal(100_000, prioritised["fee_delta"]!.GetValue<long>());
        Assert.False(prioritised["in_mempool"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ReorganisationReAddsDisconnectedTransactionsAndDropsImmatureCoinbaseSpends()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();
        await OpTrueWallet.MineAsync(node, 101);

        // Block 102 confirms a spend of the oldest coinbase, block 103 a spend of block 3's coinbase (which only a
        // block at height 103 or later may spend); a child of the first waits in the mempool.
        var early = await OpTrueWallet.SendSpendAsync(node, [await CoinbaseAsync(node, 1)], [OpTrueWallet.Subsidy - 10_000]);
        await OpTrueWallet.MineAsync(node, 1);
        var justMature = await OpTrueWallet.SendSpendAsync(node, [await CoinbaseAsync(node, 3)], [OpTrueWallet.Subsidy - 10_000]);
        var block103 = (await OpTrueWallet.MineAsync(node, 1))[0];
        var block102 = (await node.RpcAsync("getblockhash", 102))!.GetValue<string>();
        var child = await OpTrueWallet.SendSpendAsync(node, early, [early[0].Amount - 10_000]);
        Assert.Equal([child[0].Txid], await OpTrueWallet.MempoolAsync(node));

        // Disconnecting block 103 brings its transaction back beside the child.
        await node.RpcAsync("invalidateblock", block103);
        Assert.Equal(new HashSet<string> { child[0].Txid, justMature[0].Txid }, await OpTrueWallet.MempoolAsync(node));

        // Disconnecting block 102 too: the first spend returns as the child's parent, while the spend of block 3's
        // coinbase would now be premature in the next block (height 102) and is dropped.
        await node.RpcAsync("invalidateblock", block102);
        var pool = await OpTrueWallet.MempoolAsync(node);
        Assert.Equal(new HashSet<string> { early[0].Txid, child[0].Txid }, pool);
        var childEntry = (await node.RpcAsync("getmempoolentry", child[0].Txid))!;
        Assert.Equal(early[0].Txid, Assert.Single(childEntry["depends"]!.AsArray())!.GetValue<string>());

        // Reconnecting removes what the blocks confirm again; the child stays unconfirmed.
        await node.RpcAsync("reconsiderblock", block102);
        Assert.Equal(block103, await node.BestBlockHashAsync());
        Assert.Equal([child[0].Txid], await OpTrueWallet.MempoolAsync(node));
    }

    private static async Task<Coin> CoinbaseAsync(NodeProcess node, int height) =>
        new(await OpTrueWallet.CoinbaseTxidAsync(node, height), 0, OpTrueWallet.Subsidy);
}
