using Functional.Tests.Infrastructure;

namespace Functional.Tests.Mempool;

/// <summary>mempool.dat across restarts of bin/bitcoind (Core's mempool_persist): shutdown, savemempool, -persistmempool=0.</summary>
public sealed class MempoolPersistenceTests
{
    [Fact]
    public async Task MempoolWithPrioritisationSurvivesRestartsUnlessPersistmempoolIsOff()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();
        await OpTrueWallet.MineAsync(node, 103);
        var parent = await OpTrueWallet.SendSpendAsync(node, [new Coin(await OpTrueWallet.CoinbaseTxidAsync(node, 1), 0, OpTrueWallet.Subsidy)],
            [OpTrueWallet.Subsidy - 10_000]);
        var child = await OpTrueWallet.SendSpendAsync(node, parent, [parent[0].Amount - 10_000]);
        var other = await OpTrueWallet.SendSpendAsync(node, [new Coin(await OpTrueWallet.CoinbaseTxidAsync(node, 2), 0, OpTrueWallet.Subsidy)],
            [OpTrueWallet.Subsidy - 10_000]);
        await node.RpcAsync("prioritisetransaction", child[0].Txid, 0, 50_000);
        // A delta for a transaction the node has never seen is kept too.
        string unknown = new('a', 64);
        await node.RpcAsync("prioritisetransaction", unknown, 0, 7);
        var expected = await OpTrueWallet.MempoolAsync(node);
        long parentTime = (await node.RpcAsync("getmempoolentry", parent[0].Txid))!["time"]!.GetValue<long>();

        // A clean shutdown writes mempool.dat; the next start loads it with entry times and fee deltas.
        Assert.Equal(0, await node.StopAsync());
        Assert.True(File.Exists(Path.Combine(node.NetDir, "mempool.dat")));
        await node.StartAsync();
        await WaitLoadedAsync(node);
        Assert.Equal(expected, await OpTrueWallet.MempoolAsync(node));
        var childEntry = (await node.RpcAsync("getmempoolentry", child[0].Txid))!;
        Assert.Equal(0.0006m, childEntry["fees"]!["modified"]!.GetValue<decimal>());
        Assert.Equal(parentTime, (await node.RpcAsync("getmempoolentry", parent[0].Txid))!["time"]!.GetValue<long>());
        var deltas = (await node.RpcAsync("getprioritisedtransactions"))!;
        Assert.Equal(7, deltas[unknown]!["fee_delta"]!.GetValue<long>());
        Assert.False(deltas[unknown]!["in_mempool"]!.GetValue<bool>());

        // -persistmempool=0 neither loads the file nor overwrites it at shutdown.
        Assert.Equal(0, await node.StopAsync());
        await node.StartAsync("-persistmempool=0");
        await WaitLoadedAsync(node);
        Assert.Empty(await OpTrueWallet.MempoolAsync(node));
        Assert.Equal(0, await node.StopAsync());
        await node.StartAsync();
        await WaitLoadedAsync(node);
        Assert.Equal(expected, await OpTrueWallet.MempoolAsync(node));

        // savemempool writes the file on demand: what came after it is gone when the node is killed (no dump at
        // shutdown), what came before is back.
        var late = await OpTrueWallet.SendSpendAsync(node, other, [other[0].Amount - 10_000]);
        var saved = (await node.RpcAsync("savemempool"))!;
        Assert.Equal(Path.Combine(node.NetDir, "mempool.dat"), saved["filename"]!.GetValue<string>());
        var unsaved = await OpTrueWallet.SendSpendAsync(node, late, [late[0].Amount - 10_000]);
        await node.KillAsync();
        await node.StartAsync();
        await WaitLoadedAsync(node);
        expected.Add(late[0].Txid);
        Assert.Equal(expected, await OpTrueWallet.MempoolAsync(node));
        Assert.DoesNotContain(unsaved[0].Txid, await OpTrueWallet.MempoolAsync(node));

        // A file that cannot be written is Core's error, and the node carries on.
        var tmp = Path.Combine(node.NetDir, "mempool.dat.new");
        Directory.CreateDirectory(tmp);
        var error = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("savemempool"));
        Assert.Equal((-1, "Unable to dump mempool to disk"), (error.Code, error.RpcMessage));
        Directory.Delete(tmp);
        Assert.Equal(expected, await OpTrueWallet.MempoolAsync(node));
    }

    private static async Task WaitLoadedAsync(NodeProcess node)
    {
        for (int i = 0; i < 600; i++)
        {
            if ((await node.RpcAsync("getmempoolinfo"))!["loaded"]!.GetValue<bool>()) return;
            await Task.Delay(50);
        }

        throw new TimeoutException("the mempool did not load");
    }
}
