using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using NBitcoin;

namespace Bitcoin.Kernel.Serialization;

/// <summary>
/// Reads Core's serialization format from a span: little-endian integers, CompactSize, VARINT and raw bytes.
/// Running past the end throws <see cref="SerializationException"/> with Core's "end of data" wording.
/// </summary>
public ref struct SpanReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Starts reading at the first byte of <paramref name="data"/>.</summary>
    public SpanReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Bytes read so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes left to read.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool IsEnd => _position >= _data.Length;

    /// <summary>The unread part of the input.</summary>
    public readonly ReadOnlySpan<byte> RemainingSpan => _data[_position..];

    /// <summary>Reads one byte.</summary>
    public byte ReadByte()
    {
        if (_position >= _data.Length) ThrowEndOfData();
        return _data[_position++];
    }

    /// <summary>Reads <paramref name="count"/> bytes without copying.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining) ThrowEndOfData();
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>Skips <paramref name="count"/> bytes.</summary>
    public void Skip(int count) => ReadBytes(count);

    /// <summary>Reads a little-endian 16-bit number.</summary>
    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2));

    /// <summary>Reads a little-endian 32-bit number.</summary>
    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    /// <summary>Reads a little-endian signed 32-bit number.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4));

    /// <summary>Reads a little-endian 64-bit number.</summary>
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    /// <summary>Reads a 32-byte hash in serialization order (as NBitcoin's uint256 stores it).</summary>
    public uint256 ReadUInt256() => new(ReadBytes(32));

    /// <summary>Reads a CompactSize; see <see cref="CompactSize.Read"/>.</summary>
    public ulong ReadCompactSize(bool rangeCheck = true) => CompactSize.Read(ref this, rangeCheck);

    /// <summary>Reads an unsigned VARINT; see <see cref="VarInt"/>.</summary>
    public ulong ReadVarInt() => VarInt.Read(ref this, ulong.MaxValue);

    /// <summary>Reads an unsigned VARINT that must fit in 32 bits.</summary>
    public uint ReadVarIntUInt32() => (uint)VarInt.Read(ref this, uint.MaxValue);

    /// <summary>Reads a VARINT in Core's NONNEGATIVE_SIGNED mode into an int.</summary>
    public int ReadVarIntInt32() => (int)VarInt.Read(ref this, int.MaxValue);

    [DoesNotReturn]
    private static void ThrowEndOfData() => throw new SerializationException("end of data");
}
