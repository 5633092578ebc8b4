using System.Runtime.CompilerServices;

namespace Bitcoin.Common.Logging;

/// <summary>
/// The process-wide log, as Core's LogInfo / LogDebug(BCLog::X, ...) / LogTrace / LogWarning / LogError.
/// Info, Warning and Error always print; Debug and Trace print when their category is enabled (-debug=) at that level.
/// Interpolated messages to <see cref="Debug(LogCategory, ref LogDebugStringHandler, string, int, string)"/> and
/// <see cref="Trace(LogCategory, ref LogTraceStringHandler, string, int, string)"/> are not even formatted when the
/// category is off, so <c>Log.Debug(LogCategory.Net, $"received {msg} from peer={id}")</c> costs nothing then.
/// </summary>
public static class Log
{
    private static volatile ILogSink? s_sink;
    private static volatile bool s_logIps;

    /// <summary>The installed sink, or null before logging starts.</summary>
    public static ILogSink? Sink
    {
        get => s_sink;
        set => s_sink = value;
    }

    /// <summary>
    /// Whether IP addresses may appear in log lines (<c>-logips</c>, default false); network code checks it before
    /// logging a peer's address.
    /// </summary>
    public static bool LogIps
    {
        get => s_logIps;
        set => s_logIps = value;
    }

    /// <summary>True if a Debug/Trace line of this category would print: check before building an expensive message.</summary>
    public static bool IsEnabled(LogCategory category, LogLevel level) => s_sink?.IsEnabled(category, level) ?? false;

    /// <summary>An unconditional, rate-limited line (Core's LogInfo).</summary>
    public static void Info(string message, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0,
        [CallerMemberName] string function = "")
        => s_sink?.Write(LogCategory.None, LogLevel.Info, message, file, line, function);

    /// <summary>
    /// An unconditional line exempt from rate limiting (Core's <c>LogInfo(NO_RATE_LIMIT, ...)</c>), for lines a node
    /// legitimately writes very often, such as "UpdateTip: new best=...".
    /// </summary>
    public static void InfoNoRateLimit(string message, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0,
        [CallerMemberName] string function = "")
        => s_sink?.Write(LogCategory.None, LogLevel.Info, message, file, line, function, rateLimit: false);

    /// <summary>An unconditional, rate-limited warning, printed with a "[warning] " prefix.</summary>
    public static void Warning(string message, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0,
        [CallerMemberName] string function = "")
        => s_sink?.Write(LogCategory.None, LogLevel.Warning, message, file, line, function);

    /// <summary>An unconditional, rate-limited error, printed with an "[error] " prefix.</summary>
    public static void Error(string message, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0,
        [CallerMemberName] string function = "")
        => s_sink?.Write(LogCategory.None, LogLevel.Error, message, file, line, function);

    /// <summary>A debug line of a category ("[net] ..."), printed only when the category is enabled at debug level.</summary>
    public static void Debug(LogCategory category, string message, [CallerFilePath] string file = "",
        [CallerLineNumber] int line = 0, [CallerMemberName] string function = "")
    {
        var sink = s_sink;
        if (sink != null && sink.IsEnabled(category, LogLevel.Debug))
            sink.Write(category, LogLevel.Debug, message, file, line, function);
    }

    /// <summary>A debug line built from an interpolated string that is only formatted when the line will print.</summary>
    public static void Debug(LogCategory category, [InterpolatedStringHandlerArgument("category")] ref LogDebugStringHandler message,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string function = "")
    {
        if (message.IsEnabled)
            s_sink?.Write(category, LogLevel.Debug, message.ToStringAndClear(), file, line, function);
    }

    /// <summary>A trace line of a category ("[net:trace] ..."), printed only when the category is enabled at trace level.</summary>
    public static void Trace(LogCategory category, string message, [CallerFilePath] string file = "",
        [CallerLineNumber] int line = 0, [CallerMemberName] string function = "")
    {
        var sink = s_sink;
        if (sink != null && sink.IsEnabled(category, LogLevel.Trace))
            sink.Write(category, LogLevel.Trace, message, file, line, function);
    }

    /// <summary>A trace line built from an interpolated string that is only formatted when the line will print.</summary>
    public static void Trace(LogCategory category, [InterpolatedStringHandlerArgument("category")] ref LogTraceStringHandler message,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string function = "")
    {
        if (message.IsEnabled)
            s_sink?.Write(category, LogLevel.Trace, message.ToStringAndClear(), file, line, function);
    }
}
