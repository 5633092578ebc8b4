using System.Diagnostics;
using System.Globalization;
using Wallet.Multiprocess.Bench;

// Wallet.Multiprocess.Bench: issue 9's benchmark, monolithic bitcoind against bitcoin-node + bitcoin-wallet.
//   dotnet build -c Release bench/Wallet.Multiprocess.Bench
//   bench/Wallet.Multiprocess.Bench/bin/Release/net10.0/Wallet.Multiprocess.Bench [--blocks 2000 --spends 1000 --runs 3 --bin DIR --no-trace]
var options = BenchOptions.Parse(args);
var binDir = options.BinDir ?? Path.Combine(RepoRoot(), "bin");
var bitcoind = Path.Combine(binDir, "bitcoind");
var bitcoinNode = Path.Combine(binDir, "bitcoin-node");
foreach (var executable in new[] { bitcoind, bitcoinNode, Path.Combine(binDir, "bitcoin-wallet") })
{
    if (!File.Exists(executable))
    {
        Console.Error.WriteLine($"{executable} does not exist: build first (dotnet build -c Release).");
        return 2;
    }
}

var chainDir = Directory.CreateTempSubdirectory("wallet-mp-bench-chain-").FullName;
BenchmarkChain chain;
try
{
    Console.WriteLine($"Building a regtest chain of {options.Blocks} blocks with {options.Spends} P2WPKH and {options.Spends} P2TR spends ...");
    var buildTimer = Stopwatch.StartNew();
    chain = await BenchmarkChain.BuildAsync(bitcoind, chainDir, options.Blocks, options.Spends);
    Console.WriteLine($"Built in {buildTimer.Elapsed.TotalSeconds:F1} s: {chain.Shape}");
}
finally
{
    if (options.Keep)
        Console.WriteLine($"Chain data directory kept: {chainDir}");
    else
        Directory.Delete(chainDir, recursive: true);
}

const string NodeOnly = "bitcoind -disablewallet";
const string Monolithic = "bitcoind";
const string Multiprocess = "bitcoin-node";
const string Counted = "bitcoin-node -debug=ipc";
const string Traced = "bitcoin-node -debug=ipc -loglevel=ipc:trace";
// As Core's functional tests and Wallet.Bench: without it each wallet transaction waits for an fsync (tens of ms
// here), which hides everything else.
string[] common = options.SqliteSync ? [] : ["-unsafesqlitesync"];
var configurations = new List<WalletSync>
{
    new(chain, bitcoind, NodeOnly, countIpcCalls: false, [.. common, "-disablewallet"]),
    new(chain, bitcoind, Monolithic, countIpcCalls: false, common),
    new(chain, bitcoinNode, Multiprocess, countIpcCalls: false, common),
    new(chain, bitcoinNode, Counted, countIpcCalls: true, [.. common, "-debug=ipc"]),
};
if (options.Trace)
    configurations.Add(new(chain, bitcoinNode, Traced, countIpcCalls: false, [.. common, "-debug=ipc", "-loglevel=ipc:trace"]));

// A first round warms the file cache and the JIT's disk caches; it is not reported. Later rounds rotate the order so
// that no configuration always runs first (the machine is shared and noisy).
await configurations[1].RunAsync();
await configurations[2].RunAsync();
var results = new List<SyncResult>();
for (var run = 0; run < options.Runs; run++)
{
    for (var i = 0; i < configurations.Count; i++)
    {
        var result = await configurations[(i + run) % configurations.Count].RunAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run {run + 1} {result.Label}: submit {result.SubmitSeconds:F2} s, wallet caught up {result.ConnectSeconds:F2} s, " +
            $"rescan {result.RescanSeconds:F2} s, node RSS {result.NodeRssMiB:F0} MiB, wallet RSS {result.WalletRssMiB:F0} MiB"));
        results.Add(result);
    }
}

double Median(string label, Func<SyncResult, double> figure)
{
    var values = results.Where(r => r.Label == label).Select(figure).Order().ToList();
    return values[values.Count / 2];
}

