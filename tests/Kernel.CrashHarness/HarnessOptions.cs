using System.Globalization;

namespace Kernel.CrashHarness;

/// <summary>Command line of the harness: <c>Kernel.CrashHarness &lt;datadir&gt; [--seed N] [--max-blocks N] [--dbcache-mib N] [--dbcrashratio N] [--batch-bytes N]</c>.</summary>
internal sealed record HarnessOptions(string DataDir, int Seed, int MaxBlocks, long DbCacheMiB, int DbCrashRatio, long BatchBytes)
{
    public static HarnessOptions Parse(string[] args)
    {
        if (args.Length < 1) throw new ArgumentException("usage: Kernel.CrashHarness <datadir> [--seed N] [--max-blocks N] [--dbcache-mib N] [--dbcrashratio N] [--batch-bytes N]");
        var options = new HarnessOptions(args[0], Seed: 1, MaxBlocks: int.MaxValue, DbCacheMiB: 4, DbCrashRatio: 0, BatchBytes: 32L << 20);
        for (int i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) throw new ArgumentException($"missing value for {args[i]}");
            long value = long.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--seed" => options with { Seed = (int)value },
                "--max-blocks" => options with { MaxBlocks = (int)value },
                "--dbcache-mib" => options with { DbCacheMiB = value },
                "--dbcrashratio" => options with { DbCrashRatio = (int)value },
                "--batch-bytes" => options with { BatchBytes = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return options;
    }
}
