using System.Collections.Concurrent;

namespace Multiprocess.Tests.Servers;

/// <summary>Gates that <c>TestService.hold</c> waits on, by tag, and what the holds did, in order.</summary>
public static class HoldGates
{
    private static readonly ConcurrentDictionary<string, ManualResetEventSlim> Gates = new();
    private static readonly ConcurrentDictionary<string, ManualResetEventSlim> Started = new();
    private static readonly List<string> EventList = [];

    /// <summary>"start tag" and "end tag" lines in the order the holds ran.</summary>
    public static IReadOnlyList<string> Events
    {
        get
        {
            lock (EventList)
                return [.. EventList];
        }
    }

    /// <summary>Lets the hold tagged <paramref name="tag"/> return (before or after it starts).</summary>
    public static void Release(string tag) => Gate(Gates, tag).Set();

    /// <summary>Waits until the hold tagged <paramref name="tag"/> has started.</summary>
    public static void WaitStarted(string tag) => Gate(Started, tag).Wait();

    /// <summary>Runs a hold: records its start, waits for its gate (or cancellation), records its end.</summary>
    public static void Hold(string tag, CancellationToken cancellationToken)
    {
        Record("start " + tag);
        Gate(Started, tag).Set();
        try
        {
            Gate(Gates, tag).Wait(cancellationToken);
        }
        finally
        {
            Record("end " + tag);
        }
    }

    private static void Record(string line)
    {
        lock (EventList)
            EventList.Add(line);
    }

    private static ManualResetEventSlim Gate(ConcurrentDictionary<string, ManualResetEventSlim> gates, string tag) =>
        gates.GetOrAdd(tag, _ => new ManualResetEventSlim());
}
