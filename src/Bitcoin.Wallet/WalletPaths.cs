using Bitcoin.Common.Args;
using Bitcoin.Wallet.Internal;

namespace Bitcoin.Wallet;

/// <summary>Where wallets live (Core's GetWalletDir, GetWalletPath, ListDatabases, IsSQLiteFile).</summary>
public static class WalletPaths
{
    /// <summary>The wallet directory: -walletdir ("" if it is not a directory), else &lt;datadir&gt;/wallets if it exists, else the datadir.</summary>
    public static string GetWalletDir(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.IsArgSet("-walletdir"))
        {
            var path = args.GetPathArg("-walletdir");
            return Directory.Exists(path) ? path : "";
        }

        var net = args.GetDataDirNet();
        var wallets = Path.Combine(net, "wallets");
        return Directory.Exists(wallets) ? wallets : net;
    }

    /// <summary>
    /// The directory of wallet <paramref name="name"/> (Core's GetWalletPath), or null with Core's message: the name
    /// must be a normalized path, not starting with ./ or ../, not the root, and name a directory (existing or not)
    /// or an existing file directly in the wallet directory.
    /// </summary>
    public static string? GetWalletPath(string walletDir, string name, out string error)
    {
        error = "";
        if (!IsNormalized(name))
        {
            error = "Wallet name given as a path must be normalized";
            return null;
        }

        var first = name.Split('/')[0];
        if (name.Length > 0 && (first == "." || first == ".."))
        {
            error = "Wallet name given as a relative path cannot begin with ./ or ../, for wallets not in the walletdir, please use an absolute path.";
            return null;
        }

        if (name.Length > 0 && Path.IsPathRooted(name) && name.TrimEnd('/').Length == 0)
        {
            error = "Wallet name cannot be the root path";
            return null;
        }

        var walletPath = Path.IsPathRooted(name) ? name : Path.Combine(walletDir, name);
        bool ok;
        var info = new FileInfo(walletPath.TrimEnd('/').Length == 0 ? walletPath : walletPath.TrimEnd('/'));
        if (Directory.Exists(walletPath))
            ok = true;
        else if (File.Exists(walletPath))
            ok = info.LinkTarget is null && !name.Contains('/');
        else
            ok = info.LinkTarget is null;
        if (!ok)
        {
            error = $"Invalid -wallet path '{name}'. -wallet path should point to a directory where wallet.dat and database/log.?????????? files can be stored, " +
                    $"a location where such a directory could be created, or (for backwards compatibility) the name of an existing data file in -walletdir (\"{walletDir}\")";
            return null;
        }

        return walletPath;
    }

    // Core compares the name with its lexically_normal() form as std::filesystem paths compare: element by element.
    private static bool IsNormalized(string name) =>
        LexicalPath.Elements(name).SequenceEqual(LexicalPath.Elements(LexicalPath.Normal(name)));

    /// <summary>The database file of a wallet directory.</summary>
    public static string DataFile(string walletPath) => Path.Combine(walletPath, "wallet.dat");

    /// <summary>True if <paramref name="path"/> is a SQLite file of this network: the SQLite magic and, at offset 68, the network's message start (Core's IsSQLiteFile).</summary>
    public static bool IsSqliteFile(string path, byte[] messageStart)
    {
        ArgumentNullException.ThrowIfNull(messageStart);
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length < 512) return false;
            using var stream = File.OpenRead(path);
            Span<byte> header = stackalloc byte[72];
            stream.ReadExactly(header);
            return header[..16].SequenceEqual("SQLite format 3\0"u8) && header.Slice(68, 4).SequenceEqual(messageStart);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>True if <paramref name="path"/> is a Berkeley DB btree file (a legacy wallet; Core's IsBDBFile).</summary>
    public static bool IsBdbFile(string path)
    {
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length < 4096) return false;
            using var stream = File.OpenRead(path);
            Span<byte> header = stackalloc byte[16];
            stream.ReadExactly(header);
            uint magic = BitConverter.ToUInt32(header.Slice(12, 4));
            return magic is 0x00053162 or 0x62310500;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The Berkeley DB data file of a wallet path: the path itself if it is a file, else wallet.dat in it.</summary>
    public static string BdbDataFile(string walletPath) => File.Exists(walletPath) ? walletPath : DataFile(walletPath);

    /// <summary>Every wallet under <paramref name="walletDir"/> with its format ("sqlite" or "bdb"), as Core's ListDatabases.</summary>
    public static IReadOnlyList<(string Name, string Format)> ListDatabases(string walletDir, byte[] messageStart)
    {
        var result = new List<(string, string)>();
        if (walletDir.Length == 0 || !Directory.Exists(walletDir)) return result;
        // The top-level wallet.dat is the default wallet "".
        var topLevel = Path.Combine(walletDir, "wallet.dat");
        if (IsBdbFile(topLevel)) result.Add(("", "bdb"));
        else if (IsSqliteFile(topLevel, messageStart)) result.Add(("", "sqlite"));
        foreach (var file in SafeEnumerate(walletDir, directories: false))
        {
            if (!CanStat(file)) continue;
            var fileName = Path.GetFileName(file);
            if (fileName == "wallet.dat" || Path.GetExtension(file) == ".bak" || new FileInfo(file).LinkTarget is not null) continue;
            if (IsBdbFile(file)) result.Add((fileName, "bdb"));
        }

        var pending = new Stack<string>(SafeEnumerate(walletDir, directories: true).Reverse());
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var file in SafeEnumerate(directory, directories: false)) CanStat(file);
            var relative = Path.GetRelativePath(walletDir, directory).Replace('\\', '/');
            if (IsBdbFile(DataFile(directory))) result.Add((relative, "bdb"));
            else if (IsSqliteFile(DataFile(directory), messageStart)) result.Add((relative, "sqlite"));
            // A link to a directory is looked into as a wallet directory but not walked (Core's iterator does not
            // follow directory links), so a link back up the tree cannot make the scan endless.
            if (new DirectoryInfo(directory).LinkTarget is not null) continue;
            foreach (var sub in SafeEnumerate(directory, directories: true).Reverse()) pending.Push(sub);
        }

        return result;
    }

    // Core reads the status of every entry it walks (following links); one it cannot read, such as a link to itself
    // ("Too many levels of symbolic links"), is logged and skipped rather than ending the scan.
    private static bool CanStat(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null) info.ResolveLinkTarget(returnFinalTarget: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Common.Logging.Log.Warning($"Error while scanning wallet dir item: {e.Message} [{path}].");
            return false;
        }
    }

    private static IEnumerable<string> SafeEnumerate(string directory, bool directories)
    {
        try
        {
            var entries = directories ? Directory.GetDirectories(directory) : Directory.GetFiles(directory);
            Array.Sort(entries, StringComparer.Ordinal);
            return entries;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Common.Logging.Log.Warning($"Error scanning directory entries under {directory}: {e.Message}");
            return [];
        }
    }
}
