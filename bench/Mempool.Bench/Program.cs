using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Mempool.Bench;

// "assemble [MB]": block assembly from a full mempool (a runner). Anything else goes to BenchmarkDotNet (acceptance).
if (args.Length > 0 && args[0] == "assemble")
{
    long megabytes = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 300;
    AssemblyRunner.Run(megabytes * 1_000_000);
    return;
}

// Each measured call needs a fresh batch prepared in setup: one call per iteration, few iterations. In process: the
// setup is heavy, and a separate build of the benchmark would rebuild the node it links.
var job = Job.ShortRun.WithWarmupCount(1).WithIterationCount(5).WithLaunchCount(1).WithInvocationCount(1).WithUnrollFactor(1)
    .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true));
var summary = BenchmarkRunner.Run<AcceptBenchmarks>(DefaultConfig.Instance.AddJob(job), args);

// Per-transaction means as throughput, beside the baseline's.
Console.WriteLine();
Console.WriteLine("| Benchmark                                           |   tx/s | Time ratio to script verification |");
Console.WriteLine("|-----------------------------------------------------|-------:|----------------------------------:|");
var baseline = summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline)?.ResultStatistics?.Mean;
foreach (var report in summary.Reports)
{
    if (report.ResultStatistics is not { } stats) continue;
    double perSecond = 1e9 / stats.Mean;
    string ratio = baseline is { } b ? (stats.Mean / b).ToString("F1", CultureInfo.InvariantCulture) : "-";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,-51} | {perSecond,6:F0} | {ratio,33} |"));
}
