using System.Diagnostics;
using System.Globalization;
using Node.Bench;

// Node.Bench: the whole-node figures of the README's Performance section.
//   dotnet run -c Release --project bench/Node.Bench [-- --blocks 2000 --spends 1000 --runs 1 --keep]
var options = BenchOptions.Parse(args);
var bitcoind = options.Bitcoind ?? Path.Combine(RepoRoot(), "bin", "bitcoind");
if (!File.Exists(bitcoind))
{
    Console.Error.WriteLine($"{bitcoind} does not exist: build first (dotnet build -c Release).");
    return 2;
}

var dataDir = Directory.CreateTempSubdirectory("node-bench-").FullName;
try
{
    Console.WriteLine($"Building a regtest chain of {options.Blocks} blocks with {options.Spends} P2WPKH and {options.Spends} P2TR spends in {dataDir} ...");
    ChainShape shape;
    var buildTimer = Stopwatch.StartNew();
    using (var node = BenchNode.Start(bitcoind, dataDir))
    {
        await node.WaitForRpcAsync();
        shape = await new ChainBuilder(node).BuildAsync(options.Blocks, options.Spends);
        await node.CallAsync("stop");
        await node.WaitForExitAsync();
    }

    Console.WriteLine($"Built in {buildTimer.Elapsed.TotalSeconds:F1} s: {shape}");

    // A first run warms the file cache; it is not reported.
    await ReindexAsync(bitcoind, dataDir, "warm-up", "-par=0");
    var runs = new List<ReindexResult>();
    for (var run = 0; run < options.Runs; run++)
    {
        runs.Add(await ReindexAsync(bitcoind, dataDir, "-par=1", "-par=1"));
        runs.Add(await ReindexAsync(bitcoind, dataDir, $"all cores ({Environment.ProcessorCount})", "-par=0"));
    }

    // With several runs, report each configuration's median run (by connect time).
    var results = runs.GroupBy(r => r.Label)
        .Select(g => g.OrderBy(r => r.ConnectSeconds).ElementAt(g.Count() / 2))
        .ToList();

    var idleFresh = await IdleRssAsync(bitcoind, Directory.CreateTempSubdirectory("node-bench-idle-").FullName, deleteAfter: true);
    var idleChain = await IdleRssAsync(bitcoind, dataDir, deleteAfter: false);

    Console.WriteLine();
    Console.WriteLine($"Chain: {shape.Blocks} blocks, {shape.Transactions} transactions, {shape.Inputs} inputs " +
                      $"({shape.WitnessV0KeyHashSpends} P2WPKH and {shape.TaprootSpends} P2TR spends); {Environment.ProcessorCount} cores.");
    Console.WriteLine();
    Console.WriteLine("| -reindex-chainstate | connect time | blocks/s | transactions/s | inputs/s | wall time | peak RSS |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
    foreach (var r in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {r.Label} | {r.ConnectSeconds:F2} s | {shape.Blocks / r.ConnectSeconds:F0} | {shape.Transactions / r.ConnectSeconds:F0} | " +
            $"{shape.Inputs / r.ConnectSeconds:F0} | {r.WallSeconds:F2} s | {r.PeakRssMiB:F0} MiB |"));
    }

    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Idle regtest bitcoind after start-up: {idleFresh:F0} MiB RSS (empty datadir), {idleChain:F0} MiB RSS (with this chain)."));
    return 0;
}
finally
{
    if (options.Keep)
        Console.WriteLine($"Data directory kept: {dataDir}");
    else
        Directory.Delete(dataDir, recursive: true);
}

static async Task<ReindexResult> ReindexAsync(string bitcoind, string dataDir, string label, string par)
{
    var log = Path.Combine(dataDir, "regtest", "debug.log");
    var logStart = new FileInfo(log).Length;
    var timer = Stopwatch.StartNew();
    double peakMiB;
    using (var node = BenchNode.Start(bitcoind, dataDir, "-reindex-chainstate", par, "-stopafterblockimport"))
    {
        var status = await node.WaitForExitAsync();
        if (status != 0)
            throw new InvalidOperationException($"bitcoind -reindex-chainstate {par} exited with status {status}");
        peakMiB = node.PeakRssKiB / 1024.0;
    }

    var wall = timer.Elapsed.TotalSeconds;
    var connect = ConnectSeconds(log, logStart);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"-reindex-chainstate {label}: connect {connect:F2} s, wall {wall:F2} s, peak RSS {peakMiB:F0} MiB"));
    return new ReindexResult(label, connect, wall, peakMiB);
}

// The span between the first and last "UpdateTip:" lines written since offset (timestamps in microseconds).
static double ConnectSeconds(string log, long offset)
{
    using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
    stream.Seek(offset, SeekOrigin.Begin);
    using var reader = new StreamReader(stream);
    DateTime? first = null, last = null;
    while (reader.ReadLine() is { } line)
    {
        if (!line.Contains("UpdateTip: new best=", StringComparison.Ordinal))
            continue;
        var stamp = DateTime.Parse(line[..line.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        first ??= stamp;
        last = stamp;
    }

    if (first is null || last is null)
        throw new InvalidOperationException("No UpdateTip lines in debug.log for this run");
    return (last.Value - first.Value).TotalSeconds;
}

static async Task<double> IdleRssAsync(string bitcoind, string dataDir, bool deleteAfter)
{
    try
    {
        using var node = BenchNode.Start(bitcoind, dataDir);
        await node.WaitForRpcAsync();
        // Let start-up work (JIT, background threads) settle before measuring.
        await Task.Delay(TimeSpan.FromSeconds(10));
        var rss = node.RssKiB / 1024.0;
        await node.CallAsync("stop");
        await node.WaitForExitAsync();
        return rss;
    }
    finally
    {
        if (deleteAfter)
            Directory.Delete(dataDir, recursive: true);
    }
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
