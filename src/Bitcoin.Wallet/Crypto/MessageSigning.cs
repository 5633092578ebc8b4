using System.Text;
using Bitcoin.Wallet.Storage;
using NBitcoin;
using NBitcoin.Crypto;

namespace Bitcoin.Wallet.Crypto;

/// <summary>
/// Core's signed messages (common/signmessage.cpp): a compact recoverable signature of SHA256d of the serialized
/// magic "Bitcoin Signed Message:\n" and the message, base64-encoded (header 27 + recovery id, +4 for compressed keys).
/// </summary>
public static class MessageSigning
{
    /// <summary>Core's MESSAGE_MAGIC.</summary>
    public const string MessageMagic = "Bitcoin Signed Message:\n";

    /// <summary>The hash a message signature signs (Core's MessageHash).</summary>
    public static uint256 MessageHash(string message)
    {
        var data = new DataWriter().WriteString(MessageMagic).WriteBytes(Encoding.UTF8.GetBytes(message)).ToArray();
        return Hashes.DoubleSHA256(data);
    }

    /// <summary>Signs <paramref name="message"/> with <paramref name="key"/> (Core's MessageSign), base64.</summary>
    public static string Sign(Key key, string message)
    {
        ArgumentNullException.ThrowIfNull(key);
        var compact = key.SignCompact(MessageHash(message), forceLowR: true);
        var bytes = new byte[65];
        bytes[0] = (byte)(27 + compact.RecoveryId + (key.IsCompressed ? 4 : 0));
        compact.Signature.CopyTo(bytes, 1);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>The public key that made a base64 signature of <paramref name="message"/>, or null if it is malformed or cannot be recovered.</summary>
    public static PubKey? Recover(string signatureBase64, string message)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(signatureBase64);
        }
        catch (FormatException)
        {
            return null;
        }

        if (bytes.Length != 65) return null;
        int header = bytes[0];
        if (header < 27 || header > 34) return null;
        bool compressed = header >= 31;
        int recoveryId = (header - 27) & 3;
        try
        {
            var pubkey = PubKey.RecoverCompact(MessageHash(message), new CompactSignature(recoveryId, bytes.AsSpan(1).ToArray()));
            return compressed ? pubkey.Compress() : pubkey.Decompress();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
