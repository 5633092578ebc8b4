using System.Security.Cryptography;
using System.Text;

namespace Bitcoin.Common.Rpc.Http;

/// <summary>
/// <c>-rpcauth=user:salt$hash</c> credentials: the hash is HMAC-SHA256 keyed with the salt's text over the password,
/// in hex, as Core's share/rpcauth produces.
/// </summary>
public static class RpcAuth
{
    /// <summary>The hex HMAC-SHA256 of <paramref name="password"/> keyed with the characters of <paramref name="salt"/>.</summary>
    public static string Hash(string salt, string password)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(password);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes(password)));
    }

    /// <summary>An <c>-rpcauth</c> value for the user and password, with a random 16-byte hex salt unless one is given.</summary>
    public static string Create(string user, string password, string? salt = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        salt ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return $"{user}:{salt}${Hash(salt, password)}";
    }
}
