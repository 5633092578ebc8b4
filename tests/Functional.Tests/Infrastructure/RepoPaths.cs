namespace Functional.Tests.Infrastructure;

/// <summary>Where the built executables are: bin/ at the repository root, found from the test assembly's folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root (the folder holding BitcoinMultiprocess.slnx).</summary>
    public static string Root => s_root.Value;

    /// <summary>The folder every executable is built into.</summary>
    public static string BinDir => Path.Combine(Root, "bin");

    /// <summary>The path of an executable in bin/ (e.g. "bitcoind"); fails the test clearly if it was not built.</summary>
    public static string Executable(string name)
    {
        var path = Path.Combine(BinDir, OperatingSystem.IsWindows() ? name + ".exe" : name);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} does not exist: build the solution (dotnet build) before running the functional tests.", path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BitcoinMultiprocess.slnx")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException($"No BitcoinMultiprocess.slnx above {AppContext.BaseDirectory}.");
    }
}
