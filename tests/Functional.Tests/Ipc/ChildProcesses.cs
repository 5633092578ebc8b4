namespace Functional.Tests.Ipc;

/// <summary>Child processes as Linux's /proc shows them (which executables a node has spawned).</summary>
internal static class ChildProcesses
{
    /// <summary>The process ids whose parent is <paramref name="parentPid"/> and whose command name is <paramref name="name"/>.</summary>
    public static IReadOnlyList<int> Of(int parentPid, string name)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue; // the process ended while we looked
            }

            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so parse from the last ')'.
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open)
                continue;
            var comm = stat[(open + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            if (comm == name && fields.Length > 1 && int.TryParse(fields[1], out var ppid) && ppid == parentPid)
                children.Add(pid);
        }

        return children;
    }
}
