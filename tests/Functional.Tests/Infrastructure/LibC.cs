using System.Runtime.InteropServices;

namespace Functional.Tests.Infrastructure;

/// <summary>The libc calls the tests need: sending signals to the node.</summary>
internal static partial class LibC
{
    internal const int SIGKILL = 9;
    internal const int SIGTERM = 15;
    internal const int SIGINT = 2;
    internal const int SIGHUP = 1;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; throws if the process does not exist.</summary>
    public static void Kill(int pid, int signal)
    {
        if (KillNative(pid, signal) != 0)
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    /// <summary>
    /// True if a live process with this id exists. A zombie (exited, not yet reaped: daemons are reparented and a
    /// container's init may reap late) counts as gone.
    /// </summary>
    public static bool ProcessExists(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart();
            return state.Length > 0 && state[0] != 'Z' && state[0] != 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
