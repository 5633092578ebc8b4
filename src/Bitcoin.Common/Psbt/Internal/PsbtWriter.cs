using System.Buffers.Binary;

namespace Bitcoin.Common.Psbt.Internal;

/// <summary>Writes Core's serialization of PSBT maps: compact sizes, little-endian integers, length-prefixed vectors.</summary>
internal sealed class PsbtWriter
{
    private readonly MemoryStream _stream = new();

    public byte[] ToArray() => _stream.ToArray();

    public void WriteRaw(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

    public void WriteByte(byte b) => _stream.WriteByte(b);

    public void WriteUInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        _stream.Write(b);
    }

    public void WriteInt64(long value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(b, value);
        _stream.Write(b);
    }

    public void WriteCompactSize(ulong n) => _stream.Write(CompactSize(n));

    /// <summary>A length-prefixed vector.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteCompactSize((ulong)bytes.Length);
        _stream.Write(bytes);
    }

    /// <summary>A key: the compact-size length of type and data, the type as a compact size, then the data.</summary>
    public void WriteKey(ulong type, ReadOnlySpan<byte> keyData = default)
    {
        var typeBytes = CompactSize(type);
        WriteCompactSize((ulong)(typeBytes.Length + keyData.Length));
        _stream.Write(typeBytes);
        _stream.Write(keyData);
    }

    /// <summary>Core's compact size encoding of <paramref name="n"/>.</summary>
    public static byte[] CompactSize(ulong n)
    {
        if (n < 253) return [(byte)n];
        if (n <= 0xffff)
        {
            var b = new byte[3];
            b[0] = 253;
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(1), (ushort)n);
            return b;
        }
        if (n <= 0xffffffffUL)
        {
            var b = new byte[5];
            b[0] = 254;
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(1), (uint)n);
            return b;
        }
        var l = new byte[9];
        l[0] = 255;
        BinaryPrimitives.WriteUInt64LittleEndian(l.AsSpan(1), n);
        return l;
    }

    public static byte[] UInt32Bytes(uint value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return b;
    }
}