var blocks = chain.BlocksHex.Count;
Console.WriteLine();
Console.WriteLine($"Chain: {chain.Shape.Blocks} blocks, {chain.Shape.Transactions} transactions; the wallet watches the two addresses " +
                  $"that every transaction pays; {(options.SqliteSync ? "wallet writes synced" : "-unsafesqlitesync")}; {Environment.ProcessorCount} cores; median of {options.Runs} runs.");
Console.WriteLine();
Console.WriteLine("| configuration | submitblock × " + blocks + " | wallet caught up (block-connected path) | rescanblockchain (rescan path) | node RSS | wallet process RSS |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
foreach (var label in configurations.Select(c => c.Label))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {label} | {Median(label, r => r.SubmitSeconds):F2} s | {(label == NodeOnly ? "-" : $"{Median(label, r => r.ConnectSeconds):F2} s")} | " +
        $"{(label == NodeOnly ? "-" : $"{Median(label, r => r.RescanSeconds):F2} s")} | " +
        $"{Median(label, r => r.NodeRssMiB):F0} MiB | {(label.StartsWith(Monolithic, StringComparison.Ordinal) ? "-" : $"{Median(label, r => r.WalletRssMiB):F0} MiB")} |"));
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Ratio bitcoin-node / bitcoind: block-connected {Median(Multiprocess, r => r.ConnectSeconds) / Median(Monolithic, r => r.ConnectSeconds):F2}, " +
    $"rescan {Median(Multiprocess, r => r.RescanSeconds) / Median(Monolithic, r => r.RescanSeconds):F2} (aim: within 1.1)."));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"The wallet's share of the block-connected time (time less the node-only submission): bitcoind {Median(Monolithic, r => r.ConnectSeconds) - Median(NodeOnly, r => r.SubmitSeconds):F2} s, " +
    $"bitcoin-node {Median(Multiprocess, r => r.ConnectSeconds) - Median(NodeOnly, r => r.SubmitSeconds):F2} s."));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Added RSS: bitcoin-node + bitcoin-wallet {Median(Multiprocess, r => r.NodeRssMiB + r.WalletRssMiB):F0} MiB against bitcoind " +
    $"{Median(Monolithic, r => r.NodeRssMiB):F0} MiB: +{Median(Multiprocess, r => r.NodeRssMiB + r.WalletRssMiB) - Median(Monolithic, r => r.NodeRssMiB):F0} MiB."));
if (options.Trace)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"IPC logging cost (bitcoin-node): -debug=ipc rescan {Median(Counted, r => r.RescanSeconds) / Median(Multiprocess, r => r.RescanSeconds):F2}x, " +
        $"-loglevel=ipc:trace rescan {Median(Traced, r => r.RescanSeconds) / Median(Multiprocess, r => r.RescanSeconds):F2}x; " +
        $"block-connected {Median(Counted, r => r.ConnectSeconds) / Median(Multiprocess, r => r.ConnectSeconds):F2}x and " +
        $"{Median(Traced, r => r.ConnectSeconds) / Median(Multiprocess, r => r.ConnectSeconds):F2}x."));
}

var counted = results.First(r => r.Label == Counted);
PrintCalls("block-connected", counted.ConnectCalls!, counted.ConnectTimes!);
PrintCalls("rescan", counted.RescanCalls!, counted.RescanTimes!);
return 0;

void PrintCalls(string path, IpcCallCounts calls, IpcCallTimes times)
{
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"IPC calls per block, {path} path: {calls.Total / (double)blocks:F2} ({calls.Total} calls over {blocks} blocks)"));
    foreach (var (method, count) in calls.ByCaller.OrderByDescending(p => p.Value).Take(8))
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {method}: {count / (double)blocks:F2} per block"));
    Console.WriteLine("  | method | calls | mean round trip | mean serving time | transport (the difference) |");
    Console.WriteLine("  | --- | --- | --- | --- | --- |");
    foreach (var (method, count, roundTrip, serve) in times.Methods.Take(8))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  | {method} | {count} | {roundTrip:F0} µs | {serve:F0} µs | {roundTrip - serve:F0} µs |"));
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
