using System.Globalization;
using Bitcoin.Node.Init.Interop;

namespace Bitcoin.Node.Init.Daemon;

/// <summary>
/// The daemon child's end of the pipe back to the process that started it (Core's "umbilical" token pipe in
/// <c>fork_daemon</c>). The child reports once whether start-up succeeded; the parent, which waits for that report,
/// exits with status 0 on success and 1 otherwise. If the child dies first, the parent reads end-of-file and fails.
/// </summary>
public sealed class DaemonChannel : IDisposable
{
    /// <summary>The environment variable through which the parent tells the child the descriptor of the pipe.</summary>
    public const string EnvironmentVariable = "BITCOIN_DAEMON_READY_FD";

    private int _fd;

    private DaemonChannel(int fd) => _fd = fd;

    /// <summary>True while the report has not been sent.</summary>
    public bool IsOpen => _fd >= 0;

    /// <summary>
    /// The channel if this process was started as a daemon child (the environment variable names an open descriptor),
    /// else null. The variable is removed so that programs this process starts do not inherit it, and the descriptor
    /// is made close-on-exec for the same reason.
    /// </summary>
    public static DaemonChannel? FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (text is null)
            return null;
        Environment.SetEnvironmentVariable(EnvironmentVariable, null);
        if (OperatingSystem.IsWindows() ||
            !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var fd) || fd < 3)
        {
            return null;
        }

        if (LibC.FcntlInt(fd, LibC.F_SETFD, LibC.FD_CLOEXEC) != 0)
            return null;
        return new DaemonChannel(fd);
    }

    /// <summary>Sends the start-up result to the parent and closes the pipe. Later calls do nothing.</summary>
    public unsafe void Report(bool success)
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd < 0)
            return;
        byte token = success ? (byte)'1' : (byte)'0';
        // A parent that has gone away makes the write fail with EPIPE (SIGPIPE is ignored by .NET); nothing to do then.
        while (LibC.Write(fd, &token, 1) < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == LibC.EINTR)
        {
        }

        LibC.Close(fd);
    }

    /// <summary>Closes the pipe without a report: the parent then sees a failed start.</summary>
    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
            LibC.Close(fd);
    }
}
