namespace Bitcoin.Common.Logging.Internal;

/// <summary>One log line before formatting (Core's <c>util::log::Entry</c>).</summary>
internal sealed record LogEntry(
    LogCategory Category,
    LogLevel Level,
    bool ShouldRateLimit,
    DateTime TimestampUtc,
    long MockTime,
    string ThreadName,
    string SourceFile,
    int SourceLine,
    string Function,
    string Message);
