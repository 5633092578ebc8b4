using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses.Internal;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using NBitcoin;

namespace Bitcoin.Common.Formats;

/// <summary>Core's rpc/util.cpp value parsers for hashes, hex and public keys, with Core's errors.</summary>
public static class RpcValues
{
    /// <summary>
    /// Core's ParseHashV: a 64-digit hex hash, else -8 "{name} must be of length 64 (not N, for 'X')" or
    /// "{name} must be hexadecimal string (not 'X')". A non-string is a <see cref="JsonTypeException"/>.
    /// </summary>
    public static uint256 ParseHashV(JsonNode? value, string name)
    {
        string hex = value.GetStr();
        if (hex.Length == 64 && hex.All(char.IsAsciiHexDigit)) return uint256.Parse(hex);
        if (hex.Length != 64)
            throw new RpcException(RpcErrorCode.InvalidParameter, $"{name} must be of length 64 (not {hex.Length}, for '{hex}')");
        throw new RpcException(RpcErrorCode.InvalidParameter, $"{name} must be hexadecimal string (not '{hex}')");
    }

    /// <summary>Core's ParseHashO: <see cref="ParseHashV"/> of member <paramref name="key"/>.</summary>
    public static uint256 ParseHashO(JsonNode? obj, string key) => ParseHashV(obj.Find(key), key);

    /// <summary>Core's ParseHexV: hex bytes, else -8 "{name} must be hexadecimal string (not 'X')" (a non-string counts as "").</summary>
    public static byte[] ParseHexV(JsonNode? value, string name)
    {
        string hex = value.IsStr() ? value.GetStr() : "";
        if (!IsHex(hex)) throw new RpcException(RpcErrorCode.InvalidParameter, $"{name} must be hexadecimal string (not '{hex}')");
        return Convert.FromHexString(hex);
    }

    /// <summary>Core's ParseHexO: <see cref="ParseHexV"/> of member <paramref name="key"/>.</summary>
    public static byte[] ParseHexO(JsonNode? obj, string key) => ParseHexV(obj.Find(key), key);

    /// <summary>
    /// Core's HexToPubKey: a 33- or 65-byte key on the curve, else -5 "Pubkey \"X\" must be a hex string",
    /// "... must have a length of either 33 or 65 bytes" or "... must be cryptographically valid.".
    /// </summary>
    public static PubKey HexToPubKey(string hex)
    {
        if (!IsHex(hex)) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, $"Pubkey \"{hex}\" must be a hex string");
        if (hex.Length != 66 && hex.Length != 130)
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey, $"Pubkey \"{hex}\" must have a length of either 33 or 65 bytes");
        var data = Convert.FromHexString(hex);
        // Core's IsFullyValid parses hybrid encodings too; only the three standard headers are accepted here.
        if (!PubKeyBytes.TryParse(data, out var pubkey))
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey, $"Pubkey \"{hex}\" must be cryptographically valid.");
        return pubkey;
    }

    /// <summary>Core's IsHex: non-empty, even length, hex digits only.</summary>
    public static bool IsHex(string s) => s.Length > 0 && s.Length % 2 == 0 && s.All(char.IsAsciiHexDigit);
}
