namespace Bitcoin.Common.Logging;

/// <summary>
/// Where <see cref="Log"/> sends lines. The process installs one at start-up (debug.log, console); until then lines
/// go nowhere, as in Core before StartLogging buffers are flushed.
/// </summary>
public interface ILogSink
{
    /// <summary>True if a line of this category and level would be written; lets callers skip formatting.</summary>
    bool IsEnabled(LogCategory category, LogLevel level);

    /// <summary>Writes one line. <paramref name="category"/> is <see cref="LogCategory.None"/> for unconditional lines.</summary>
    void Write(LogCategory category, LogLevel level, string message, string sourceFile, int sourceLine, string function);
}
