using System.Buffers.Binary;
using System.Text;
using Bitcoin.Common.Addresses;
using NBitcoin;
using NBitcoin.Crypto;

namespace Bitcoin.Node.Signing;

/// <summary>
/// Signed messages as Core's common/signmessage.cpp makes and checks them: a 65-byte compact recoverable signature
/// (header 27 + recovery id, plus 4 for a compressed key) of the double SHA-256 of the serialized magic
/// "Bitcoin Signed Message:\n" followed by the serialized message, written in base64.
/// </summary>
public static class MessageVerification
{
    /// <summary>Core's MESSAGE_MAGIC.</summary>
    public const string MessageMagic = "Bitcoin Signed Message:\n";

    /// <summary>The hash a message signature commits to (Core's MessageHash).</summary>
    public static uint256 MessageHash(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var stream = new MemoryStream();
        WriteString(stream, Encoding.UTF8.GetBytes(MessageMagic));
        WriteString(stream, Encoding.UTF8.GetBytes(message));
        return Hashes.DoubleSHA256(stream.ToArray());
    }

    /// <summary>Signs <paramref name="message"/> with <paramref name="key"/> (Core's MessageSign); the signature in base64.</summary>
    public static string Sign(Key key, string message)
    {
        ArgumentNullException.ThrowIfNull(key);
        var compact = key.SignCompact(MessageHash(message), forceLowR: true);
        var bytes = new byte[65];
        bytes[0] = (byte)(27 + compact.RecoveryId + (key.IsCompressed ? 4 : 0));
        compact.Signature.CopyTo(bytes, 1);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Checks that <paramref name="signature"/> signs <paramref name="message"/> with the key of the P2PKH <paramref name="address"/> (Core's MessageVerify).</summary>
    public static MessageVerificationResult Verify(string address, string signature, string message, Network network)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(network);
        var decoded = AddressEncoding.DecodeDestination(address, network);
        if (!decoded.IsValid) return MessageVerificationResult.InvalidAddress;
        if (decoded.Destination is not PubKeyHashDestination pkh) return MessageVerificationResult.AddressNoKey;
        if (DecodeBase64Strict(signature) is not { } bytes) return MessageVerificationResult.MalformedSignature;
        if (RecoverCompact(MessageHash(message), bytes) is not { } pubkey) return MessageVerificationResult.PubKeyNotRecovered;
        return pubkey.Hash == pkh.Hash ? MessageVerificationResult.Ok : MessageVerificationResult.NotSigned;
    }

    /// <summary>
    /// The key that made a 65-byte compact signature of <paramref name="hash"/>, or null (Core's CPubKey::RecoverCompact:
    /// the header byte is not range-checked, only its recovery id and compression bits are used).
    /// </summary>
    public static PubKey? RecoverCompact(uint256 hash, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Length != 65) return null;
        int header = signature[0] - 27;
        int recoveryId = header & 3;
        bool compressed = (header & 4) != 0;
        try
        {
            var pubkey = PubKey.RecoverCompact(hash, new CompactSignature(recoveryId, signature.AsSpan(1).ToArray()));
            return compressed ? pubkey.Compress() : pubkey.Decompress();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Base64 as Core's DecodeBase64 accepts it: a length that is a multiple of 4, at most two '=' at the end, and
    /// nothing outside the alphabet (no white space, unlike .NET's decoder). Null if the text is not such base64.
    /// </summary>
    public static byte[]? DecodeBase64Strict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length % 4 != 0) return null;
        var body = text.AsSpan();
        if (body.EndsWith("=")) body = body[..^1];
        if (body.EndsWith("=")) body = body[..^1];
        foreach (var c in body)
        {
            bool inAlphabet = c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/';
            if (!inAlphabet) return null;
        }

        // Core converts 6-bit groups to bytes and rejects leftover bits that are not zero.
        int leftoverBits = body.Length * 6 % 8;
        if (leftoverBits != 0 && body.Length > 0)
        {
            int last = DecodeChar(body[^1]);
            if ((last & ((1 << leftoverBits) - 1)) != 0) return null;
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static int DecodeChar(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        _ => 63,
    };

    private static void WriteString(Stream stream, byte[] bytes)
    {
        // Core's serialization of a string: CompactSize length, then the bytes.
        var length = (ulong)bytes.Length;
        if (length < 253)
        {
            stream.WriteByte((byte)length);
        }
        else if (length <= ushort.MaxValue)
        {
            stream.WriteByte(253);
            Span<byte> b = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)length);
            stream.Write(b);
        }
        else if (length <= uint.MaxValue)
        {
            stream.WriteByte(254);
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)length);
            stream.Write(b);
        }
        else
        {
            stream.WriteByte(255);
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(b, length);
            stream.Write(b);
        }

        stream.Write(bytes);
    }
}
