using System.Globalization;

namespace Net.Bench;

/// <summary>Command-line options of the runner.</summary>
internal sealed record NetBenchOptions(int Blocks, int Spends, bool Keep, string? Bitcoind)
{
    public static NetBenchOptions Parse(string[] args)
    {
        var options = new NetBenchOptions(2000, 1000, false, null);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--blocks" => options with { Blocks = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--spends" => options with { Spends = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--keep" => options with { Keep = true },
                "--bitcoind" => options with { Bitcoind = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}; options: --blocks N --spends N --keep --bitcoind PATH"),
            };
        }

        return options;
    }
}
