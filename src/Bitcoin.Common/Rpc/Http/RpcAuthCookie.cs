using System.Security.Cryptography;
using Bitcoin.Common.Logging;

namespace Bitcoin.Common.Rpc.Http;

/// <summary>
/// The RPC cookie file: "__cookie__:&lt;64 hex digits&gt;" written by the server at start-up (readable by the owner only
/// unless <c>-rpccookieperms</c> says otherwise), read by clients, deleted at shutdown (Core's rpc/request.cpp).
/// </summary>
public static class RpcAuthCookie
{
    /// <summary>The user name of cookie authentication.</summary>
    public const string User = "__cookie__";

    /// <summary>The default file name, in the network's data directory.</summary>
    public const string DefaultFileName = ".cookie";

    /// <summary>
    /// The cookie path for a <c>-rpccookiefile</c> value: null when it is disabled (<c>-norpccookiefile</c>, given as
    /// an empty <paramref name="rpcCookieFileArg"/>); the default name when the option is absent (null); relative paths
    /// are taken inside <paramref name="networkDataDir"/>.
    /// </summary>
    public static string? ResolvePath(string networkDataDir, string? rpcCookieFileArg)
    {
        ArgumentNullException.ThrowIfNull(networkDataDir);
        string arg = rpcCookieFileArg ?? DefaultFileName;
        if (arg.Length == 0) return null;
        return Path.IsPathRooted(arg) ? arg : Path.GetFullPath(Path.Combine(networkDataDir, arg));
    }

    /// <summary>
    /// The file mode for a <c>-rpccookieperms</c> value: "owner" rw-------, "group" rw-r-----, "all" rw-r--r--; null
    /// for anything else (Core's InterpretPermString).
    /// </summary>
    public static UnixFileMode? InterpretPermissions(string value) => value switch
    {
        "owner" => UnixFileMode.UserRead | UnixFileMode.UserWrite,
        "group" => UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
        "all" => UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        _ => null,
    };

    /// <summary>
    /// Writes a new random cookie to <paramref name="path"/> (through a ".tmp" file renamed over it) and returns the
    /// password; null when the file could not be written (a warning is logged).
    /// </summary>
    public static string? Generate(string path, UnixFileMode? permissions = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        string tmp = path + ".tmp";
        var mode = permissions ?? (UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(tmp, options))
            using (var writer = new StreamWriter(stream))
                writer.Write(User + ":" + password);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning($"Unable to open cookie authentication file {tmp} for writing");
            return null;
        }
        try
        {
            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning($"Unable to rename cookie authentication file {tmp} to {path}");
            return null;
        }
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                File.SetUnixFileMode(path, mode);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.Warning($"Unable to set permissions on cookie authentication file {path}");
                return null;
            }
            Log.Info($"Generated RPC authentication cookie {path}");
            Log.Info($"Permissions used for cookie: {SymbolicPermissions(File.GetUnixFileMode(path))}");
        }
        else
        {
            Log.Info($"Generated RPC authentication cookie {path}");
        }
        return password;
    }

    /// <summary>
    /// Reads the first line of the cookie file ("user:password") for a client: <see cref="RpcAuthCookieResult.Disabled"/>
    /// when <paramref name="path"/> is null, <see cref="RpcAuthCookieResult.Error"/> when it cannot be read.
    /// </summary>
    public static RpcAuthCookieResult TryRead(string? path, out string credentials)
    {
        credentials = "";
        if (path is null) return RpcAuthCookieResult.Disabled;
        try
        {
            using var reader = new StreamReader(path);
            credentials = reader.ReadLine() ?? "";
            return RpcAuthCookieResult.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return RpcAuthCookieResult.Error;
        }
    }

    /// <summary>Deletes the cookie file; failures are logged, not thrown.</summary>
    public static void Delete(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning($"Unable to remove random auth cookie file {path}: {e.Message}");
        }
    }

    /// <summary>A mode as "rwxr-x---" (Core's PermsToSymbolicString).</summary>
    public static string SymbolicPermissions(UnixFileMode mode)
    {
        Span<char> s = stackalloc char[9];
        s.Fill('-');
        if (mode.HasFlag(UnixFileMode.UserRead)) s[0] = 'r';
        if (mode.HasFlag(UnixFileMode.UserWrite)) s[1] = 'w';
        if (mode.HasFlag(UnixFileMode.UserExecute)) s[2] = 'x';
        if (mode.HasFlag(UnixFileMode.GroupRead)) s[3] = 'r';
        if (mode.HasFlag(UnixFileMode.GroupWrite)) s[4] = 'w';
        if (mode.HasFlag(UnixFileMode.GroupExecute)) s[5] = 'x';
        if (mode.HasFlag(UnixFileMode.OtherRead)) s[6] = 'r';
        if (mode.HasFlag(UnixFileMode.OtherWrite)) s[7] = 'w';
        if (mode.HasFlag(UnixFileMode.OtherExecute)) s[8] = 'x';
        return new string(s);
    }
}
