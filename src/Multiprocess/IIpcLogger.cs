namespace Multiprocess;

/// <summary>
/// Where the IPC layer writes its log lines. Multiprocess knows no logging framework: an application wires this
/// to its own logger (Bitcoin: category <c>ipc</c>). Lines arrive complete, already prefixed with the thread
/// (<c>{bitcoin-node-123/b-msghand-456} IPC client send Echo.echo$Params</c>), and may come from any thread.
/// </summary>
public interface IIpcLogger
{
    /// <summary>True when lines of <paramref name="level"/> are wanted (checked before a line is formatted).</summary>
    bool IsEnabled(IpcLogLevel level);

    /// <summary>Writes one line.</summary>
    void Log(IpcLogLevel level, string message);
}
