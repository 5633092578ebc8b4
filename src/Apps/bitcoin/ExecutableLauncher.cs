using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Apps.bitcoin.Interop;

namespace Apps.bitcoin;

/// <summary>
/// Finds and runs the executable a command names, as Core's wrapper does: in <c>../libexec</c> when this wrapper is in a
/// <c>bin/</c> directory, then next to the wrapper, then (only when the wrapper itself was found through PATH) on PATH.
/// On Unix the executable replaces this process (same pid, signals and exit status); on Windows it runs as a child
/// whose exit status is returned.
/// </summary>
internal static class ExecutableLauncher
{
    /// <summary>
    /// The name this process was started as (its <c>argv[0]</c>, from <c>/proc/self/cmdline</c> on Linux): tells whether
    /// the wrapper was run by path or found on PATH, and appears in messages.
    /// </summary>
    public static string InvokedAs()
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                var cmdline = File.ReadAllBytes("/proc/self/cmdline");
                int end = Array.IndexOf(cmdline, (byte)0);
                var first = Encoding.UTF8.GetString(cmdline, 0, end < 0 ? cmdline.Length : end);
                if (first.Length > 0 && !Path.GetFileNameWithoutExtension(first).Equals("dotnet", StringComparison.Ordinal))
                    return first;
            }
        }
        catch (IOException)
        {
            // Fall through to the executable's own path.
        }
        return Environment.ProcessPath ?? "bitcoin";
    }

    /// <summary>
    /// Runs <paramref name="command"/> (executable name first). Does not return on Unix when the executable starts;
    /// throws <see cref="IOException"/> with Core's message ("execvp failed to execute '…': No such file or
    /// directory") when it cannot be run.
    /// </summary>
    public static int Exec(IReadOnlyList<string> command, string argv0)
    {
        var name = command[0];
        var wrapperDir = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        // Only a wrapper found through PATH may run executables found through PATH: a wrapper run from a build
        // directory must not start whatever version happens to be installed.
        bool searchPath = !argv0.Contains('/', StringComparison.Ordinal) && !argv0.Contains('\\', StringComparison.Ordinal);

        if (Path.GetFileName(wrapperDir) == "bin"
            && TryExec(Path.Combine(Path.GetDirectoryName(wrapperDir)!, "libexec", name), command, allowNotFound: true, out int status))
            return status;
        if (TryExec(Path.Combine(wrapperDir, name), command, allowNotFound: searchPath, out status))
            return status;
        if (searchPath && TryExec(name, command, allowNotFound: false, out status))
            return status;
        throw new IOException($"execvp failed to execute '{name}': No such file or directory");
    }

    private static bool TryExec(string path, IReadOnlyList<string> command, bool allowNotFound, out int status)
    {
        status = 0;
        if (OperatingSystem.IsWindows())
            return TryRunChild(path, command, allowNotFound, out status);

        int errno = ExecUnix(path, command);
        if (allowNotFound && errno == LibC.ENOENT)
            return false;
        throw new IOException($"execvp failed to execute '{path}': {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <summary>Replaces the process with <paramref name="path"/>; returns the errno only when that failed.</summary>
    private static unsafe int ExecUnix(string path, IReadOnlyList<string> command)
    {
        var allocated = new List<nint>(command.Count + 1);
        try
        {
            nint file = Marshal.StringToCoTaskMemUTF8(path);
            allocated.Add(file);
            var argv = new nint[command.Count + 1];
            argv[0] = file;
            for (int i = 1; i < command.Count; i++)
            {
                argv[i] = Marshal.StringToCoTaskMemUTF8(command[i]);
                allocated.Add(argv[i]);
            }
            fixed (nint* pointers = argv)
            {
                LibC.Execvp((byte*)file, (byte**)pointers);
            }
            return Marshal.GetLastPInvokeError();
        }
        finally
        {
            foreach (var pointer in allocated)
                Marshal.FreeCoTaskMem(pointer);
        }
    }

    private static bool TryRunChild(string path, IReadOnlyList<string> command, bool allowNotFound, out int status)
    {
        status = 0;
        var executable = path.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? path : path + ".exe";
        if (Path.IsPathRooted(executable) && !File.Exists(executable))
        {
            if (allowNotFound)
                return false;
            throw new IOException($"execvp failed to execute '{executable}': No such file or directory");
        }
        var start = new ProcessStartInfo(executable) { UseShellExecute = false };
        for (int i = 1; i < command.Count; i++)
            start.ArgumentList.Add(command[i]);
        using var child = Process.Start(start)!;
        child.WaitForExit();
        status = child.ExitCode;
        return true;
    }
}
