using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Wallet.Bench;

// Every benchmark class of this assembly is offered (pass --filter '*Rescan*' to pick); a short in-process job keeps a
// run within a few minutes on a small machine (no generated project to build). Ratios against each class's baseline
// are in the tables; the rescan speed is also printed in blocks per second.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithWarmupCount(2).WithIterationCount(5).WithLaunchCount(1)
    .WithToolchain(InProcessEmitToolchain.Instance));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
foreach (var report in summaries.SelectMany(s => s.Reports).Where(r => r.BenchmarkCase.Descriptor.Type == typeof(RescanBenchmarks)))
{
    if (report.ResultStatistics is { } statistics)
    {
        var blocksPerSecond = RescanBenchmarks.Blocks / (statistics.Mean / 1e9);
        Console.WriteLine($"{report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo}: {blocksPerSecond:N0} blocks/s");
    }
}
