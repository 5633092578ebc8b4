using System.Buffers.Binary;
using System.Text;

namespace Bitcoin.Node.Net.Protocol;

/// <summary>
/// The 24-byte v1 message header (Core's CMessageHeader): network magic, a 12-byte NUL-padded message type, the
/// payload length and the first four bytes of the payload's double SHA-256.
/// </summary>
public static class MessageHeader
{
    /// <summary>Header size.</summary>
    public const int Size = 24;

    /// <summary>Size of the message type field.</summary>
    public const int TypeSize = 12;

    /// <summary>Largest payload accepted (Core's MAX_PROTOCOL_MESSAGE_LENGTH).</summary>
    public const int MaxPayload = 4_000_000;

    /// <summary>Writes a header for <paramref name="type"/> and <paramref name="payload"/> into <paramref name="destination"/>.</summary>
    public static void Write(Span<byte> destination, ReadOnlySpan<byte> magic, string type, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Length > TypeSize)
            throw new ArgumentException("Message type too long.", nameof(type));
        magic.CopyTo(destination);
        var typeField = destination.Slice(4, TypeSize);
        typeField.Clear();
        Encoding.ASCII.GetBytes(type, typeField);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], (uint)payload.Length);
        Checksum(payload, destination.Slice(20, 4));
    }

    /// <summary>A header as a new array.</summary>
    public static byte[] Create(ReadOnlySpan<byte> magic, string type, ReadOnlySpan<byte> payload)
    {
        var header = new byte[Size];
        Write(header, magic, type, payload);
        return header;
    }

    /// <summary>The first four bytes of the double SHA-256 of <paramref name="payload"/>.</summary>
    public static void Checksum(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(payload, hash);
        System.Security.Cryptography.SHA256.HashData(hash, hash);
        hash[..4].CopyTo(destination);
    }

    /// <summary>The type text up to the first NUL.</summary>
    public static string ReadType(ReadOnlySpan<byte> header)
    {
        var field = header.Slice(4, TypeSize);
        int end = field.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? field : field[..end]);
    }

    /// <summary>Printable ASCII followed only by NULs (Core's IsMessageTypeValid).</summary>
    public static bool IsTypeValid(ReadOnlySpan<byte> header)
    {
        var field = header.Slice(4, TypeSize);
        for (int i = 0; i < field.Length; i++)
        {
            if (field[i] == 0)
                return field[i..].IndexOfAnyExcept((byte)0) < 0;
            if (field[i] < ' ' || field[i] > 0x7E)
                return false;
        }

        return true;
    }
}
