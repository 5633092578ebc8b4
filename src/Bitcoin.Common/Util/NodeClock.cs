namespace Bitcoin.Common.Util;

/// <summary>
/// The process clock that <c>-mocktime</c> and the <c>setmocktime</c> RPC control, as Core's <c>SetMockTime</c> /
/// <c>GetMockTime</c> / <c>NodeClock</c>. Log lines show the mock time next to the real one while it is set.
/// </summary>
public static class NodeClock
{
    private static long s_mockTimeSeconds;

    /// <summary>Sets the mock time in seconds since the Unix epoch; 0 returns to the real clock.</summary>
    public static void SetMockTime(long unixSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unixSeconds);
        Interlocked.Exchange(ref s_mockTimeSeconds, unixSeconds);
    }

    /// <summary>The mock time in seconds since the Unix epoch, or 0 when the real clock is in use.</summary>
    public static long GetMockTime() => Interlocked.Read(ref s_mockTimeSeconds);

    /// <summary>The node's idea of now: the mock time if set, otherwise the system clock (UTC).</summary>
    public static DateTimeOffset Now
    {
        get
        {
            var mock = GetMockTime();
            return mock > 0 ? DateTimeOffset.FromUnixTimeSeconds(mock) : DateTimeOffset.UtcNow;
        }
    }

    /// <summary>The node's idea of now in seconds since the Unix epoch (Core's <c>GetTime()</c>).</summary>
    public static long GetTime() => Now.ToUnixTimeSeconds();

    /// <summary>Formats seconds since the epoch as Core's <c>FormatISO8601DateTime</c>: "2011-09-15T13:33:20Z".</summary>
    public static string FormatIso8601DateTime(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'",
            System.Globalization.CultureInfo.InvariantCulture);
}
