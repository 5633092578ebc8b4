using System.Diagnostics;
using System.Text.Json.Nodes;
using Functional.Tests.Infrastructure;

namespace Functional.Tests.Net;

/// <summary>
/// Interoperation with a real Bitcoin Core node on regtest over loopback: Core syncs blocks from ours, ours from
/// Core, and transactions relay both ways. CI has no Core executable, so this is in the CoreOracle category that
/// <c>.ci/run</c> leaves out; run it with <c>BITCOIN_CORE_BITCOIND=&lt;bitcoind&gt; dotnet test --filter Category=CoreOracle</c>.
/// Selected without that variable it fails rather than skips.
/// </summary>
[Trait("Category", "CoreOracle")]
public sealed class CoreInteropTests
{
    private const string Variable = "BITCOIN_CORE_BITCOIND";

    private static string CoreBitcoind()
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        Assert.True(!string.IsNullOrEmpty(path) && File.Exists(path), $"Needs Bitcoin Core: set {Variable} to a bitcoind executable.");
        return path!;
    }

    [Fact]
    public async Task CoreAndOurNodeSyncAndRelayBothWays()
    {
        var bitcoind = CoreBitcoind();
        await using var ours = NodeProcess.Create();
        await using var core = CoreNode.Create(bitcoind);
        await Task.WhenAll(ours.StartAsync(), core.StartAsync());

        // Core syncs 120 blocks from our node (headers first, then blocks).
        var ourTip = (await P2PNetworkTests.MineToOpTrueAsync(ours, 120))[^1];
        await core.RpcAsync("addnode", $"127.0.0.1:{ours.P2pPort}", "onetry");
        await P2PNetworkTests.WaitUntilAsync(async () => (await core.RpcAsync("getbestblockhash"))!.GetValue<string>() == ourTip, "Core syncing from us");
        var corePeer = (await core.RpcAsync("getpeerinfo"))!.AsArray().Single();
        Assert.StartsWith("/MultiprocessBitcoin:", corePeer!["subver"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("v1", corePeer["transport_protocol_type"]!.GetValue<string>());

        // Our node syncs blocks Core mines (announced by headers or compact blocks).
        var coreTip = (await core.RpcAsync("generatetoaddress", 30, P2PNetworkTests.OpTrueAddress))!.AsArray()[^1]!.GetValue<string>();
        await ours.WaitForBestBlockAsync(coreTip);

        // Transactions relay from us to Core and from Core to us.
        var fromUs = (await ours.RpcAsync("sendrawtransaction",
            P2PNetworkTests.SpendOpTrue(await P2PNetworkTests.CoinbaseTxidAsync(ours, 1), 0, 50_0000_0000 - 10_000)))!.GetValue<string>();
        await P2PNetworkTests.WaitUntilAsync(async () => (await core.RpcAsync("getrawmempool"))!.AsArray().Any(t => t!.GetValue<string>() == fromUs), "relay to Core");
        var fromCore = (await core.RpcAsync("sendrawtransaction",
            P2PNetworkTests.SpendOpTrue(await P2PNetworkTests.CoinbaseTxidAsync(ours, 2), 0, 50_0000_0000 - 10_000)))!.GetValue<string>();
        await P2PNetworkTests.WaitUntilAsync(async () => (await P2PNetworkTests.RawMempoolAsync(ours)).Contains(fromCore), "relay from Core");

        // A block from Core confirming both reaches us and empties our mempool.
        var confirming = (await core.RpcAsync("generatetoaddress", 1, P2PNetworkTests.OpTrueAddress))!.AsArray()[0]!.GetValue<string>();
        await ours.WaitForBestBlockAsync(confirming);
        await P2PNetworkTests.WaitUntilAsync(async () => (await P2PNetworkTests.RawMempoolAsync(ours)).Count == 0, "our mempool emptied");
        Assert.Equal(0, await ours.StopAsync());
    }

    /// <summary>Core's bitcoind on regtest in a temporary data directory, driven through its RPC with the cookie.</summary>
    private sealed class CoreNode : IAsyncDisposable
    {
        private readonly string _bitcoind;
        private Process? _process;
        private RpcClient? _rpc;

        private CoreNode(string bitcoind)
        {
            _bitcoind = bitcoind;
            DataDir = Directory.CreateTempSubdirectory("core-interop-").FullName;
            RpcPort = FreePorts.Next();
            P2pPort = FreePorts.Next();
        }

        public string DataDir { get; }

        public int RpcPort { get; }

        public int P2pPort { get; }

        public static CoreNode Create(string bitcoind) => new(bitcoind);

        public async Task StartAsync()
        {
            var info = new ProcessStartInfo(_bitcoind) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[]
                     {
                         "-regtest", $"-datadir={DataDir}", $"-rpcport={RpcPort}", $"-port={P2pPort}", "-bind=127.0.0.1",
                         "-listenonion=0", "-discover=0", "-dnsseed=0", "-fixedseeds=0", "-natpmp=0", "-printtoconsole=0",
                         "-v2transport=0", "-connect=0", "-server=1",
                     })
            {
                info.ArgumentList.Add(arg);
            }

            _process = Process.Start(info)!;
            var cookie = Path.Combine(DataDir, "regtest", ".cookie");
            var deadline = DateTime.UtcNow + NodeProcess.Patience;
            while (DateTime.UtcNow < deadline)
            {
                if (_process.HasExited)
                    throw new InvalidOperationException($"Core's bitcoind exited: {await _process.StandardError.ReadToEndAsync()}");
                if (File.Exists(cookie))
                {
                    try
                    {
                        _rpc ??= new RpcClient(RpcPort, (await File.ReadAllTextAsync(cookie)).Trim());
                        await _rpc.CallAsync("getblockcount", []);
                        return;
                    }
                    catch (Exception e) when (e is RpcError { Code: -28 } or HttpRequestException or IOException)
                    {
                        _rpc?.Dispose();
                        _rpc = null;
                    }
                }

                await Task.Delay(200);
            }

            throw new TimeoutException("Core's bitcoind did not start");
        }

        public Task<JsonNode?> RpcAsync(string method, params object?[] parameters) => _rpc!.CallAsync(method, parameters);

        public async ValueTask DisposeAsync()
        {
            if (_process is { HasExited: false })
            {
                try
                {
                    await RpcAsync("stop");
                    await _process.WaitForExitAsync(new CancellationTokenSource(NodeProcess.Patience).Token);
                }
                catch (Exception e) when (e is RpcError or HttpRequestException or IOException or OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }

            _process?.Dispose();
            _rpc?.Dispose();
            Directory.Delete(DataDir, recursive: true);
        }
    }
}
