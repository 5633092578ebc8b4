using System.Diagnostics;
using Bitcoin.Common.Logging;

namespace Bitcoin.Wallet.Internal;

/// <summary>Runs -walletnotify commands through the shell without waiting (Core's runCommand on a detached thread).</summary>
internal static class ShellCommand
{
    /// <summary>Starts <paramref name="command"/> with /bin/sh -c (cmd.exe /c on Windows); logs a failure.</summary>
    public static void RunDetached(string command)
    {
        var thread = new Thread(() =>
        {
            try
            {
                var info = OperatingSystem.IsWindows()
                    ? new ProcessStartInfo("cmd.exe", ["/c", command])
                    : new ProcessStartInfo("/bin/sh", ["-c", command]);
                info.UseShellExecute = false;
                using var process = Process.Start(info);
                process?.WaitForExit();
                if (process is { ExitCode: not 0 })
                    Log.Error($"runCommand error: system({command}) returned {process.ExitCode}");
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                Log.Error($"runCommand error: system({command}) failed: {e.Message}");
            }
        })
        { IsBackground = true, Name = "walletnotify" };
        thread.Start();
    }

    /// <summary>Quotes a value for a POSIX shell (Core's ShellEscape).</summary>
    public static string Escape(string value) => "'" + value.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
}
