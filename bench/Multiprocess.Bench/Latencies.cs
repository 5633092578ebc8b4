using System.Diagnostics;

namespace Multiprocess.Bench;

/// <summary>Round-trip times of one run: percentiles and throughput.</summary>
internal sealed class Latencies
{
    private readonly long[] _ticks;
    private readonly long _elapsedTicks;

    public Latencies(long[] ticks, long elapsedTicks)
    {
        _ticks = [.. ticks.Order()];
        _elapsedTicks = elapsedTicks;
    }

    public double PercentileMicroseconds(double percentile) =>
        _ticks[Math.Min(_ticks.Length - 1, (int)(_ticks.Length * percentile))] * 1e6 / Stopwatch.Frequency;

    public double CallsPerSecond => _ticks.Length * (double)Stopwatch.Frequency / _elapsedTicks;

    /// <summary>Times <paramref name="count"/> runs of <paramref name="roundTrip"/> after <paramref name="warmup"/> untimed ones.</summary>
    public static Latencies Measure(int warmup, int count, Action roundTrip)
    {
        for (int i = 0; i < warmup; i++)
            roundTrip();
        var ticks = new long[count];
        var total = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            roundTrip();
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        return new Latencies(ticks, total.ElapsedTicks);
    }
}
