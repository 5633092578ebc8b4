using System.Security.Cryptography;
using System.Text;
using Multiprocess.Addresses.Internal;

namespace Multiprocess.Addresses;

/// <summary>
/// The secret both ends of a TCP IPC connection share: the contents of a cookie file in the data directory (written by
/// the listener, mode 0600, like Core's RPC <c>.cookie</c>) or a value given with <c>-ipcauth</c>. It is only ever used
/// as an HMAC-SHA256 key to prove knowledge of it; it never crosses the connection.
/// </summary>
public sealed class IpcSecret
{
    /// <summary>The cookie file's name in the network data directory.</summary>
    public const string DefaultCookieFileName = ".ipccookie";

    private readonly byte[] _key;

    private IpcSecret(byte[] key) => _key = key;

    /// <summary>The HMAC key (the secret's UTF-8 bytes).</summary>
    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>A secret given as text (<c>-ipcauth=&lt;secret&gt;</c>); throws <see cref="ArgumentException"/> when empty.</summary>
    public static IpcSecret FromText(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length == 0)
            throw new ArgumentException("The IPC secret (-ipcauth) must not be empty.", nameof(secret));
        return new IpcSecret(Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>The default cookie file in <paramref name="dataDir"/>.</summary>
    public static string DefaultCookiePath(string dataDir)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        return Path.Combine(dataDir, DefaultCookieFileName);
    }

    /// <summary>
    /// Writes a fresh random secret (32 bytes as hex) to <paramref name="path"/> with mode 0600 (through a temporary
    /// file renamed into place, so a reader never sees half a secret) and returns it.
    /// </summary>
    public static IpcSecret CreateCookie(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        PrivateFile.WriteAtomically(path, Encoding.ASCII.GetBytes(text));
        return FromText(text);
    }

    /// <summary>
    /// Reads the secret from the cookie file at <paramref name="path"/>; throws <see cref="IpcAuthenticationException"/>
    /// saying which file could not be read and how else to give the secret.
    /// </summary>
    public static IpcSecret ReadCookie(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IpcAuthenticationException(
                $"Could not read the IPC authentication cookie {IpcAddress.Quote(path)} ({e.Message}). Give the secret with -ipcauth instead.", e);
        }
        if (text.Length == 0)
            throw new IpcAuthenticationException($"The IPC authentication cookie {IpcAddress.Quote(path)} is empty.");
        return FromText(text);
    }

    /// <summary>Deletes a cookie file written by <see cref="CreateCookie"/> (at shutdown); a missing file is not an error.</summary>
    public static void DeleteCookie(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing depends on the file being gone: the next start writes a new secret over it.
        }
    }
}
