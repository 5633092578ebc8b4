using System.Globalization;

namespace Node.Bench;

/// <summary>Command-line options of the runner.</summary>
internal sealed record BenchOptions(int Blocks, int Spends, int Runs, bool Keep, string? Bitcoind)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(2000, 1000, 1, false, null);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--blocks" => options with { Blocks = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--spends" => options with { Spends = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--runs" => options with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--keep" => options with { Keep = true },
                "--bitcoind" => options with { Bitcoind = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}; options: --blocks N --spends N --runs N --keep --bitcoind PATH"),
            };
        }

        return options;
    }
}
