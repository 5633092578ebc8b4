namespace Bitcoin.Node.Tests.Rpc.Support;

/// <summary>A clock the test sets, like Core's mock time: it stands still until moved.</summary>
public sealed class TestClock : TimeProvider
{
    private long _seconds;

    public TestClock(long unixSeconds) => _seconds = unixSeconds;

    /// <summary>The current time in seconds since the epoch.</summary>
    public long Seconds
    {
        get => Interlocked.Read(ref _seconds);
        set => Interlocked.Exchange(ref _seconds, value);
    }

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(Seconds);
}
