using Bitcoin.Common.Logging;
using Multiprocess;

namespace Bitcoin.Ipc;

/// <summary>
/// Writes the IPC layer's log lines to the process's log as Core does: trace lines at <c>-loglevel=ipc:trace</c>,
/// debug lines with <c>-debug=ipc</c>, and info, warnings and errors always, prefixed <c>ipc: </c>.
/// </summary>
public sealed class IpcLogAdapter : IIpcLogger
{
    /// <summary>The one instance (logging goes to the process-wide <see cref="Log"/>).</summary>
    public static IpcLogAdapter Instance { get; } = new();

    private IpcLogAdapter()
    {
    }

    /// <inheritdoc/>
    public bool IsEnabled(IpcLogLevel level) => level switch
    {
        IpcLogLevel.Trace => Common.Logging.Log.IsEnabled(LogCategory.Ipc, LogLevel.Trace),
        IpcLogLevel.Debug => Common.Logging.Log.IsEnabled(LogCategory.Ipc, LogLevel.Debug),
        _ => true,
    };

    /// <inheritdoc/>
    public void Log(IpcLogLevel level, string message)
    {
        switch (level)
        {
            case IpcLogLevel.Trace:
                Common.Logging.Log.Trace(LogCategory.Ipc, message);
                break;
            case IpcLogLevel.Debug:
                Common.Logging.Log.Debug(LogCategory.Ipc, message);
                break;
            case IpcLogLevel.Info:
                Common.Logging.Log.Info("ipc: " + message);
                break;
            case IpcLogLevel.Warning:
                Common.Logging.Log.Warning("ipc: " + message);
                break;
            default:
                Common.Logging.Log.Error("ipc: " + message);
                break;
        }
    }
}
