using Bitcoin.Common.Util;

namespace Bitcoin.Node.Net.Connections;

/// <summary>The node's mockable clock in the units net processing uses (Core's GetTime&lt;microseconds&gt; / NodeClock).</summary>
public static class NetTime
{
    /// <summary>Microseconds since the epoch (whole seconds while -mocktime/setmocktime is set).</summary>
    public static long NowMicros()
    {
        long mock = NodeClock.GetMockTime();
        return mock > 0 ? mock * 1_000_000 : (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
    }

    /// <summary>Seconds since the epoch.</summary>
    public static long NowSeconds() => NodeClock.GetTime();
}
