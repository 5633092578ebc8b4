using System.Buffers.Binary;

namespace Bitcoin.Common.Psbt.Internal;

/// <summary>
/// Reads Core's serialization of PSBT maps from a byte array with Core's failure rules and messages (SpanReader's
/// "end of data", canonical compact sizes bounded by MAX_SIZE).
/// </summary>
internal sealed class PsbtReader(byte[] data, int start = 0, int end = -1)
{
    private const ulong MaxSize = 0x02000000;
    private readonly int _end = end < 0 ? data.Length : end;
    private int _pos = start;

    /// <summary>True when every byte was read.</summary>
    public bool IsEmpty => _pos >= _end;

    /// <summary>Bytes left.</summary>
    public int Remaining => _end - _pos;

    /// <summary>The next <paramref name="n"/> bytes.</summary>
    public ReadOnlySpan<byte> Take(int n)
    {
        if (n < 0 || _end - _pos < n) throw new PsbtFormatException("SpanReader::read(): end of data");
        var span = data.AsSpan(_pos, n);
        _pos += n;
        return span;
    }

    public byte ReadByte() => Take(1)[0];

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Core's ReadCompactSize (with the MAX_SIZE check unless <paramref name="rangeCheck"/> is false).</summary>
    public ulong ReadCompactSize(bool rangeCheck = true)
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
            if (size < 253) throw new PsbtFormatException("non-canonical ReadCompactSize()");
        }
        else if (ch == 254)
        {
            size = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
            if (size < 0x10000) throw new PsbtFormatException("non-canonical ReadCompactSize()");
        }
        else
        {
            size = BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
            if (size < 0x100000000UL) throw new PsbtFormatException("non-canonical ReadCompactSize()");
        }
        if (rangeCheck && size > MaxSize) throw new PsbtFormatException("ReadCompactSize(): size too large");
        return size;
    }

    /// <summary>A length-prefixed byte vector.</summary>
    public byte[] ReadBytes()
    {
        ulong n = ReadCompactSize();
        return Take((int)n).ToArray();
    }

    /// <summary>
    /// Core's UnserializeFromVector: a length prefix, then <paramref name="read"/> from this same stream, which must
    /// consume exactly that many bytes ("Size of value was not the stated size").
    /// </summary>
    public T ReadSized<T>(Func<PsbtReader, T> read)
    {
        ulong expected = ReadCompactSize();
        int before = Remaining;
        var value = read(this);
        if ((ulong)(before - Remaining) != expected) throw new PsbtFormatException("Size of value was not the stated size");
        return value;
    }
}
