using Multiprocess.Interop;

namespace Multiprocess.Internal;

/// <summary>Thread descriptions in libmultiprocess's form: <c>&lt;exe&gt;-&lt;pid&gt;/&lt;thread name&gt;-&lt;tid&gt;</c>.</summary>
internal static class ThreadNames
{
    [ThreadStatic]
    private static string? t_description;

    /// <summary>The executable name used when a connection is not given one.</summary>
    public static string DefaultExeName { get; } =
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) is { Length: > 0 } name ? name : "dotnet";

    /// <summary>The current thread as log lines name it: its mapped name when it has one, else a description.</summary>
    public static string Current(string exeName) =>
        ThreadContext.TryGetCurrent()?.Name ?? (t_description ??= Describe(exeName));

    /// <summary>Describes the current thread: executable, process id, thread name (when set) and OS thread id.</summary>
    public static string Describe(string exeName)
    {
        var threadName = System.Threading.Thread.CurrentThread.Name;
        return $"{exeName}-{Environment.ProcessId}/{(string.IsNullOrEmpty(threadName) ? "" : threadName + "-")}{OsThreadId()}";
    }

    /// <summary>The id the operating system (and a debugger) gives the current thread.</summary>
    public static int OsThreadId()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                return LibC.GetTid();
            }
            catch (EntryPointNotFoundException)
            {
                // A C library older than glibc 2.30 has no gettid wrapper; the managed id still tells threads apart.
            }
        }

        return Environment.CurrentManagedThreadId;
    }
}
