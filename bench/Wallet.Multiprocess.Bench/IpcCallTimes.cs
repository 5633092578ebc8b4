using System.Globalization;
using System.Text.RegularExpressions;

namespace Wallet.Multiprocess.Bench;

/// <summary>
/// Where an IPC call's time goes, from a span of debug.log written with -debug=ipc -logtimemicros: the caller's round
/// trip ("IPC client send" to "IPC client recv" on the same thread) against the time the serving side spent between
/// receiving the request and sending its response ("IPC server recv request #n" to "IPC server send response #n").
/// The difference is the transport: framing, the socket, the receive loops and the hops to and from worker threads.
/// </summary>
internal sealed partial class IpcCallTimes
{
    private readonly Dictionary<string, (int Calls, double RoundTripMicros)> _client = new();
    private readonly Dictionary<string, (int Calls, double ServeMicros)> _server = new();

    /// <summary>Methods with their call count, mean round trip and mean serving time, in µs, most time first.</summary>
    public IEnumerable<(string Method, int Calls, double RoundTripMicros, double ServeMicros)> Methods =>
        _client.Select(p =>
            {
                var served = _server.GetValueOrDefault(p.Key);
                return (p.Key, p.Value.Calls, p.Value.RoundTripMicros / p.Value.Calls,
                    served.Calls > 0 ? served.ServeMicros / served.Calls : double.NaN);
            })
            .OrderByDescending(m => m.Calls * m.Item3);

    /// <summary>Reads the calls logged between byte offsets <paramref name="from"/> and <paramref name="to"/>.</summary>
    public static IpcCallTimes Read(string log, long from, long to)
    {
        var times = new IpcCallTimes();
        var sends = new Dictionary<string, Stack<(string Method, DateTime At)>>();
        var requests = new Dictionary<string, DateTime>();
        foreach (var line in IpcLog.ReadSpan(log, from, to))
        {
            var match = Line().Match(line);
            if (!match.Success)
                continue;
            var at = DateTime.Parse(match.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            var thread = match.Groups["thread"].Value;
            var method = match.Groups["method"].Value;
            switch (match.Groups["event"].Value)
            {
                case "client send":
                    if (!sends.TryGetValue(thread, out var stack))
                        sends[thread] = stack = new Stack<(string, DateTime)>();
                    stack.Push((method, at));
                    break;
                case "client recv":
                    if (sends.TryGetValue(thread, out var pending) && pending.Count > 0 && pending.Peek().Method == method)
                    {
                        var sent = pending.Pop();
                        var entry = times._client.GetValueOrDefault(method);
                        times._client[method] = (entry.Calls + 1, entry.RoundTripMicros + (at - sent.At).TotalMicroseconds);
                    }

                    break;
                case "server recv request":
                    requests[thread.Split('/')[0] + match.Groups["number"].Value] = at;
                    break;
                case "server send response":
                    if (requests.Remove(thread.Split('/')[0] + match.Groups["number"].Value, out var received))
                    {
                        var entry = times._server.GetValueOrDefault(method);
                        times._server[method] = (entry.Calls + 1, entry.ServeMicros + (at - received).TotalMicroseconds);
                    }

                    break;
            }
        }

        return times;
    }

    [GeneratedRegex(@"^(?<at>\S+) .*\{(?<thread>[^}]*)\} IPC (?<event>client send|client recv|server recv request|server send response) +(?:#(?<number>\d+) )?(?<method>[^\s$]+)")]
    private static partial Regex Line();
}
