using System.Buffers.Binary;
using NBitcoin;

namespace Bitcoin.Kernel.Serialization;

/// <summary>
/// A growable byte buffer that writes Core's serialization format (little-endian integers, CompactSize, VARINT).
/// One owner; not thread-safe. <see cref="WrittenSpan"/> is valid until the next write or <see cref="Clear"/>.
/// </summary>
public sealed class ByteWriter
{
    private byte[] _buffer;
    private int _length;

    /// <summary>Creates an empty writer with room for <paramref name="capacity"/> bytes before it grows.</summary>
    public ByteWriter(int capacity = 256)
    {
        _buffer = new byte[Math.Max(capacity, 16)];
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>A copy of the bytes written so far.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Clear() => _length = 0;

    /// <summary>Reserves <paramref name="count"/> bytes at the end and returns them for the caller to fill.</summary>
    public Span<byte> Append(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var grown = new byte[Math.Max(_buffer.Length * 2, _length + count)];
            _buffer.AsSpan(0, _length).CopyTo(grown);
            _buffer = grown;
        }
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value) => Append(1)[0] = value;

    /// <summary>Writes raw bytes with no length prefix.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Append(bytes.Length));

    /// <summary>Writes a little-endian 16-bit number.</summary>
    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Append(2), value);

    /// <summary>Writes a little-endian 32-bit number.</summary>
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Append(4), value);

    /// <summary>Writes a little-endian signed 32-bit number.</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Append(4), value);

    /// <summary>Writes a little-endian 64-bit number.</summary>
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Append(8), value);

    /// <summary>Writes a 32-byte hash in serialization order.</summary>
    public void WriteUInt256(uint256 value)
    {
        ArgumentNullException.ThrowIfNull(value);
        value.ToBytes(Append(32), lendian: true);
    }

    /// <summary>Writes a CompactSize.</summary>
    public void WriteCompactSize(ulong value) => CompactSize.Write(this, value);

    /// <summary>Writes an unsigned VARINT.</summary>
    public void WriteVarInt(ulong value) => VarInt.Write(this, value);

    /// <summary>Writes a non-negative int as a VARINT (Core's NONNEGATIVE_SIGNED mode).</summary>
    public void WriteVarInt(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        VarInt.Write(this, (ulong)value);
    }

    /// <summary>Writes a CompactSize length followed by the bytes (Core's vector/string serialization).</summary>
    public void WriteVarBytes(ReadOnlySpan<byte> bytes)
    {
        WriteCompactSize((ulong)bytes.Length);
        WriteBytes(bytes);
    }
}
