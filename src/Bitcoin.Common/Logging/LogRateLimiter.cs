using System.Text;

namespace Bitcoin.Common.Logging;

/// <summary>
/// Per-source-location quota on unconditional log lines, as Core's <c>BCLog::LogRateLimiter</c>: each location (file
/// and line) may write <see cref="MaxBytes"/> bytes per window; beyond that its lines stop reaching debug.log (the
/// console still gets them) until the window resets. Protects the disk against a peer that triggers a log line at will.
/// </summary>
public sealed class LogRateLimiter : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string File, int Line), Stats> _locations = new();
    private volatile bool _suppressionActive;
    private Timer? _timer;

    private LogRateLimiter(ulong maxBytes, TimeSpan resetWindow)
    {
        MaxBytes = maxBytes;
        ResetWindow = resetWindow;
    }

    /// <summary>Bytes each location may log per window.</summary>
    public ulong MaxBytes { get; }

    /// <summary>The window after which every quota is restored.</summary>
    public TimeSpan ResetWindow { get; }

    /// <summary>True while any location is suppressed (lines are then prefixed with "[*] ").</summary>
    public bool SuppressionsActive => _suppressionActive;

    // Set by the logger that uses this limiter: receives the "Restarting logging" warnings.
    internal Action<string>? RestartWarning { get; set; }

    /// <summary>
    /// Creates a limiter whose <see cref="Reset"/> is scheduled by <paramref name="scheduleEvery"/> (called once with
    /// the reset action and the window), e.g. the node's scheduler; the scheduled action holds the limiter weakly.
    /// </summary>
    public static LogRateLimiter Create(Action<Action, TimeSpan> scheduleEvery, ulong maxBytes, TimeSpan resetWindow)
    {
        var limiter = new LogRateLimiter(maxBytes, resetWindow);
        var weak = new WeakReference<LogRateLimiter>(limiter);
        scheduleEvery(() =>
        {
            if (weak.TryGetTarget(out var target))
                target.Reset();
        }, resetWindow);
        return limiter;
    }

    /// <summary>Creates a limiter reset by its own timer every <paramref name="resetWindow"/>; dispose it to stop the timer.</summary>
    public static LogRateLimiter CreateWithTimer(ulong maxBytes, TimeSpan resetWindow)
    {
        Timer? timer = null;
        var limiter = Create((reset, window) => timer = new Timer(_ => reset(), null, window, window), maxBytes, resetWindow);
        limiter._timer = timer;
        return limiter;
    }

    /// <summary>Charges <paramref name="text"/>'s UTF-8 size to its source location and says whether it may be written.</summary>
    public LogRateLimitStatus Consume(string sourceFile, int sourceLine, string function, string text)
    {
        lock (_lock)
        {
            var key = (sourceFile, sourceLine);
            if (!_locations.TryGetValue(key, out var stats))
                _locations[key] = stats = new Stats(MaxBytes) { Function = function };
            var status = stats.DroppedBytes > 0 ? LogRateLimitStatus.StillSuppressed : LogRateLimitStatus.Unsuppressed;
            if (!stats.Consume((ulong)Encoding.UTF8.GetByteCount(text)) && status == LogRateLimitStatus.Unsuppressed)
            {
                status = LogRateLimitStatus.NewlySuppressed;
                _suppressionActive = true;
            }

            return status;
        }
    }

    /// <summary>
    /// Restores every quota and reports each location that dropped bytes ("Restarting logging from file:line (func):
    /// N bytes were dropped during the last Ns.").
    /// </summary>
    public void Reset()
    {
        KeyValuePair<(string File, int Line), Stats>[] locations;
        lock (_lock)
        {
            locations = _locations.ToArray();
            _locations.Clear();
            _suppressionActive = false;
        }

        foreach (var ((file, line), stats) in locations)
        {
            if (stats.DroppedBytes == 0)
                continue;
            RestartWarning?.Invoke(
                $"Restarting logging from {Logger.ShortSourcePath(file)}:{line} ({stats.Function}): {stats.DroppedBytes} bytes were dropped during the last {(long)ResetWindow.TotalSeconds}s.");
        }
    }

    /// <summary>Stops the reset timer of a limiter made by <see cref="CreateWithTimer"/>.</summary>
    public void Dispose() => _timer?.Dispose();

    /// <summary>The quota of one source location.</summary>
    internal sealed class Stats(ulong maxBytes)
    {
        /// <summary>Bytes the location may still log in this window.</summary>
        internal ulong AvailableBytes { get; private set; } = maxBytes;

        /// <summary>Bytes refused in this window.</summary>
        internal ulong DroppedBytes { get; private set; }

        /// <summary>The function at the location, for messages.</summary>
        internal string Function { get; set; } = string.Empty;

        /// <summary>Takes <paramref name="bytes"/> from the quota; false (and the quota emptied) if they do not fit.</summary>
        internal bool Consume(ulong bytes)
        {
            if (bytes > AvailableBytes)
            {
                DroppedBytes += bytes;
                AvailableBytes = 0;
                return false;
            }

            AvailableBytes -= bytes;
            return true;
        }
    }
}
