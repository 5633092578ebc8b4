namespace Bitcoin.Kernel.Tests.Mempool.Support;

/// <summary>A clock tests move by hand (Core's mock time), starting at the real time.</summary>
internal sealed class MockClock : TimeProvider
{
    private long _unixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public long Now
    {
        get => Interlocked.Read(ref _unixSeconds);
        set => Interlocked.Exchange(ref _unixSeconds, value);
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref _unixSeconds, (long)by.TotalSeconds);

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(Now);
}
