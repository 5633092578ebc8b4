using System.Collections.Concurrent;
using Bitcoin.Common.Logging;

namespace Bitcoin.Kernel.Tests.Validation.Support;

/// <summary>
/// A process-wide log sink for tests that assert on log lines. Installed once; lines from concurrently running
/// tests mix, so assertions look for text unique to the test (e.g. a block hash).
/// </summary>
internal sealed class LogCapture : ILogSink
{
    private static readonly Lazy<LogCapture> s_instance = new(() =>
    {
        var capture = new LogCapture(Log.Sink);
        Log.Sink = capture;
        return capture;
    });

    private readonly ILogSink? _next;
    private readonly ConcurrentQueue<string> _lines = new();

    private LogCapture(ILogSink? next)
    {
        _next = next;
    }

    public static LogCapture Instance => s_instance.Value;

    public IEnumerable<string> Lines => _lines;

    public bool IsEnabled(LogCategory category, LogLevel level) =>
        level >= LogLevel.Info || (_next?.IsEnabled(category, level) ?? false);

    public void Write(LogCategory category, LogLevel level, string message, string sourceFile, int sourceLine, string function)
    {
        if (level >= LogLevel.Info) _lines.Enqueue(message);
        if (_next is not null && _next.IsEnabled(category, level)) _next.Write(category, level, message, sourceFile, sourceLine, function);
    }
}
