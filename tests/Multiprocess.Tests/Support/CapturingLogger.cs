namespace Multiprocess.Tests.Support;

/// <summary>Collects IPC log lines (every level enabled) and lets a test wait for one.</summary>
public sealed class CapturingLogger : IIpcLogger
{
    private readonly List<(IpcLogLevel Level, string Line)> _lines = [];

    public IReadOnlyList<(IpcLogLevel Level, string Line)> Lines
    {
        get
        {
            lock (_lines)
                return [.. _lines];
        }
    }

    public bool IsEnabled(IpcLogLevel level) => true;

    public void Log(IpcLogLevel level, string message)
    {
        lock (_lines)
        {
            _lines.Add((level, message));
            Monitor.PulseAll(_lines);
        }
    }

    /// <summary>Blocks until <paramref name="count"/> lines containing <paramref name="fragment"/> were logged.</summary>
    public void WaitFor(string fragment, int count = 1)
    {
        lock (_lines)
        {
            while (_lines.Count(l => l.Line.Contains(fragment, StringComparison.Ordinal)) < count)
                Monitor.Wait(_lines);
        }
    }
}
