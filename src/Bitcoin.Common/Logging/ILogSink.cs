namespace Bitcoin.Common.Logging;

/// <summary>
/// Where <see cref="Log"/> sends lines. The process installs one at start-up (normally <see cref="Logger.Instance"/>,
/// which buffers lines until <see cref="Logger.StartLogging"/> opens debug.log); until one is installed lines go nowhere.
/// </summary>
public interface ILogSink
{
    /// <summary>True if a line of this category and level would be written; lets callers skip formatting.</summary>
    bool IsEnabled(LogCategory category, LogLevel level);

    /// <summary>
    /// Writes one line. <paramref name="category"/> is <see cref="LogCategory.None"/> for unconditional lines, which are
    /// rate-limited per source location (Core's LogInfo/LogWarning/LogError); category lines are not.
    /// </summary>
    void Write(LogCategory category, LogLevel level, string message, string sourceFile, int sourceLine, string function);

    /// <summary>
    /// Writes one line, choosing explicitly whether it counts against the per-location rate limit (Core's
    /// <c>NO_RATE_LIMIT</c> tag turns it off, e.g. for UpdateTip lines during initial block download).
    /// </summary>
    void Write(LogCategory category, LogLevel level, string message, string sourceFile, int sourceLine, string function,
        bool rateLimit) => Write(category, level, message, sourceFile, sourceLine, function);
}
