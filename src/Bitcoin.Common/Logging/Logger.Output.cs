using System.Globalization;
using System.Text;
using Bitcoin.Common.Logging.Internal;
using Bitcoin.Common.Util;

namespace Bitcoin.Common.Logging;

public sealed partial class Logger
{
    // Amount of debug.log kept when shrinking at start-up; shrinking happens above 110% of it.
    private const int RecentDebugHistorySize = 10 * 1_000_000;

    // Approximate per-line bookkeeping cost of a buffered line, as Core counts its list node.
    private const int BufferedEntryOverhead = 96;

    /// <summary>
    /// Opens <see cref="FilePath"/> for appending (when <see cref="PrintToFile"/>), writes five newlines to separate this
    /// run from the last, then writes the lines buffered so far (with a note if some were dropped). Returns false if the
    /// file cannot be opened; bitcoind then fails with "Could not open debug log file X".
    /// </summary>
    public bool StartLogging()
    {
        lock (_lock)
        {
            if (!_buffering)
                throw new InvalidOperationException("Logging has already started.");

            if (PrintToFile)
            {
                if (FilePath.Length == 0)
                    throw new InvalidOperationException("Set FilePath before starting to log to a file.");
                _file = AppendFile.Open(FilePath);
                if (_file is null)
                    return false;
                _file.Write("\n\n\n\n\n"u8);
            }

            _buffering = false;
            if (_bufferLinesDiscarded > 0)
            {
                LogPrintLocked(InternalEntry(LogLevel.Info,
                    $"Early logging buffer overflowed, {_bufferLinesDiscarded} log lines discarded.", false, DateTime.UtcNow));
            }

            while (_messagesBeforeOpen.First is { } node)
            {
                _messagesBeforeOpen.RemoveFirst();
                var text = Format(node.Value);
                if (PrintToFile)
                    _file!.Write(Encoding.UTF8.GetBytes(text));
                if (PrintToConsole)
                    WriteBytes(GetConsole(), text);
                foreach (var callback in _callbacks)
                    callback(text);
            }

            _currentBufferUsage = 0;
            if (PrintToConsole)
                GetConsole().Flush();
            return true;
        }
    }

    /// <summary>Starts logging nowhere (no file, no console): for tools that want no log at all.</summary>
    public void DisableLogging()
    {
        lock (_lock)
        {
            PrintToFile = false;
            PrintToConsole = false;
        }

        StartLogging();
    }

