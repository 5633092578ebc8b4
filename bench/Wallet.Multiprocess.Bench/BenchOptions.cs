using System.Globalization;

namespace Wallet.Multiprocess.Bench;

/// <summary>Command-line options of the runner.</summary>
/// <param name="Blocks">Height of the benchmark chain.</param>
/// <param name="Spends">P2WPKH and P2TR spends each (as Node.Bench).</param>
/// <param name="Runs">Timed runs of each configuration (the median is reported).</param>
/// <param name="BinDir">Where bitcoind, bitcoin-node and bitcoin-wallet are.</param>
/// <param name="Trace">Also time the rescan with -debug=ipc and with -debug=ipc -loglevel=ipc:trace.</param>
/// <param name="SqliteSync">Leave out -unsafesqlitesync: every wallet write then waits for the disk, which dominates.</param>
/// <param name="Keep">Keep the chain's data directory.</param>
internal sealed record BenchOptions(int Blocks, int Spends, int Runs, string? BinDir, bool Trace, bool SqliteSync, bool Keep)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(2000, 1000, 3, null, true, false, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--blocks" => options with { Blocks = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--spends" => options with { Spends = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--runs" => options with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--bin" => options with { BinDir = Next() },
                "--no-trace" => options with { Trace = false },
                "--sqlite-sync" => options with { SqliteSync = true },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}; options: --blocks N --spends N --runs N --bin DIR --no-trace --sqlite-sync --keep"),
            };
        }

        return options;
    }
}
