using System.Text.Json.Nodes;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Mempool;

/// <summary>estimatesmartfee and estimaterawfee of bin/bitcoind learning from confirmed mempool transactions, and fee_estimates.dat across a restart.</summary>
public sealed class FeeEstimationTests
{
    [Fact]
    public async Task EstimatesLearnedFromConfirmationsSurviveARestart()
    {
        await using var node = NodeProcess.Create();
        await node.StartAsync();
        await OpTrueWallet.MineAsync(node, 101);
        var noData = (await node.RpcAsync("estimatesmartfee", 2))!;
        Assert.Equal("Insufficient data or no feerate found", noData["errors"]![0]!.GetValue<string>());
        Assert.Null(noData["feerate"]);

        // Fifteen blocks, each confirming eight transactions that paid 25 sat/vB (2,400 sat for 96 vB).
        var coin = new Coin(await OpTrueWallet.CoinbaseTxidAsync(node, 1), 0, OpTrueWallet.Subsidy);
        var coins = await OpTrueWallet.SendSpendAsync(node, [coin], Enumerable.Repeat(100_000_000L, 8).ToList());
        await OpTrueWallet.MineAsync(node, 1);
        for (int round = 0; round < 15; round++)
        {
            var next = new List<Coin>();
            foreach (var c in coins)
                next.AddRange(await OpTrueWallet.SendSpendAsync(node, [c], [c.Amount - 2_400]));
            await OpTrueWallet.MineAsync(node, 1);
            coins = next;
        }

        // The block policy estimator learned the bucket holding 25 sat/vB (Core's buckets grow by 5%).
        var blockPolicy = new JsonObject { ["fee_rate_estimator"] = "block_policy" };
        var smart = (await node.RpcAsync("estimatesmartfee", 2, "economical", blockPolicy))!;
        Assert.Null(smart["errors"]);
        decimal feerate = smart["feerate"]!.GetValue<decimal>();
        Assert.InRange(feerate, 0.00023m, 0.00027m);
        Assert.Equal(2, smart["blocks"]!.GetValue<int>());
        // By default Core takes the lower of it and the mempool estimator's, which, with the mempool empty and
        // recent blocks healthy, is the relay floor.
        var chosen = (await node.RpcAsync("estimatesmartfee", 2))!;
        Assert.Equal("mempool_policy", chosen["estimator"]!.GetValue<string>());
        Assert.Equal(0.000001m, chosen["feerate"]!.GetValue<decimal>());
        var raw = (await node.RpcAsync("estimaterawfee", 2))!;
        Assert.NotNull(raw["short"]!["feerate"]);

        // A clean shutdown writes fees/block_policy_estimates.dat (Core's fee_estimates.dat, moved there by Core
        // in 2025); the restarted node answers the same without new blocks.
        Assert.Equal(0, await node.StopAsync());
        Assert.True(File.Exists(Path.Combine(node.NetDir, "fees", "block_policy_estimates.dat")));
        await node.StartAsync();
        var after = (await node.RpcAsync("estimatesmartfee", 2, "economical", blockPolicy))!;
        Assert.Equal(feerate, after["feerate"]!.GetValue<decimal>());
        Assert.Equal(raw.ToJsonString(), (await node.RpcAsync("estimaterawfee", 2))!.ToJsonString());

        // Bad arguments are Core's errors.
        var error = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("estimatesmartfee", 0));
        Assert.Equal((-8, "Invalid conf_target, must be between 1 and 1008"), (error.Code, error.RpcMessage));
        error = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("estimatesmartfee", 2, "cheap"));
        Assert.Equal((-8, "Invalid estimate_mode parameter, must be one of: \"unset\", \"economical\", \"conservative\""), (error.Code, error.RpcMessage));
        error = await Assert.ThrowsAsync<RpcError>(() => node.RpcAsync("estimaterawfee", 2, 1.5));
        Assert.Equal((-8, "Invalid threshold"), (error.Code, error.RpcMessage));
    }
}
