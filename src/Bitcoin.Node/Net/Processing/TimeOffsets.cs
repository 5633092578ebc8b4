using Bitcoin.Common.Logging;

namespace Bitcoin.Node.Net.Processing;

/// <summary>
/// Clock offsets of recent outbound peers (Core's TimeOffsets): the median of the last 50 (once there are 5), and a
/// warning when it exceeds ten minutes.
/// </summary>
public sealed class TimeOffsets(Action<string?> setWarning)
{
    private const int MaxSize = 50;
    private const long WarnThresholdSeconds = 10 * 60;

    private readonly Lock _lock = new();
    private readonly Queue<long> _offsets = new();

    /// <summary>Core's warning text.</summary>
    public static string WarningText =>
        $"Your computer's date and time appear to be more than {WarnThresholdSeconds / 60} minutes out of sync with the network, " +
        "this may lead to consensus failure. After you've confirmed your computer's clock, this message " +
        "should no longer appear when you restart your node. Without a restart, it should stop showing " +
        "automatically after you've connected to a sufficient number of new outbound peers, which may " +
        "take some time. You can inspect the `timeoffset` field of the `getpeerinfo` and `getnetworkinfo` " +
        "RPC methods to get more info.";

    /// <summary>Adds a sample (seconds).</summary>
    public void Add(long offsetSeconds)
    {
        int count;
        lock (_lock)
        {
            if (_offsets.Count >= MaxSize)
                _offsets.Dequeue();
            _offsets.Enqueue(offsetSeconds);
            count = _offsets.Count;
        }

        Log.Debug(LogCategory.Net, $"Added time offset {offsetSeconds:+0;-0;+0}s, total samples {count}");
    }

    /// <summary>The median offset in seconds, 0 with fewer than five samples.</summary>
    public long Median()
    {
        lock (_lock)
        {
            if (_offsets.Count < 5)
                return 0;
            var sorted = _offsets.Order().ToList();
            return sorted[sorted.Count / 2];
        }
    }

    /// <summary>Sets or clears the clock warning; true when set.</summary>
    public bool WarnIfOutOfSync()
    {
        long median = Math.Max(Median(), long.MinValue + 1);
        if (Math.Abs(median) <= WarnThresholdSeconds)
        {
            setWarning(null);
            return false;
        }

        Log.Warning(WarningText);
        setWarning(WarningText);
        return true;
    }
}
