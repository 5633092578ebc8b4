namespace Multiprocess.Tests.Servers;

/// <summary>Where a call runs, as test servers report it: process id, managed thread id, thread name.</summary>
public static class Where
{
    /// <summary>The current process and thread.</summary>
    public static string Here() =>
        $"{Environment.ProcessId}/{Environment.CurrentManagedThreadId}/{Thread.CurrentThread.Name ?? "-"}";

    /// <summary>The thread part of <see cref="Here"/>'s answer.</summary>
    public static string ThreadOf(string where) => where[(where.IndexOf('/') + 1)..];
}
