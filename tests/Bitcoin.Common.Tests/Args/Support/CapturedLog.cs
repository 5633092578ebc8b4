using Bitcoin.Common.Logging;

namespace Bitcoin.Common.Tests.Args.Support;

/// <summary>Installs a started, file-less logger as the global sink and records every formatted line.</summary>
public sealed class CapturedLog : IDisposable
{
    private readonly ILogSink? _previous;
    private readonly List<string> _lines = [];
    private readonly IDisposable _subscription;

    public CapturedLog()
    {
        Logger = new Logger { LogTimestamps = false };
        _subscription = Logger.AddCallback(line =>
        {
            lock (_lines)
                _lines.Add(line);
        });
        Logger.StartLogging();
        _previous = Log.Sink;
        Log.Sink = Logger;
    }

    public Logger Logger { get; }

    public string Text
    {
        get
        {
            lock (_lines)
                return string.Concat(_lines);
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
                return _lines.Select(l => l.TrimEnd('\n')).ToList();
        }
    }

    public void Dispose()
    {
        Log.Sink = _previous;
        _subscription.Dispose();
    }
}
