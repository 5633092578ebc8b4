using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Net.Bench;
using Node.Bench;

// Net.Bench: initial block download of the benchmark chain from one of our nodes to another over loopback, beside
// -reindex-chainstate of the same chain in the same run; the ratio is what the network path costs.
//   dotnet run -c Release --project bench/Net.Bench [-- --blocks 2000 --spends 1000 --keep]
//   dotnet run -c Release --project bench/Net.Bench -- packets   (BIP324 packet encryption against v1 framing)
if (args.Length > 0 && args[0] == "packets")
    return PacketBenchmarkRunner.Run(args[1..]);

var options = NetBenchOptions.Parse(args);
var bitcoind = options.Bitcoind ?? Path.Combine(RepoRoot(), "bin", "bitcoind");
if (!File.Exists(bitcoind))
{
    Console.Error.WriteLine($"{bitcoind} does not exist: build first (dotnet build -c Release).");
    return 2;
}

var sourceDir = Directory.CreateTempSubdirectory("net-bench-source-").FullName;
var syncDir = Directory.CreateTempSubdirectory("net-bench-sync-").FullName;
try
{
    Console.WriteLine($"Building a regtest chain of {options.Blocks} blocks with {options.Spends} P2WPKH and {options.Spends} P2TR spends ...");
    ChainShape shape;
    using (var node = BenchNode.Start(bitcoind, sourceDir))
    {
        await node.WaitForRpcAsync();
        shape = await new ChainBuilder(node).BuildAsync(options.Blocks, options.Spends);
        await node.CallAsync("stop");
        await node.WaitForExitAsync();
    }

    Console.WriteLine($"Built: {shape}");

    // -reindex-chainstate of the source chain: the first run warms the file cache, the second is measured.
    await ReindexAsync(bitcoind, sourceDir);
    var (reindexConnect, reindexWall) = await ReindexAsync(bitcoind, sourceDir);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-reindex-chainstate: connect {reindexConnect:F2} s, wall {reindexWall:F2} s"));

    // IBD: the source listens on loopback; the new node connects only to it (-connect) and downloads everything.
    var port = FreePort();
    double ibdConnect, timeToTip;
    using (var source = BenchNode.Start(bitcoind, sourceDir, "-listen=1", "-bind=127.0.0.1", $"-port={port}", "-discover=0", "-dnsseed=0", "-fixedseeds=0"))
    {
        await source.WaitForRpcAsync();
        var log = Path.Combine(syncDir, "regtest", "debug.log");
        var timer = Stopwatch.StartNew();
        using (var sync = BenchNode.Start(bitcoind, syncDir, $"-connect=127.0.0.1:{port}", "-dnsseed=0", "-fixedseeds=0"))
        {
            await sync.WaitForRpcAsync();
            while ((await sync.CallAsync("getblockcount"))!.GetValue<int>() < shape.Blocks)
                await Task.Delay(20);
            timeToTip = timer.Elapsed.TotalSeconds;
            await sync.CallAsync("stop");
            await sync.WaitForExitAsync();
        }

        ibdConnect = DebugLogSpan.UpdateTipSeconds(log, 0);
        await source.CallAsync("stop");
        await source.WaitForExitAsync();
    }

    Console.WriteLine();
    Console.WriteLine($"Chain: {shape.Blocks} blocks, {shape.Transactions} transactions, {shape.Inputs} inputs; {Environment.ProcessorCount} cores.");
    Console.WriteLine();
    Console.WriteLine("| run | connect time (first to last UpdateTip) | blocks/s | wall time |");
    Console.WriteLine("| --- | --- | --- | --- |");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| -reindex-chainstate | {reindexConnect:F2} s | {shape.Blocks / reindexConnect:F0} | {reindexWall:F2} s (start to exit) |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| IBD over loopback | {ibdConnect:F2} s | {shape.Blocks / ibdConnect:F0} | {timeToTip:F2} s (start to tip) |"));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"IBD / reindex: {ibdConnect / reindexConnect:F2}x connect time, {timeToTip / reindexWall:F2}x wall time."));
    return 0;
}
finally
{
    if (options.Keep)
    {
        Console.WriteLine($"Data directories kept: {sourceDir} {syncDir}");
    }
    else
    {
        Directory.Delete(sourceDir, recursive: true);
        Directory.Delete(syncDir, recursive: true);
    }
}

static async Task<(double Connect, double Wall)> ReindexAsync(string bitcoind, string dataDir)
{
    var log = Path.Combine(dataDir, "regtest", "debug.log");
    var offset = DebugLogSpan.Length(log);
    var timer = Stopwatch.StartNew();
    using (var node = BenchNode.Start(bitcoind, dataDir, "-reindex-chainstate", "-stopafterblockimport"))
    {
        var status = await node.WaitForExitAsync();
        if (status != 0)
            throw new InvalidOperationException($"bitcoind -reindex-chainstate exited with status {status}");
    }

    return (DebugLogSpan.UpdateTipSeconds(log, offset), timer.Elapsed.TotalSeconds);
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "BitcoinMultiprocess.slnx")))
            return dir.FullName;
    }

    throw new DirectoryNotFoundException("No BitcoinMultiprocess.slnx above " + AppContext.BaseDirectory);
}
