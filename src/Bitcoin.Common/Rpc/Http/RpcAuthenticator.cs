using System.Security.Cryptography;
using System.Text;
using Bitcoin.Common.Logging;

namespace Bitcoin.Common.Rpc.Http;

/// <summary>
/// Checks HTTP Basic credentials against the cookie, <c>-rpcuser</c>/<c>-rpcpassword</c> and <c>-rpcauth</c> entries,
/// and the per-user method whitelists (Core's InitRPCAuthentication, RPCAuthorized and the whitelist checks).
/// </summary>
internal sealed class RpcAuthenticator
{
    private readonly List<(string User, string Salt, string Hash)> _entries = new();
    private readonly Dictionary<string, HashSet<string>> _whitelist = new(StringComparer.Ordinal);

    public bool WhitelistDefault { get; private set; }

    public string? CookieFile { get; private set; }

    /// <summary>Builds the credential list; throws <see cref="RpcServerStartException"/> on an invalid option or an unwritable cookie.</summary>
    public static RpcAuthenticator Create(RpcServerOptions options)
    {
        var auth = new RpcAuthenticator();
        string user = "", pass = "";
        if (options.Password.Length == 0)
        {
            UnixFileMode? perms = null;
            if (options.CookiePermissions is { } permsText)
            {
                perms = RpcAuthCookie.InterpretPermissions(permsText);
                if (perms is null)
                {
                    string msg = $"Invalid -rpccookieperms={permsText}; must be one of 'owner', 'group', or 'all'.";
                    Log.Error(msg);
                    throw new RpcServerStartException(msg);
                }
            }
            if (options.CookieFile is null)
            {
                Log.Info("RPC authentication cookie file generation is disabled.");
            }
            else
            {
                var password = RpcAuthCookie.Generate(options.CookieFile, perms)
                    ?? throw new RpcServerStartException($"Unable to write the RPC authentication cookie file {options.CookieFile}");
                auth.CookieFile = options.CookieFile;
                user = RpcAuthCookie.User;
                pass = password;
                Log.Info("Using random cookie authentication.");
            }
        }
        else
        {
            Log.Info("Using rpcuser/rpcpassword authentication.");
            Log.Warning("The use of rpcuser/rpcpassword is less secure, because credentials are configured in plain text. " +
                        "Locally run instances should use cookie-based authentication, or hashed -rpcauth credentials (see share/rpcauth).");
            user = options.User;
            pass = options.Password;
        }

        // Plain credentials are kept only as a salted hash, like -rpcauth ones.
        if (user.Length > 0 || pass.Length > 0)
        {
            string salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            auth._entries.Add((user, salt, RpcAuth.Hash(salt, pass)));
        }

        if (options.Auth.Count > 0) Log.Info("Using rpcauth authentication.");
        foreach (var rpcauth in options.Auth)
        {
            var fields = rpcauth.Split(':');
            var saltHash = fields[^1].Split('$');
            if (fields.Length != 2 || saltHash.Length != 2)
            {
                Log.Warning("Invalid -rpcauth argument.");
                auth.DeleteCookie();
                throw new RpcServerStartException("Invalid -rpcauth argument.");
            }
            auth._entries.Add((fields[0], saltHash[0], saltHash[1]));
        }

        auth.WhitelistDefault = options.WhitelistDefault ?? options.Whitelist.Count > 0;
        foreach (var entry in options.Whitelist)
        {
            int pos = entry.IndexOf(':');
            string whitelistUser = pos < 0 ? entry : entry[..pos];
            bool intersect = auth._whitelist.TryGetValue(whitelistUser, out var existing);
            var methods = existing ?? new HashSet<string>(StringComparer.Ordinal);
            if (pos >= 0)
            {
                // Separators are commas and spaces, each one on its own (as Core splits on either character).
                var listed = new HashSet<string>(entry[(pos + 1)..].Split([',', ' ']), StringComparer.Ordinal);
                if (intersect) listed.IntersectWith(methods);
                methods = listed;
            }
            auth._whitelist[whitelistUser] = methods;
        }
        return auth;
    }

    /// <summary>
    /// Checks an Authorization header value; <paramref name="user"/> gets the claimed user name whenever the header is
    /// well formed, even if the password is wrong.
    /// </summary>
    public bool Authorize(string header, out string user)
    {
        user = "";
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return false;
        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(header[6..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        string userPass = Encoding.UTF8.GetString(decoded);
        int colon = userPass.IndexOf(':');
        if (colon < 0) return false;
        user = userPass[..colon];
        string pass = userPass[(colon + 1)..];
        byte[] userBytes = Encoding.UTF8.GetBytes(user);
        foreach (var (entryUser, salt, hash) in _entries)
        {
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(entryUser), userBytes)) continue;
            string computed = RpcAuth.Hash(salt, pass);
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(hash))) return true;
        }
        return false;
    }

    /// <summary>The whitelist of <paramref name="user"/>, or null when the user has none.</summary>
    public IReadOnlySet<string>? WhitelistOf(string user) => _whitelist.TryGetValue(user, out var set) ? set : null;

    public void DeleteCookie()
    {
        if (CookieFile is not null) RpcAuthCookie.Delete(CookieFile);
        CookieFile = null;
    }
}
