using Functional.Tests.Infrastructure;

namespace Functional.Tests;

/// <summary>-prune is passed to the chainstate: pruned nodes say so, and a pruned data directory cannot run unpruned.</summary>
public sealed class PruneTests
{
    [Fact]
    public async Task ManuallyPrunedNodeRefusesToRestartUnpruned()
    {
        await using var node = NodeProcess.Create();
        // Small block files (-fastprune) so that a short chain spans several files that can be pruned.
        await node.StartAsync("-prune=1", "-fastprune");
        var info = (await node.RpcAsync("getblockchaininfo"))!;
        Assert.True(info["pruned"]!.GetValue<bool>());
        Assert.False(info["automatic_pruning"]!.GetValue<bool>());

        // A -fastprune file (64 KiB) holds about 250 of these small blocks, and the last 288 blocks are always kept:
        // with 600 blocks, pruning up to 300 deletes at least the first file.
        await node.GenerateAsync(600);
        var pruned = (await node.RpcAsync("pruneblockchain", 300))!.GetValue<int>();
        Assert.InRange(pruned, 1, 300);
        Assert.Equal(pruned, (await node.RpcAsync("getblockchaininfo"))!["pruneheight"]!.GetValue<int>() - 1);
        var hash = (await node.RpcAsync("getblockhash", 1))!.GetValue<string>();
        var error = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("getblock", hash));
        Assert.Equal((-1, "Block not available (pruned data)"), (error.Code, error.RpcMessage));
        Assert.Equal(0, await node.StopAsync());

        var result = await NodeProcess.RunToExitAsync([.. node.BaseArguments, "-fastprune"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("You need to rebuild the database using -reindex to go back to unpruned mode.", result.Stderr, StringComparison.Ordinal);

        await node.StartAsync("-prune=1", "-fastprune");
        Assert.Equal(600, await node.BlockCountAsync());
        Assert.Equal(0, await node.StopAsync());
    }

    [Fact]
    public async Task PruneIsRefusedWithTxIndexAndReindexChainstate()
    {
        await using var node = NodeProcess.Create();
        var txindex = await NodeProcess.RunToExitAsync([.. node.BaseArguments, "-prune=550", "-txindex"]);
        Assert.Equal(1, txindex.ExitCode);
        Assert.Equal("Error: Prune mode is incompatible with -txindex.\n", txindex.Stderr);

        var reindex = await NodeProcess.RunToExitAsync([.. node.BaseArguments, "-prune=550", "-reindex-chainstate"]);
        Assert.Equal(1, reindex.ExitCode);
        Assert.Equal("Error: Prune mode is incompatible with -reindex-chainstate. Use full -reindex instead.\n", reindex.Stderr);
    }
}
