using System.Buffers.Binary;

namespace Bitcoin.Common.Formats.Internal;

/// <summary>
/// Reads Core's serialization with its exact failure rules (canonical compact sizes, MAX_SIZE, end of data), so
/// decoding accepts and rejects the same bytes as Core. Failures throw <see cref="FormatException"/>.
/// </summary>
internal sealed class CoreReader(byte[] data)
{
    private const ulong MaxSize = 0x02000000;
    private int _pos;

    public bool AtEnd => _pos == data.Length;

    public ReadOnlySpan<byte> Take(int n)
    {
        if (n < 0 || data.Length - _pos < n) throw new FormatException("end of data");
        var span = data.AsSpan(_pos, n);
        _pos += n;
        return span;
    }

    public byte ReadByte() => Take(1)[0];

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Core's ReadCompactSize with the range check.</summary>
    public ulong ReadCompactSize()
    {
        byte ch = ReadByte();
        ulong size;
        if (ch < 253)
        {
            size = ch;
        }
        else if (ch == 253)
        {
            size = BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
            if (size < 253) throw new FormatException("non-canonical ReadCompactSize()");
        }
        else if (ch == 254)
        {
            size = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
            if (size < 0x10000) throw new FormatException("non-canonical ReadCompactSize()");
        }
        else
        {
            size = BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
            if (size < 0x100000000UL) throw new FormatException("non-canonical ReadCompactSize()");
        }
        if (size > MaxSize) throw new FormatException("ReadCompactSize(): size too large");
        return size;
    }

    /// <summary>A length-prefixed byte vector.</summary>
    public byte[] ReadBytes()
    {
        ulong n = ReadCompactSize();
        return Take((int)n).ToArray();
    }
}
