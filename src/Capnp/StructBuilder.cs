using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Capnp.Internal;

namespace Capnp;

/// <summary>
/// A struct under construction. Primitive accessors take the field's offset in units of its own size and the
/// field's default value, which is XORed into the wire value as the encoding requires. Pointer fields are reached
/// as <see cref="AnyPointerBuilder"/> slots.
/// </summary>
public readonly struct StructBuilder
{
    private readonly MessageBuilder _message;
    private readonly int _segment;
    private readonly int _dataOffset;
    private readonly int _dataBytes;
    private readonly int _pointerOffset;
    private readonly int _pointerCount;

    internal StructBuilder(MessageBuilder message, int segment, int dataOffset, int dataBytes, int pointerOffset, int pointerCount)
    {
        _message = message;
        _segment = segment;
        _dataOffset = dataOffset;
        _dataBytes = dataBytes;
        _pointerOffset = pointerOffset;
        _pointerCount = pointerCount;
    }

    /// <summary>The message this struct belongs to.</summary>
    public MessageBuilder Message => _message;

    /// <summary>Size of the data section in bytes.</summary>
    public int DataBytes => _dataBytes;

    /// <summary>Number of pointers.</summary>
    public int PointerCount => _pointerCount;

    /// <summary>The data section, to write in place.</summary>
    public Span<byte> DataSection => _message.Buffer(_segment).AsSpan(_dataOffset, _dataBytes);

    internal int Segment => _segment;

    internal int PointerOffset => _pointerOffset;

    /// <summary>Writes a Bool at bit <paramref name="bitOffset"/>.</summary>
    public void WriteBool(int bitOffset, bool value, bool defaultValue = false)
    {
        if ((uint)bitOffset >= (uint)_dataBytes * 8)
            ThrowHelper.FieldOutOfRange(nameof(bitOffset));
        ref byte b = ref _message.Buffer(_segment)[_dataOffset + (bitOffset >> 3)];
        int mask = 1 << (bitOffset & 7);
        b = (value ^ defaultValue) ? (byte)(b | mask) : (byte)(b & ~mask);
    }

    /// <summary>Reads back a Bool at bit <paramref name="bitOffset"/>.</summary>
    public bool ReadBool(int bitOffset, bool defaultValue = false)
    {
        if ((uint)bitOffset >= (uint)_dataBytes * 8)
            return defaultValue;
        var b = _message.Buffer(_segment)[_dataOffset + (bitOffset >> 3)];
        return (((b >> (bitOffset & 7)) & 1) != 0) ^ defaultValue;
    }

    /// <summary>Writes an Int8 at <paramref name="offset"/> bytes.</summary>
    public void WriteInt8(int offset, sbyte value, sbyte defaultValue = 0) => WriteUInt8(offset, (byte)value, (byte)defaultValue);

    /// <summary>Reads back an Int8.</summary>
    public sbyte ReadInt8(int offset, sbyte defaultValue = 0) => (sbyte)ReadUInt8(offset, (byte)defaultValue);

    /// <summary>Writes a UInt8 at <paramref name="offset"/> bytes.</summary>
    public void WriteUInt8(int offset, byte value, byte defaultValue = 0) => Slot(offset, 1)[0] = (byte)(value ^ defaultValue);

    /// <summary>Reads back a UInt8.</summary>
    public byte ReadUInt8(int offset, byte defaultValue = 0) =>
        (uint)offset < (uint)_dataBytes ? (byte)(_message.Buffer(_segment)[_dataOffset + offset] ^ defaultValue) : defaultValue;

    /// <summary>Writes an Int16 at <paramref name="offset"/> × 2 bytes.</summary>
    public void WriteInt16(int offset, short value, short defaultValue = 0) => WriteUInt16(offset, (ushort)value, (ushort)defaultValue);

    /// <summary>Reads back an Int16.</summary>
    public short ReadInt16(int offset, short defaultValue = 0) => (short)ReadUInt16(offset, (ushort)defaultValue);

    /// <summary>Writes a UInt16 at <paramref name="offset"/> × 2 bytes (also enums and union discriminants).</summary>
    public void WriteUInt16(int offset, ushort value, ushort defaultValue = 0) =>
        BinaryPrimitives.WriteUInt16LittleEndian(Slot(offset, 2), (ushort)(value ^ defaultValue));

    /// <summary>Reads back a UInt16.</summary>
    public ushort ReadUInt16(int offset, ushort defaultValue = 0) =>
        InData(offset, 2) ? (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(Slot(offset, 2)) ^ defaultValue) : defaultValue;

    /// <summary>Writes an Int32 at <paramref name="offset"/> × 4 bytes.</summary>
    public void WriteInt32(int offset, int value, int defaultValue = 0) => WriteUInt32(offset, (uint)value, (uint)defaultValue);

    /// <summary>Reads back an Int32.</summary>
    public int ReadInt32(int offset, int defaultValue = 0) => (int)ReadUInt32(offset, (uint)defaultValue);

    /// <summary>Writes a UInt32 at <paramref name="offset"/> × 4 bytes.</summary>
    public void WriteUInt32(int offset, uint value, uint defaultValue = 0) =>
        BinaryPrimitives.WriteUInt32LittleEndian(Slot(offset, 4), value ^ defaultValue);

    /// <summary>Reads back a UInt32.</summary>
    public uint ReadUInt32(int offset, uint defaultValue = 0) =>
        InData(offset, 4) ? BinaryPrimitives.ReadUInt32LittleEndian(Slot(offset, 4)) ^ defaultValue : defaultValue;

    /// <summary>Writes an Int64 at <paramref name="offset"/> × 8 bytes.</summary>
    public void WriteInt64(int offset, long value, long defaultValue = 0) => WriteUInt64(offset, (ulong)value, (ulong)defaultValue);

    /// <summary>Reads back an Int64.</summary>
    public long ReadInt64(int offset, long defaultValue = 0) => (long)ReadUInt64(offset, (ulong)defaultValue);

    /// <summary>Writes a UInt64 at <paramref name="offset"/> × 8 bytes.</summary>
    public void WriteUInt64(int offset, ulong value, ulong defaultValue = 0) =>
        BinaryPrimitives.WriteUInt64LittleEndian(Slot(offset, 8), value ^ defaultValue);

    /// <summary>Reads back a UInt64.</summary>
    public ulong ReadUInt64(int offset, ulong defaultValue = 0) =>
        InData(offset, 8) ? BinaryPrimitives.ReadUInt64LittleEndian(Slot(offset, 8)) ^ defaultValue : defaultValue;

    /// <summary>Writes a Float32 at <paramref name="offset"/> × 4 bytes (XOR on the bit pattern).</summary>
    public void WriteFloat32(int offset, float value, float defaultValue = 0) =>
        WriteUInt32(offset, BitConverter.SingleToUInt32Bits(value), BitConverter.SingleToUInt32Bits(defaultValue));

    /// <summary>Reads back a Float32.</summary>
    public float ReadFloat32(int offset, float defaultValue = 0) =>
        BitConverter.UInt32BitsToSingle(ReadUInt32(offset, BitConverter.SingleToUInt32Bits(defaultValue)));

    /// <summary>Writes a Float64 at <paramref name="offset"/> × 8 bytes (XOR on the bit pattern).</summary>
    public void WriteFloat64(int offset, double value, double defaultValue = 0) =>
        WriteUInt64(offset, BitConverter.DoubleToUInt64Bits(value), BitConverter.DoubleToUInt64Bits(defaultValue));

    /// <summary>Reads back a Float64.</summary>
    public double ReadFloat64(int offset, double defaultValue = 0) =>
        BitConverter.UInt64BitsToDouble(ReadUInt64(offset, BitConverter.DoubleToUInt64Bits(defaultValue)));

    /// <summary>Pointer field <paramref name="index"/> as a slot to set or read.</summary>
    public AnyPointerBuilder GetPointer(int index)
    {
        if ((uint)index >= (uint)_pointerCount)
            ThrowHelper.FieldOutOfRange(nameof(index));
        return new AnyPointerBuilder(_message, _segment, _pointerOffset + (index * 8));
    }

    /// <summary>True when pointer <paramref name="index"/> is not null.</summary>
    public bool HasPointer(int index) =>
        (uint)index < (uint)_pointerCount && _message.ReadWord(_segment, _pointerOffset + (index * 8)) != 0;

    /// <summary>Reads the struct back, in place.</summary>
    public StructReader AsReader() =>
        new(_message.View, _segment, _dataOffset, _dataBytes, _pointerOffset, _pointerCount, int.MaxValue);

    /// <summary>Copies every field of <paramref name="source"/> (same or other message) into this struct: the data
    /// section (as far as both reach) and deep copies of the pointers.</summary>
    public void CopyFrom(StructReader source)
    {
        var data = source.DataSection;
        var destination = DataSection;
        int n = Math.Min(data.Length, destination.Length);
        data[..n].CopyTo(destination);
        destination[n..].Clear();
        for (int i = 0; i < _pointerCount; i++)
        {
            if (i < source.PointerCount)
                GetPointer(i).SetFrom(source.GetPointer(i));
            else
                GetPointer(i).Clear();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool InData(int offset, int size) => (long)offset * size + size <= _dataBytes;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Slot(int offset, int size)
    {
        long at = (long)offset * size;
        if (at + size > _dataBytes)
            ThrowHelper.FieldOutOfRange(nameof(offset));
        return _message.Buffer(_segment).AsSpan(_dataOffset + (int)at, size);
    }
}
