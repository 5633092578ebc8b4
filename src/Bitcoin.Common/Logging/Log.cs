using System.Runtime.CompilerServices;

namespace Bitcoin.Common.Logging;

/// <summary>
/// The process-wide log, as Core's LogInfo / LogDebug(BCLog::X, ...) / LogTrace / LogWarning / LogError.
/// Info, Warning and Error always print; Debug and Trace print when their category is enabled (-debug=) at that level.
/// </summary>
public static class Log
{
    private static volatile ILogSink? s_sink;

    /// <summary>The installed sink, or null before logging starts.</summary>
    public static ILogSink? Sink
    {
        get => s_sink;
        set => s_sink = value;
    }

    /// <summary>True if a Debug/Trace line of this category would print: check before building an expensive message.</summary>
    public static bool IsEnabled(LogCategory category, LogLevel level) => s_sink?.IsEnabled(category, level) ?? false;

    public static void Info(string message, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0,
        [CallerMemberName] string function = "")
        => s_sink?.Write(LogCategory.None, LogLevel.Info, message, file, line, function);

    public static void Warning(string message, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0,
        [CallerMemberName] string function = "")
        => s_sink?.Write(LogCategory.None, LogLevel.Warning, message, file, line, function);

    public static void Error(string message, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0,
        [CallerMemberName] string function = "")
        => s_sink?.Write(LogCategory.None, LogLevel.Error, message, file, line, function);

    public static void Debug(LogCategory category, string message, [CallerFilePath] string file = "",
        [CallerLineNumber] int line = 0, [CallerMemberName] string function = "")
    {
        var sink = s_sink;
        if (sink != null && sink.IsEnabled(category, LogLevel.Debug))
            sink.Write(category, LogLevel.Debug, message, file, line, function);
    }

    public static void Trace(LogCategory category, string message, [CallerFilePath] string file = "",
        [CallerLineNumber] int line = 0, [CallerMemberName] string function = "")
    {
        var sink = s_sink;
        if (sink != null && sink.IsEnabled(category, LogLevel.Trace))
            sink.Write(category, LogLevel.Trace, message, file, line, function);
    }
}
