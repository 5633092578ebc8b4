using Functional.Tests.Infrastructure;

namespace Functional.Tests;

/// <summary>-txindex is built and kept across restarts; -loadblock imports another node's block file.</summary>
public sealed class IndexAndImportTests
{
    [Fact]
    public async Task TxIndexFindsConfirmedTransactionsWithoutABlockHashAfterARestart()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync("-txindex");
        var hashes = await node.GenerateAsync(5);
        var block = (await node.RpcAsync("getblock", hashes[2], 1))!;
        var txid = block["tx"]![0]!.GetValue<string>();
        Assert.Equal(0, await node.StopAsync());

        await node.StartAsync("-txindex");
        // The index catches up in the background after start-up.
        string? found = null;
        for (var i = 0; i < 600 && found is null; i++)
        {
            try
            {
                found = (await node.RpcAsync("getrawtransaction", txid, true))!["blockhash"]!.GetValue<string>();
            }
            catch (RpcError e) when (e.Code == -5)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(hashes[2], found);
        Assert.Equal(0, await node.StopAsync());
    }

    [Fact]
    public async Task LoadBlockImportsAnotherNodesBlockFile()
    {
        await using var source = NodeProcess.Create();
        // An unobfuscated block directory, so that its blk file can be read by another node.
        await source.StartAsync("-blocksxor=0");
        var hashes = await source.GenerateAsync(12);
        Assert.Equal(0, await source.StopAsync());

        await using var node = NodeProcess.Create();
        var blockFile = Path.Combine(source.NetDir, "blocks", "blk00000.dat");
        await node.StartAsync($"-loadblock={blockFile}");

        await node.WaitForBestBlockAsync(hashes[^1]);
        Assert.Contains($"Importing blocks file {blockFile}...", node.ReadDebugLog(), StringComparison.Ordinal);
        Assert.Equal(0, await node.StopAsync());
    }
}
