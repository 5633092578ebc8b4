using System.Diagnostics;
using System.Text;
using Bitcoin.Common.Logging;

namespace Bitcoin.Node.Context;

/// <summary>
/// Runs the user's notification commands (<c>-blocknotify</c>, <c>-alertnotify</c>, <c>-startupnotify</c>,
/// <c>-shutdownnotify</c>) through the shell, as Core's <c>runCommand</c> does with <c>system()</c>.
/// </summary>
public static class ShellCommand
{
    private const string AlphaNumeric = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string SafeDefault = AlphaNumeric + " .,;-_/:?@()";

    /// <summary>
    /// Runs <paramref name="command"/> with <c>/bin/sh -c</c> and waits for it; a non-zero status is logged as Core's
    /// "runCommand error: system(cmd) returned N" (N being the raw wait status, the exit code times 256).
    /// </summary>
    public static void Run(string command)
    {
        if (string.IsNullOrEmpty(command))
            return;
        int status;
        try
        {
            using var process = Process.Start(StartInfo(command));
            if (process is null)
                return;
            process.WaitForExit();
            status = process.ExitCode << 8;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            status = 127 << 8;
        }

        if (status != 0)
            Log.Warning($"runCommand error: system({command}) returned {status}");
    }

    /// <summary>Runs <paramref name="command"/> on a background thread without waiting (Core's detached runCommand thread).</summary>
    public static void RunDetached(string command)
    {
        if (string.IsNullOrEmpty(command))
            return;
        var thread = new Thread(() => Run(command)) { IsBackground = true, Name = "b-runcommand" };
        thread.Start();
    }

    /// <summary>
    /// Keeps only letters, digits and " .,;-_/:?@()" (Core's <c>SanitizeString</c>), so that text from elsewhere can be
    /// passed to the shell inside single quotes.
    /// </summary>
    public static string Sanitize(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (SafeDefault.Contains(c, StringComparison.Ordinal))
                result.Append(c);
        }

        return result.ToString();
    }

    private static ProcessStartInfo StartInfo(string command)
    {
        var info = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/c", command } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command } };
        info.UseShellExecute = false;
        return info;
    }
}
