namespace Multiprocess.Tests.Servers;

/// <summary>Where a call runs, as test servers report it: process id, managed thread id, thread name.</summary>
public static class Where
{
    /// <summary>The current process and thread.</summary>
    public static string Here() =>
        $"{Environment.ProcessId}/{Environment.CurrentManagedThreadId}/{Thread.CurrentThread.Name ?? "-"}";

    /// <summary>The thread part of <see cref="Here"/>'s answer.</summary>
    public static string ThreadOf(string where) => where[(where.IndexOf('/') + 1)..];

    /// <summary>Writes <paramref name="trace"/> into a list the results hold.</summary>
    public static void Fill(global::Capnp.TextListBuilder list, IReadOnlyList<string> trace)
    {
        for (int i = 0; i < trace.Count; i++)
            list.Set(i, trace[i]);
    }
}
