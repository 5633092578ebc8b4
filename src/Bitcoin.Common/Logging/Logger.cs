using Bitcoin.Common.Logging.Internal;
using Bitcoin.Common.Util;

namespace Bitcoin.Common.Logging;

/// <summary>
/// The debug log, as Core's <c>BCLog::Logger</c>: formats lines exactly as Core (timestamps, thread names, source
/// locations, "[category:level]" prefixes), filters debug categories and levels, buffers lines until
/// <see cref="StartLogging"/>, then writes debug.log and/or the console, rate-limiting unconditional lines per source
/// location. Install <see cref="Instance"/> as <see cref="Log.Sink"/> first thing at start-up; configure it with
/// <see cref="LoggingInit"/>. Thread-safe.
/// </summary>
public sealed partial class Logger : ILogSink
{
    /// <summary>debug.log's default name in the network data directory.</summary>
    public const string DefaultDebugLogFile = "debug.log";

    /// <summary>Default threshold for Debug/Trace lines of enabled categories.</summary>
    public const LogLevel DefaultLogLevel = LogLevel.Debug;

    /// <summary>Bytes of early lines kept before <see cref="StartLogging"/>; older ones are dropped and counted.</summary>
    public const long DefaultMaxLogBuffer = 1_000_000;

    /// <summary>Bytes each source location may log per <see cref="RateLimitWindow"/>.</summary>
    public const ulong RateLimitMaxBytes = 1UL << 20;

    /// <summary>The rate-limiting window.</summary>
    public static readonly TimeSpan RateLimitWindow = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private readonly LinkedList<LogEntry> _messagesBeforeOpen = new();
    // Copy-on-write, so that lines are written and levels read without holding the lock.
    private volatile Action<string>[] _callbacks = [];
    private volatile Dictionary<LogCategory, LogLevel> _categoryLevels = new();
    private AppendFile? _file;
    private Stream? _console;
    private volatile bool _buffering = true;
    private long _currentBufferUsage;
    private long _bufferLinesDiscarded;
    private LogRateLimiter? _limiter;
    private volatile bool _reopenFile;
    private int _logLevel = (int)DefaultLogLevel;
    private ulong _categories;

    /// <summary>The process's logger (Core's <c>LogInstance()</c>).</summary>
    public static Logger Instance { get; } = new();

    /// <summary>Write lines to the console (<c>-printtoconsole</c>).</summary>
    public bool PrintToConsole { get; set; }

    /// <summary>Write lines to <see cref="FilePath"/> (false with <c>-nodebuglogfile</c>).</summary>
    public bool PrintToFile { get; set; }

    /// <summary>Prefix lines with an ISO-8601 UTC timestamp (<c>-logtimestamps</c>, default true).</summary>
    public bool LogTimestamps { get; set; } = true;

    /// <summary>Add microseconds to timestamps (<c>-logtimemicros</c>).</summary>
    public bool LogTimeMicros { get; set; }

    /// <summary>Prefix lines with "[thread name]" (<c>-logthreadnames</c>).</summary>
    public bool LogThreadNames { get; set; }

    /// <summary>Prefix lines with "[file:line] [function]" (<c>-logsourcelocations</c>).</summary>
    public bool LogSourceLocations { get; set; }

    /// <summary>Always print "[category:level]", even for plain info lines (<c>-loglevelalways</c>).</summary>
    public bool AlwaysPrintCategoryLevel { get; set; }

    /// <summary>The debug log file (absolute); set before <see cref="StartLogging"/>.</summary>
    public string FilePath { get; set; } = string.Empty;

    /// <summary>Where console lines go; null means standard output.</summary>
    public Stream? ConsoleOutput { get; set; }

    /// <summary>True if lines go anywhere: still buffering, console, file or a callback.</summary>
    public bool Enabled => _buffering || PrintToConsole || PrintToFile || _callbacks.Length > 0;

    /// <inheritdoc/>
    public bool IsEnabled(LogCategory category, LogLevel level) => WillLogCategoryLevel(category, level) && Enabled;

    /// <inheritdoc/>
    public void Write(LogCategory category, LogLevel level, string message, string sourceFile, int sourceLine, string function) =>
        Write(category, level, message, sourceFile, sourceLine, function, rateLimit: category == LogCategory.None);

    /// <inheritdoc/>
    public void Write(LogCategory category, LogLevel level, string message, string sourceFile, int sourceLine, string function,
        bool rateLimit)
    {
        var entry = new LogEntry(category, level, rateLimit, DateTime.UtcNow, NodeClock.GetMockTime(),
            ThreadNames.GetInternalName(), sourceFile, sourceLine, function, message);
        lock (_lock)
        {
            if (!Enabled)
                return;
            LogPrintLocked(entry);
        }
    }

    /// <summary>
    /// Calls <paramref name="callback"/> with every formatted line (including its newline) from now on, as Core's
    /// <c>PushBackCallback</c>; dispose the result to stop. Used by tests and by a GUI console.
    /// </summary>
    public IDisposable AddCallback(Action<string> callback)
    {
        lock (_lock)
            _callbacks = [.. _callbacks, callback];
        return new CallbackRegistration(this, callback);
    }

    /// <summary>Number of connected callbacks.</summary>
    public int CallbackCount => _callbacks.Length;

    /// <summary>Applies (or with null removes) per-location rate limiting of unconditional lines.</summary>
    public void SetRateLimiting(LogRateLimiter? limiter)
    {
        lock (_lock)
        {
            _limiter = limiter;
            if (limiter is not null)
            {
                limiter.RestartWarning = message => LogInternal(LogLevel.Warning, message, rateLimit: false);
            }
        }
    }

    /// <summary>
    /// Reopens debug.log before the next line (after log rotation moved it away); call from the SIGHUP handler. Safe to
    /// call from any thread at any time.
    /// </summary>
    public void Reopen() => _reopenFile = true;

    /// <summary>Caps the memory used by lines buffered before <see cref="StartLogging"/> (default 1 MB).</summary>
    public long MaxBufferMemoryUsage { get; set; } = DefaultMaxLogBuffer;

    // Lines the logger writes about itself, attributed to the logger's own source location.
    private void LogInternal(LogLevel level, string message, bool rateLimit,
        [System.Runtime.CompilerServices.CallerFilePath] string file = "", [System.Runtime.CompilerServices.CallerLineNumber] int line = 0,
        [System.Runtime.CompilerServices.CallerMemberName] string function = "")
    {
        lock (_lock)
            LogPrintLocked(InternalEntry(level, message, rateLimit, DateTime.UtcNow, file, line, function));
    }

    private static LogEntry InternalEntry(LogLevel level, string message, bool rateLimit, DateTime timestampUtc,
        [System.Runtime.CompilerServices.CallerFilePath] string file = "", [System.Runtime.CompilerServices.CallerLineNumber] int line = 0,
        [System.Runtime.CompilerServices.CallerMemberName] string function = "") =>
        new(LogCategory.None, level, rateLimit, timestampUtc, NodeClock.GetMockTime(), ThreadNames.GetInternalName(), file, line, function, message);

    private sealed class CallbackRegistration(Logger logger, Action<string> callback) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            lock (logger._lock)
            {
                var index = Array.IndexOf(logger._callbacks, callback);
                if (index >= 0)
                    logger._callbacks = [.. logger._callbacks[..index], .. logger._callbacks[(index + 1)..]];
            }
        }
    }
}
