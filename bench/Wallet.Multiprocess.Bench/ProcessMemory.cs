using System.Globalization;

namespace Wallet.Multiprocess.Bench;

/// <summary>Finds a node process and its wallet child through /proc and reads their resident set sizes.</summary>
internal static class ProcessMemory
{
    /// <summary>The pid of the process whose command line holds <c>-datadir=<paramref name="dataDir"/></c>.</summary>
    public static int FindByDataDir(string dataDir)
    {
        var wanted = "-datadir=" + dataDir;
        foreach (var pid in Pids())
        {
            var arguments = ReadOrEmpty($"/proc/{pid}/cmdline").Split('\0');
            if (arguments.Contains(wanted))
                return pid;
        }

        throw new InvalidOperationException($"No process runs with {wanted}");
    }

    /// <summary>The pids of <paramref name="parent"/>'s children.</summary>
    public static IReadOnlyList<int> Children(int parent)
    {
        var children = new List<int>();
        foreach (var pid in Pids())
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
            var stat = ReadOrEmpty($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            if (close < 0)
                continue;
            var fields = stat[(close + 2)..].Split(' ');
            if (fields.Length > 1 && int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                children.Add(pid);
        }

        return children;
    }

    /// <summary>VmRSS of <paramref name="pid"/> in MiB.</summary>
    public static double RssMiB(int pid)
    {
        foreach (var line in ReadOrEmpty($"/proc/{pid}/status").Split('\n'))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }

        throw new InvalidOperationException($"No VmRSS for pid {pid}");
    }

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name!.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture));

    // Processes come and go while we look: a vanished one reads as empty.
    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