    /// <summary>Closes debug.log (at shutdown, or in tests); later lines go only to the console and callbacks.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _file?.Dispose();
            _file = null;
            PrintToFile = false;
        }
    }

    /// <summary>
    /// Keeps only the last 10 MB of debug.log if it has grown beyond 11 MB (<c>-shrinkdebugfile</c>, on by default
    /// unless <c>-debug</c> is given). Call before <see cref="StartLogging"/>.
    /// </summary>
    public void ShrinkDebugFile()
    {
        lock (_lock)
        {
            if (FilePath.Length == 0)
                throw new InvalidOperationException("Set FilePath before shrinking the debug log.");
            try
            {
                var info = new FileInfo(FilePath);
                if (!info.Exists || info.Length <= 11L * (RecentDebugHistorySize / 10))
                    return;
                var recent = new byte[RecentDebugHistorySize];
                int read;
                using (var input = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
                {
                    input.Seek(-recent.Length, SeekOrigin.End);
                    read = input.ReadAtLeast(recent, recent.Length, throwOnEndOfStream: false);
                }

                File.WriteAllBytes(FilePath, recent.AsSpan(0, read).ToArray());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogPrintLocked(InternalEntry(LogLevel.Warning, $"Failed to shrink debug log file: {e.Message}", true, DateTime.UtcNow));
            }
        }
    }

    private void LogPrintLocked(LogEntry entry)
    {
        if (_buffering)
        {
            _currentBufferUsage += MemoryUsage(entry);
            _messagesBeforeOpen.AddLast(entry);
            while (_currentBufferUsage > MaxBufferMemoryUsage)
            {
                if (_messagesBeforeOpen.First is not { } oldest)
                {
                    _currentBufferUsage = 0;
                    break;
                }

                _currentBufferUsage -= MemoryUsage(oldest.Value);
                _messagesBeforeOpen.RemoveFirst();
                _bufferLinesDiscarded++;
            }

            return;
        }

        var text = Format(entry);
        var dropFromFile = false;
        if (entry.ShouldRateLimit && _limiter is not null)
        {
            var status = _limiter.Consume(entry.SourceFile, entry.SourceLine, entry.Function, text);
            if (status == LogRateLimitStatus.NewlySuppressed)
            {
                LogPrintLocked(InternalEntry(LogLevel.Warning,
                    $"Excessive logging detected from {ShortSourcePath(entry.SourceFile)}:{entry.SourceLine} ({entry.Function}): >{_limiter.MaxBytes} bytes logged during " +
                    $"the last time window of {(long)_limiter.ResetWindow.TotalSeconds}s. Suppressing logging to disk from this " +
                    "source location until time window resets. Console logging unaffected. Last log entry.", false, entry.TimestampUtc));
            }
            else if (status == LogRateLimitStatus.StillSuppressed)
            {
                dropFromFile = true;
            }
        }

        // While any location is suppressed every line is marked, so a reader knows lines are missing.
        if (_limiter is { SuppressionsActive: true })
            text = "[*] " + text;

        if (PrintToConsole)
        {
            var console = GetConsole();
            WriteBytes(console, text);
            console.Flush();
        }

        foreach (var callback in _callbacks)
            callback(text);

        if (PrintToFile && !dropFromFile && _file is not null)
        {
            if (_reopenFile)
            {
                _reopenFile = false;
                if (AppendFile.Open(FilePath) is { } reopened)
                {
                    _file.Dispose();
                    _file = reopened;
                }
            }

            _file.Write(Encoding.UTF8.GetBytes(text));
        }
    }

    private string Format(LogEntry entry)
    {
        var line = new StringBuilder(entry.Message.Length + 80);
        AppendTimestamp(line, entry.TimestampUtc, entry.MockTime);
        if (LogThreadNames)
            line.Append('[').Append(entry.ThreadName.Length == 0 ? "unknown" : entry.ThreadName).Append("] ");
        if (LogSourceLocations)
        {
            line.Append('[').Append(ShortSourcePath(entry.SourceFile)).Append(':')
                .Append(entry.SourceLine.ToString(CultureInfo.InvariantCulture)).Append("] [").Append(entry.Function).Append("] ");
        }

        line.Append(GetLogPrefix(entry.Category, entry.Level));
        AppendEscaped(line, entry.Message);
        if (line.Length == 0 || line[^1] != '\n')
            line.Append('\n');
        return line.ToString();
    }

    private void AppendTimestamp(StringBuilder line, DateTime timestampUtc, long mockTime)
    {
        if (!LogTimestamps)
            return;
        line.Append(timestampUtc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        if (LogTimeMicros)
        {
            var micros = (timestampUtc.Ticks % TimeSpan.TicksPerSecond) / (TimeSpan.TicksPerMillisecond / 1000);
            line.Append('.').Append(micros.ToString("D6", CultureInfo.InvariantCulture));
        }

        line.Append('Z');
        if (mockTime > 0)
            line.Append(" (mocktime: ").Append(NodeClock.FormatIso8601DateTime(mockTime)).Append(')');
        line.Append(' ');
    }

    /// <summary>
    /// "[category] " for debug lines, "[category:level] " for other levels of a category, "[level] " for unconditional
    /// lines other than info, nothing for unconditional info lines (unless <see cref="AlwaysPrintCategoryLevel"/>).
    /// </summary>
    private string GetLogPrefix(LogCategory category, LogLevel level)
    {
        if (category == LogCategory.None)
            category = LogCategory.All;
        var hasCategory = AlwaysPrintCategoryLevel || category != LogCategory.All;
        if (!hasCategory && level == LogLevel.Info)
            return string.Empty;

        var prefix = new StringBuilder("[");
        if (hasCategory)
            prefix.Append(LogCategoryNames.ToName(category));
        if (AlwaysPrintCategoryLevel || !hasCategory || level != LogLevel.Debug)
        {
            if (hasCategory)
                prefix.Append(':');
            prefix.Append(LogCategoryNames.ToName(level));
        }

        return prefix.Append("] ").ToString();
    }

    // Control characters other than newline could fool a terminal or a log reader: show them as \xNN.
    private static void AppendEscaped(StringBuilder line, string message)
    {
        foreach (var c in message)
        {
            if ((c >= 32 || c == '\n') && c != '\x7f')
                line.Append(c);
            else
                line.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The source path as Core prints it: relative to the repository's src/ directory ("Bitcoin.Kernel/Validation.cs").</summary>
    internal static string ShortSourcePath(string path)
    {
        var normalized = path.Replace('\\', '/');
        var src = normalized.LastIndexOf("/src/", StringComparison.Ordinal);
        if (src >= 0)
            return normalized[(src + 5)..];
        return normalized.StartsWith("./", StringComparison.Ordinal) ? normalized[2..] : normalized;
    }

    private static long MemoryUsage(LogEntry entry) =>
        (long)(entry.Message.Length + entry.ThreadName.Length) * sizeof(char) + BufferedEntryOverhead;

    private Stream GetConsole() => ConsoleOutput ?? (_console ??= Console.OpenStandardOutput());

    private static void WriteBytes(Stream stream, string text)
    {
        try
        {
            stream.Write(Encoding.UTF8.GetBytes(text));
        }
        catch (IOException)
        {
            // A full disk or closed console must not take the node down; Core ignores fwrite errors too.
        }
    }
}
