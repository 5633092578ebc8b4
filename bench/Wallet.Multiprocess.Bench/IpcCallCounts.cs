using System.Text.RegularExpressions;

namespace Wallet.Multiprocess.Bench;

/// <summary>IPC calls made in a span of debug.log written with -debug=ipc: one "IPC client send" line per call.</summary>
internal sealed partial class IpcCallCounts
{
    private IpcCallCounts(IReadOnlyDictionary<string, int> byCaller) => ByCaller = byCaller;

    /// <summary>Calls per "caller process: method" (for example "bitcoin-wallet: Chain.findBlock").</summary>
    public IReadOnlyDictionary<string, int> ByCaller { get; }

    /// <summary>All calls.</summary>
    public int Total => ByCaller.Values.Sum();

    /// <summary>Counts the calls logged between byte offsets <paramref name="from"/> and <paramref name="to"/>.</summary>
    public static IpcCallCounts Read(string log, long from, long to)
    {
        var counts = new Dictionary<string, int>();
        foreach (var line in IpcLog.ReadSpan(log, from, to))
        {
            var match = ClientSend().Match(line);
            if (!match.Success)
                continue;
            var key = $"{match.Groups["exe"].Value}: {match.Groups["method"].Value}";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return new IpcCallCounts(counts);
    }

    [GeneratedRegex(@"\{(?<exe>bitcoin-node|bitcoin-wallet)-\d+/[^}]*\} IPC client send (?<method>[^\s$]+)")]
    private static partial Regex ClientSend();
}
