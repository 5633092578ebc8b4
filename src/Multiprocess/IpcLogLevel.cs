namespace Multiprocess;

/// <summary>The levels of IPC log messages, as libmultiprocess has them. Bitcoin maps Trace to
/// <c>-loglevel=ipc:trace</c>, Debug to <c>-debug=ipc</c>, and logs Info, Warning and Error unconditionally.</summary>
public enum IpcLogLevel
{
    /// <summary>Message contents (<c>send data:</c>, <c>request data:</c>, ...).</summary>
    Trace,

    /// <summary>One line per request and response (<c>IPC client send ...</c>).</summary>
    Debug,

    /// <summary>Connections opened and closed, first use of a thread.</summary>
    Info,

    /// <summary>Unexpected disconnects and failed cleanups.</summary>
    Warning,

    /// <summary>Requests that failed on the server.</summary>
    Error,
}
