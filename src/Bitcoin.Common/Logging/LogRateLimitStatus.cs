namespace Bitcoin.Common.Logging;

/// <summary>What <see cref="LogRateLimiter.Consume"/> decided for one line.</summary>
public enum LogRateLimitStatus
{
    /// <summary>The line fits within its location's quota.</summary>
    Unsuppressed,

    /// <summary>This line used up the quota: it is written, with a warning, and later lines are dropped from the file.</summary>
    NewlySuppressed,

    /// <summary>The location is over its quota: the line is not written to the file.</summary>
    StillSuppressed,
}
