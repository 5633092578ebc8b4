using Bitcoin.Common.Logging;
using Bitcoin.Common.Tests.Args.Support;

namespace Bitcoin.Common.Tests.Logging;

/// <summary>Per-location rate limiting, ported from Core's logging_log_rate_limiter, logging_log_limit_stats and logging_filesize_rate_limit.</summary>
public sealed class LogRateLimiterTests
{
    private sealed class ManualScheduler
    {
        public Action? Reset { get; private set; }

        public TimeSpan Window { get; private set; }

        public void ScheduleEvery(Action action, TimeSpan window)
        {
            Reset = action;
            Window = window;
        }
    }

    [Fact]
    public void LocationsAreSuppressedIndependentlyUntilReset()
    {
        const ulong maxBytes = 1024;
        var scheduler = new ManualScheduler();
        var limiter = LogRateLimiter.Create(scheduler.ScheduleEvery, maxBytes, TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromMinutes(1), scheduler.Window);

        Assert.False(limiter.SuppressionsActive);
        limiter.Reset();
        Assert.False(limiter.SuppressionsActive);

        Assert.Equal(LogRateLimitStatus.Unsuppressed, limiter.Consume("a.cs", 1, "F", new string('a', (int)maxBytes - 1)));
        Assert.Equal(LogRateLimitStatus.Unsuppressed, limiter.Consume("a.cs", 1, "F", "a"));
        Assert.False(limiter.SuppressionsActive);
        Assert.Equal(LogRateLimitStatus.NewlySuppressed, limiter.Consume("a.cs", 1, "F", "a"));
        Assert.True(limiter.SuppressionsActive);
        Assert.Equal(LogRateLimitStatus.StillSuppressed, limiter.Consume("a.cs", 1, "F", "a"));

        Assert.Equal(LogRateLimitStatus.Unsuppressed, limiter.Consume("a.cs", 2, "F", new string('a', (int)maxBytes)));
        Assert.Equal(LogRateLimitStatus.NewlySuppressed, limiter.Consume("a.cs", 2, "F", "a"));

        scheduler.Reset!();
        Assert.False(limiter.SuppressionsActive);
        Assert.Equal(LogRateLimitStatus.Unsuppressed, limiter.Consume("a.cs", 1, "F", new string('a', (int)maxBytes)));
        Assert.Equal(LogRateLimitStatus.Unsuppressed, limiter.Consume("a.cs", 2, "F", new string('a', (int)maxBytes)));
    }

    [Fact]
    public void StatsAccountAvailableAndDroppedBytes()
    {
        var stats = new LogRateLimiter.Stats(Logger.RateLimitMaxBytes);
        Assert.Equal(Logger.RateLimitMaxBytes, stats.AvailableBytes);
        Assert.Equal(0UL, stats.DroppedBytes);
        const ulong half = Logger.RateLimitMaxBytes / 2;
        Assert.True(stats.Consume(half));
        Assert.Equal(Logger.RateLimitMaxBytes - half, stats.AvailableBytes);
        Assert.True(stats.Consume(half));
        Assert.Equal(0UL, stats.AvailableBytes);
        Assert.False(stats.Consume(500));
        Assert.Equal(0UL, stats.AvailableBytes);
        Assert.Equal(500UL, stats.DroppedBytes);
    }

    [Fact]
    public void SuppressedLocationsStopReachingTheFile()
    {
        using var dir = new TempDirectory();
        var logger = new Logger { FilePath = dir.Combine("debug.log"), PrintToFile = true, LogTimestamps = false };
        Assert.True(logger.StartLogging());
        logger.EnableCategory(LogCategory.Http);
        const int lineLength = 1024;
        const int numLines = 10;
        var scheduler = new ManualScheduler();
        var limiter = LogRateLimiter.Create(scheduler.ScheduleEvery, lineLength * numLines, TimeSpan.FromHours(1));
        logger.SetRateLimiting(limiter);
        var message = new string('a', lineLength - 1);

        List<string> LogAndRead(int line, string text, LogCategory category = LogCategory.None, bool rateLimit = true)
        {
            File.WriteAllText(logger.FilePath, "");
            logger.Write(category, category == LogCategory.None ? LogLevel.Info : LogLevel.Debug, text, "/src/x.cs", line, "F",
                rateLimit && category == LogCategory.None);
            return File.ReadAllLines(logger.FilePath).ToList();
        }

        for (var i = 0; i < numLines; i++)
            Assert.Equal([message], LogAndRead(1, message));

        var newly = LogAndRead(1, "a");
        Assert.Equal(2, newly.Count);
        Assert.StartsWith("[*] [warning] Excessive logging detected from x.cs:1 (F): >10240 bytes logged during the last time window of 3600s.", newly[0]);
        Assert.Equal("[*] a", newly[1]);

        Assert.Empty(LogAndRead(1, "b"));
        Assert.Equal(["[*] c"], LogAndRead(2, "c"));

        File.WriteAllText(logger.FilePath, "");
        scheduler.Reset!();
        Assert.StartsWith("[warning] Restarting logging from x.cs:1 (F): ", File.ReadAllLines(logger.FilePath)[^1]);

        Assert.Equal([message], LogAndRead(1, message));
        for (var i = 0; i < numLines + 2; i++)
        {
            Assert.Equal(["[http] " + message], LogAndRead(3, message, LogCategory.Http));
            Assert.Equal([message], LogAndRead(4, message, rateLimit: false));
        }

        logger.Close();
    }
}
