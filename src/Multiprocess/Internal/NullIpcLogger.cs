namespace Multiprocess.Internal;

/// <summary>The logger used when none is given: nothing is enabled.</summary>
internal sealed class NullIpcLogger : IIpcLogger
{
    public static readonly NullIpcLogger Instance = new();

    public bool IsEnabled(IpcLogLevel level) => false;

    public void Log(IpcLogLevel level, string message)
    {
    }
}
