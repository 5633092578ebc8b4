using Bitcoin.Common.Util.Interop;

namespace Bitcoin.Common.Util;

/// <summary>Process-wide settings every executable applies first (Core's <c>SetupEnvironment</c>).</summary>
public static class ProcessEnvironment
{
    /// <summary>
    /// Makes files and directories the process creates private to its user (umask 077), as Core does: debug.log, the
    /// RPC cookie, wallets and the data directory are not readable by others. No effect on Windows.
    /// </summary>
    public static void ApplyPrivateUmask()
    {
        if (!OperatingSystem.IsWindows())
            LibC.Umask(Convert.ToUInt32("077", 8));
    }
}
