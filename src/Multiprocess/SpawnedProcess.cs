using System.Diagnostics;

namespace Multiprocess;

/// <summary>
/// A child process started by <see cref="IpcProcess.Spawn"/> and the IPC connection to it. Disposing closes the
/// connection (the child then ends: it serves only while its parent is there) and waits for the child to exit.
/// </summary>
public sealed class SpawnedProcess : IAsyncDisposable
{
    private readonly Action<int> _signal;

    internal SpawnedProcess(string exeName, int pid, IpcConnection connection, Task<int> exited, Action<int> signal)
    {
        ExeName = exeName;
        Pid = pid;
        Connection = connection;
        Exited = exited;
        _signal = signal;
    }

    /// <summary>The executable's name, as given to <see cref="IpcProcess.Spawn"/>.</summary>
    public string ExeName { get; }

    /// <summary>The child's process id.</summary>
    public int Pid { get; }

    /// <summary>The connection to the child (it serves its Init on it: <see cref="IpcConnection.ConnectInit{TClient}"/>).</summary>
    public IpcConnection Connection { get; }

    /// <summary>Completes when the child has exited, with its status as Core logs it (the raw wait status on Unix:
    /// 0 for a clean exit, the exit code times 256, or the number of the signal that killed it; the exit code
    /// on Windows).</summary>
    public Task<int> Exited { get; }

    /// <summary>Ends the child at once (SIGKILL; TerminateProcess on Windows).</summary>
    public void Kill()
    {
        if (!Exited.IsCompleted)
            _signal(9);
    }

    /// <summary>Closes the connection and waits for the child to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync().ConfigureAwait(false);
        await Exited.ConfigureAwait(false);
    }

    internal static Action<int> WindowsKill(Process process) => _ => process.Kill();
}
