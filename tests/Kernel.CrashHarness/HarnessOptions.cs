using System.Globalization;

namespace Kernel.CrashHarness;

/// <summary>
/// Command line of the harness: <c>Kernel.CrashHarness &lt;datadir&gt; [--seed N] [--max-blocks N] [--dbcache-mib N]
/// [--dbcrashratio N] [--batch-bytes N] [--reindex 1] [--reindex-chainstate 1] [--par N]</c>.
/// </summary>
internal sealed record HarnessOptions(string DataDir, int Seed, int MaxBlocks, long DbCacheMiB, int DbCrashRatio, long BatchBytes)
{
    /// <summary>Start with -reindex (then keep mining as usual unless --max-blocks 0).</summary>
    public bool Reindex { get; init; }

    /// <summary>Start with -reindex-chainstate.</summary>
    public bool ReindexChainstate { get; init; }

    /// <summary>-par for script checks.</summary>
    public int Par { get; init; } = 2;

    public static HarnessOptions Parse(string[] args)
    {
        if (args.Length < 1) throw new ArgumentException("usage: Kernel.CrashHarness <datadir> [--seed N] [--max-blocks N] [--dbcache-mib N] [--dbcrashratio N] [--batch-bytes N] [--reindex 1] [--reindex-chainstate 1] [--par N]");
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
                "--reindex" => options with { Reindex = value != 0 },
                "--reindex-chainstate" => options with { ReindexChainstate = value != 0 },
                "--par" => options with { Par = (int)value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return options;
    }
}
