using Bitcoin.Common.Args;
using Bitcoin.Common.Util;

namespace Bitcoin.Common.DataDir;

/// <summary>Data directory locations as Core computes them.</summary>
public static class DataDirectory
{
    /// <summary>
    /// The default data directory: ~/.bitcoin on Linux (/.bitcoin when HOME is unset or empty),
    /// ~/Library/Application Support/Bitcoin on macOS, %LOCALAPPDATA%\Bitcoin on Windows (or the legacy
    /// %APPDATA%\Bitcoin if it exists).
    /// </summary>
    public static string GetDefaultDataDir()
    {
        if (OperatingSystem.IsWindows())
        {
            var legacy = Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "Bitcoin");
            if (Path.Exists(legacy))
                return legacy;
            return Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "Bitcoin");
        }

        var home = Environment.GetEnvironmentVariable("HOME");
        if (string.IsNullOrEmpty(home))
            home = "/";
        return OperatingSystem.IsMacOS()
            ? Path.Join(home, "Library/Application Support/Bitcoin")
            : Path.Join(home, ".bitcoin");
    }

    /// <summary>True if <c>-datadir</c> is unset or names an existing directory.</summary>
    public static bool CheckDataDirOption(ArgsManager args)
    {
        var datadir = args.GetPathArg("-datadir");
        return datadir.Length == 0 || Directory.Exists(PathUtil.Absolute(datadir));
    }

    /// <summary>
    /// Resolves a path given in an option the way Core does (<c>AbsPathForConfigVal</c>): absolute paths and "" are
    /// returned unchanged, relative ones are joined to the network data directory (or to the base data directory when
    /// <paramref name="netSpecific"/> is false).
    /// </summary>
    public static string AbsPathForConfigVal(ArgsManager args, string path, bool netSpecific = true)
    {
        if (path.Length == 0 || Path.IsPathFullyQualified(path))
            return path;
        return PathUtil.AbsPathJoin(netSpecific ? args.GetDataDirNet() : args.GetDataDirBase(), path);
    }
}
