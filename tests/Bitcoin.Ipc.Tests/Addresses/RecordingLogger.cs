using System.Collections.Concurrent;
using Multiprocess;

namespace Bitcoin.Ipc.Tests.Addresses;

/// <summary>Keeps every IPC log line, and lets a test wait for one.</summary>
internal sealed class RecordingLogger : IIpcLogger
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyCollection<string> Lines => _lines;

    public bool IsEnabled(IpcLogLevel level) => true;

    public void Log(IpcLogLevel level, string message)
    {
        _lines.Enqueue(message);
        _arrived.Release();
    }

    /// <summary>Waits until a line containing <paramref name="text"/> has been logged and returns it.</summary>
    public async Task<string> WaitForAsync(string text)
    {
        while (true)
        {
            var found = _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (found is not null)
                return found;
            await _arrived.WaitAsync(TimeSpan.FromMinutes(1));
        }
    }
}
