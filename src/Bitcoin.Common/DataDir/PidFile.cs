using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;

namespace Bitcoin.Common.DataDir;

/// <summary>The <c>-pid</c> file (bitcoind.pid in the network data directory by default), as Core's init.</summary>
public static class PidFile
{
    /// <summary>The default pid file name.</summary>
    public const string DefaultFileName = "bitcoind.pid";

    private static string? s_createdPath;

    /// <summary>The pid file's path: <c>-pid</c> (default bitcoind.pid) relative to the network data directory.</summary>
    public static string GetPath(ArgsManager args) =>
        DataDirectory.AbsPathForConfigVal(args, args.GetPathArg("-pid", DefaultFileName));

    /// <summary>
    /// Writes the process id and a newline to the pid file, unless disabled with <c>-nopid</c>. On failure returns false
    /// with Core's message: "Unable to create the PID file 'X': reason".
    /// </summary>
    public static bool Create(ArgsManager args, out string error)
    {
        error = string.Empty;
        if (args.IsArgNegated("-pid"))
            return true;
        var path = GetPath(args);
        try
        {
            File.WriteAllText(path, $"{Environment.ProcessId}\n");
            s_createdPath = path;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"Unable to create the PID file '{path}': {DescribeError(e)}";
            return false;
        }
    }

    /// <summary>Removes the pid file if this process created it, warning in the log if that fails.</summary>
    public static void Remove()
    {
        var path = Interlocked.Exchange(ref s_createdPath, null);
        if (path is null)
            return;
        try
        {
            if (!File.Exists(path))
            {
                Log.Warning($"Unable to remove PID file ({path}): File does not exist");
                return;
            }

            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning($"Unable to remove PID file ({path}): {e.Message}");
        }
    }

    private static string DescribeError(Exception e) => e switch
    {
        DirectoryNotFoundException => "No such file or directory (2)",
        UnauthorizedAccessException => "Permission denied (13)",
        _ => e.Message,
    };
}
