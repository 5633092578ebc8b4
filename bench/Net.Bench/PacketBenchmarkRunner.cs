using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Net.Bench;

/// <summary>Runs <see cref="PacketBenchmarks"/> in process and prints throughput and the ratio to v1 framing.</summary>
internal static class PacketBenchmarkRunner
{
    public static int Run(string[] args)
    {
        // In process: a separate benchmark build would rebuild the node it links.
        var job = Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: false));
        var summary = BenchmarkRunner.Run<PacketBenchmarks>(DefaultConfig.Instance.AddJob(job), args);

        Console.WriteLine();
        Console.WriteLine("| Payload   | Method        |     MB/s | Time / v1 framing |");
        Console.WriteLine("|----------:|---------------|---------:|------------------:|");
        foreach (var group in summary.Reports.GroupBy(r => r.BenchmarkCase.Parameters["Size"]))
        {
            int size = (int)group.Key;
            var baseline = group.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline)?.ResultStatistics?.Mean;
            foreach (var report in group)
            {
                if (report.ResultStatistics is not { } stats)
                    continue;
                double megabytesPerSecond = size / stats.Mean * 1e9 / 1e6;
                string ratio = baseline is { } b ? (stats.Mean / b).ToString("F2", CultureInfo.InvariantCulture) : "-";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {size,9} | {report.BenchmarkCase.Descriptor.WorkloadMethod.Name,-13} | {megabytesPerSecond,8:F1} | {ratio,17} |"));
            }
        }

        return 0;
    }
}
