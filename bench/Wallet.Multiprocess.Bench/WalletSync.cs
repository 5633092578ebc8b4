using System.Diagnostics;
using System.Text.Json.Nodes;
using Node.Bench;

namespace Wallet.Multiprocess.Bench;

/// <summary>
/// One run of one configuration on a fresh data directory: start the node with a watch-only wallet that owns the
/// benchmark chain's addresses, submit every block (the wallet follows through blockConnected notifications), wait
/// until the wallet has processed the tip; then replace the wallet with a fresh one and time rescanblockchain.
/// </summary>
/// <remarks>With <c>-disablewallet</c> among the arguments only the submission is timed: the node's share of the work.</remarks>
internal sealed class WalletSync(BenchmarkChain chain, string executable, string label, bool countIpcCalls, IReadOnlyList<string> extraArguments)
{
    /// <summary>The configuration's name in the results.</summary>
    public string Label => label;

    public async Task<SyncResult> RunAsync()
    {
        var dataDir = Directory.CreateTempSubdirectory("wallet-mp-bench-").FullName;
        try
        {
            using var node = BenchNode.Start(executable, dataDir, [.. extraArguments]);
            await node.WaitForRpcAsync().ConfigureAwait(false);
            var log = Path.Combine(node.NetDir, "debug.log");
            var withWallet = !extraArguments.Contains("-disablewallet");
            if (withWallet)
                await CreateWatchWalletAsync(node, "connect").ConfigureAwait(false);

            var connectStart = LogLength(log);
            var timer = Stopwatch.StartNew();
            foreach (var block in chain.BlocksHex)
            {
                var result = await node.CallAsync("submitblock", block).ConfigureAwait(false);
                if (result is not null)
                    throw new InvalidOperationException($"submitblock: {result}");
            }

            var submitSeconds = timer.Elapsed.TotalSeconds;
            if (!withWallet)
            {
                var rss = ProcessMemory.RssMiB(ProcessMemory.FindByDataDir(dataDir));
                await node.CallAsync("stop").ConfigureAwait(false);
                await node.WaitForExitAsync().ConfigureAwait(false);
                return new SyncResult(label, submitSeconds, submitSeconds, double.NaN, rss, 0, null, null);
            }

            await WaitForWalletTipAsync(node, chain.BlocksHex.Count).ConfigureAwait(false);
            var connectSeconds = timer.Elapsed.TotalSeconds;
            var connectEnd = LogLength(log);
            var connectCalls = countIpcCalls ? IpcCallCounts.Read(log, connectStart, connectEnd) : null;
            var connectTimes = countIpcCalls ? IpcCallTimes.Read(log, connectStart, connectEnd) : null;
            await CheckOwnsChainAsync(node).ConfigureAwait(false);

            var nodePid = ProcessMemory.FindByDataDir(dataDir);
            var nodeRss = ProcessMemory.RssMiB(nodePid);
            var walletRss = ProcessMemory.Children(nodePid).Sum(ProcessMemory.RssMiB);

            await node.CallAsync("unloadwallet", "connect").ConfigureAwait(false);
            await CreateWatchWalletAsync(node, "rescan").ConfigureAwait(false);
            var rescanStart = LogLength(log);
            timer.Restart();
            await node.CallAsync("rescanblockchain").ConfigureAwait(false);
            var rescanSeconds = timer.Elapsed.TotalSeconds;
            var rescanEnd = LogLength(log);
            var rescanCalls = countIpcCalls ? IpcCallCounts.Read(log, rescanStart, rescanEnd) : null;
            var rescanTimes = countIpcCalls ? IpcCallTimes.Read(log, rescanStart, rescanEnd) : null;
            await CheckOwnsChainAsync(node).ConfigureAwait(false);

            await node.CallAsync("stop").ConfigureAwait(false);
            await node.WaitForExitAsync().ConfigureAwait(false);
            return new SyncResult(label, submitSeconds, connectSeconds, rescanSeconds, nodeRss, walletRss, connectCalls, rescanCalls, connectTimes, rescanTimes);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    // A blank wallet without private keys that watches the two addresses every transaction of the chain pays.
    private async Task CreateWatchWalletAsync(BenchNode node, string name)
    {
        await node.CallAsync("createwallet", name, true, true, "", false, true, false).ConfigureAwait(false);
        var requests = new JsonArray();
        foreach (var address in new[] { chain.WitnessV0Address, chain.TaprootAddress })
        {
            var info = await node.CallAsync("getdescriptorinfo", $"addr({address})").ConfigureAwait(false);
            requests.Add(new JsonObject { ["desc"] = info!["descriptor"]!.GetValue<string>(), ["timestamp"] = "now" });
        }

        var results = (await node.CallAsync("importdescriptors", requests).ConfigureAwait(false))!.AsArray();
        if (results.Any(r => r!["success"]!.GetValue<bool>() is false))
            throw new InvalidOperationException($"importdescriptors: {results.ToJsonString()}");
    }

    private static async Task WaitForWalletTipAsync(BenchNode node, int height)
    {
        while (true)
        {
            var info = await node.CallAsync("getwalletinfo").ConfigureAwait(false);
            if (info!["lastprocessedblock"]!["height"]!.GetValue<int>() >= height)
                return;
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    // The figures mean something only if the wallet found its transactions: every block pays it.
    private async Task CheckOwnsChainAsync(BenchNode node)
    {
        var info = await node.CallAsync("getwalletinfo").ConfigureAwait(false);
        var count = info!["txcount"]!.GetValue<int>();
        if (count < chain.BlocksHex.Count)
            throw new InvalidOperationException($"The wallet holds {count} transactions, fewer than the {chain.BlocksHex.Count} blocks that pay it");
    }

    private static long LogLength(string log) => new FileInfo(log).Length;
}
