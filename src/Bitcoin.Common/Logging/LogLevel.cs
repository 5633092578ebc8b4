namespace Bitcoin.Common.Logging;

/// <summary>Severity of a log line, as Core's BCLog::Level (names print in lower case: "trace", "debug", ...).</summary>
public enum LogLevel
{
    Trace = 0,
    Debug = 1,
    Info = 2,
    Warning = 3,
    Error = 4,
}
