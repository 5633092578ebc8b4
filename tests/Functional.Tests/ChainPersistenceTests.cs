using Functional.Tests.Infrastructure;

namespace Functional.Tests;

/// <summary>The chain survives restarts, crashes and rebuilds (-reindex, -reindex-chainstate) unchanged.</summary>
public sealed class ChainPersistenceTests
{
    [Fact]
    public async Task RestartKeepsTheChainAndTheUtxoSet()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();
        var hashes = await node.GenerateAsync(25);
        var utxo = await node.UtxoSetAsync();
        Assert.Equal(0, await node.StopAsync());

        await node.StartAsync();

        Assert.Equal(25, await node.BlockCountAsync());
        Assert.Equal(hashes[^1], await node.BestBlockHashAsync());
        Assert.Equal(utxo, await node.UtxoSetAsync());
        Assert.Equal(0, await node.StopAsync());
    }

    [Fact]
    public async Task KillDuringMiningLosesNothingThatWasFlushed()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();
        var flushed = await node.GenerateAsync(30);
        await node.UtxoSetAsync(); // gettxoutsetinfo writes the chainstate to disk

        // Keep mining one block at a time and kill the node in the middle of it.
        using var stopMining = new CancellationTokenSource();
        var mining = Task.Run(async () =>
        {
            while (!stopMining.IsCancellationRequested)
                await node.GenerateAsync(1);
        });
        while (await node.BlockCountAsync() < 40)
            await Task.Delay(20);
        await node.KillAsync();
        await stopMining.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => mining);

        await node.StartAsync();

        var height = await node.BlockCountAsync();
        Assert.InRange(height, 30, int.MaxValue);
        for (var h = 1; h <= 30; h++)
            Assert.Equal(flushed[h - 1], (await node.RpcAsync("getblockhash", h))!.GetValue<string>());
        Assert.True(await node.VerifyChainAsync(4, 0));
        // The recovered chain is usable: it extends and stays consistent.
        await node.GenerateAsync(3);
        Assert.Equal(height + 3, await node.BlockCountAsync());
        Assert.True(await node.VerifyChainAsync(4, 0));
        Assert.Equal(0, await node.StopAsync());
    }

    [Fact]
    public async Task ReindexAndReindexChainstateRebuildTheSameChain()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();
        await node.GenerateAsync(120);
        var best = await node.BestBlockHashAsync();
        var utxo = await node.UtxoSetAsync();
        Assert.Equal(0, await node.StopAsync());

        foreach (var option in new[] { "-reindex", "-reindex-chainstate" })
        {
            await node.StartAsync(option);
            await node.WaitForBestBlockAsync(best);
            Assert.Equal(utxo, await node.UtxoSetAsync());
            Assert.Equal(0, await node.StopAsync());
            Assert.Contains(option == "-reindex" ? "Reindexing finished" : "UpdateTip: new best=" + best, node.ReadDebugLog(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MempoolIsSavedAtShutdownAndReloadedUnlessPersistMempoolIsOff()
    {
        await using var node = NodeProcess.Create();
        var mempoolFile = Path.Combine(node.NetDir, "mempool.dat");
        await node.StartAsync("-persistmempool=0");
        Assert.Equal(0, await node.StopAsync());
        Assert.False(File.Exists(mempoolFile));

        await node.StartAsync();
        Assert.Equal(0, await node.StopAsync());
        Assert.True(File.Exists(mempoolFile));

        await node.StartAsync();
        Assert.Equal(0, await node.StopAsync());
        Assert.Contains("Imported mempool transactions from file: 0 succeeded", node.ReadDebugLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateTipLinesAreLoggedAsCoreLogsThem()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();
        var hashes = await node.GenerateAsync(2);
        Assert.Equal(0, await node.StopAsync());

        var log = node.ReadDebugLog();
        Assert.Matches($@"UpdateTip: new best={hashes[1]} height=2 version=0x[0-9a-f]{{8}} log2_work=[0-9.]+ tx=3 date='\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ' progress=[0-9.]+ cache=", log);
    }
}
