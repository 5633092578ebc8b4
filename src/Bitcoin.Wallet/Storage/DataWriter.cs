using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using NBitcoin;

namespace Bitcoin.Wallet.Storage;

/// <summary>
/// Writes values in Bitcoin Core's serialization (serialize.h): little-endian integers, CompactSize lengths,
/// length-prefixed strings and byte vectors, 32-byte hashes. Keys and values of wallet records are built with it.
/// </summary>
internal sealed class DataWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>A copy of the bytes written so far.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public DataWriter WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public DataWriter WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public DataWriter WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public DataWriter WriteInt32(int value) => WriteUInt32(unchecked((uint)value));

    public DataWriter WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public DataWriter WriteInt64(long value) => WriteUInt64(unchecked((ulong)value));

    /// <summary>Core's WriteCompactSize: 1, 3, 5 or 9 bytes.</summary>
    public DataWriter WriteCompactSize(ulong value)
    {
        if (value < 253) return WriteByte((byte)value);
        if (value <= ushort.MaxValue)
        {
            WriteByte(253);
            BinaryPrimitives.WriteUInt16LittleEndian(_buffer.GetSpan(2), (ushort)value);
            _buffer.Advance(2);
            return this;
        }
        if (value <= uint.MaxValue) return WriteByte(254).WriteUInt32((uint)value);
        return WriteByte(255).WriteUInt64(value);
    }

    /// <summary>Raw bytes, without a length.</summary>
    public DataWriter WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
        return this;
    }

    /// <summary>A byte vector: CompactSize length, then the bytes (std::vector&lt;unsigned char&gt;, CPubKey, CScript).</summary>
    public DataWriter WriteBytes(ReadOnlySpan<byte> bytes) => WriteCompactSize((ulong)bytes.Length).WriteRaw(bytes);

    /// <summary>A std::string: CompactSize length, then its UTF-8 bytes.</summary>
    public DataWriter WriteString(string value) => WriteBytes(Encoding.UTF8.GetBytes(value));

    /// <summary>A uint256 in its 32 serialized bytes (little-endian, as NBitcoin's ToBytes).</summary>
    public DataWriter WriteUInt256(uint256 value) => WriteRaw(value.ToBytes());

    /// <summary>A transaction with witnesses (TX_WITH_WITNESS).</summary>
    public DataWriter WriteTransaction(Transaction tx) => WriteRaw(Common.Formats.TransactionDecoding.Serialize(tx, includeWitness: true));
}
