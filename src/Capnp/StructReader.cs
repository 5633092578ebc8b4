using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Capnp;

/// <summary>
/// A struct read in place. Fields outside the sections the sender wrote read as their defaults, so a reader with a
/// newer schema reads older messages and vice versa. Primitive accessors take the field's offset in units of its
/// own size (as the schema compiler reports it) and the field's default value, which the wire value is XORed with.
/// The default value of this type is a struct whose every field has its default.
/// </summary>
public readonly struct StructReader
{
    private readonly MessageReader? _message;
    private readonly int _segment;
    private readonly int _dataOffset;
    private readonly int _dataBytes;
    private readonly int _pointerOffset;
    private readonly int _pointerCount;
    private readonly int _nestingLimit;

    internal StructReader(MessageReader message, int segment, int dataOffset, int dataBytes, int pointerOffset,
        int pointerCount, int nestingLimit)
    {
        _message = message;
        _segment = segment;
        _dataOffset = dataOffset;
        _dataBytes = dataBytes;
        _pointerOffset = pointerOffset;
        _pointerCount = pointerCount;
        _nestingLimit = nestingLimit;
    }

    /// <summary>True when this is the default (absent) struct.</summary>
    public bool IsNull => _message is null;

    /// <summary>The message this struct lives in (null for the default struct).</summary>
    public MessageReader? Message => _message;

    /// <summary>Size of the data section in bytes, as written by the sender.</summary>
    public int DataBytes => _dataBytes;

    /// <summary>Number of pointers, as written by the sender.</summary>
    public int PointerCount => _pointerCount;

    /// <summary>The data section, in place.</summary>
    public ReadOnlySpan<byte> DataSection =>
        _message is null ? default : _message.Span(_segment).Slice(_dataOffset, _dataBytes);

    internal int Segment => _segment;

    internal int DataOffset => _dataOffset;

    internal int PointerOffset => _pointerOffset;

    internal int NestingLimit => _nestingLimit;

    /// <summary>Reads a Bool at bit <paramref name="bitOffset"/>.</summary>
    public bool ReadBool(int bitOffset, bool defaultValue = false)
    {
        if ((uint)bitOffset >= (uint)_dataBytes * 8)
            return defaultValue;
        var b = _message!.Span(_segment)[_dataOffset + (bitOffset >> 3)];
        return (((b >> (bitOffset & 7)) & 1) != 0) ^ defaultValue;
    }

    /// <summary>Reads an Int8 at <paramref name="offset"/> bytes.</summary>
    public sbyte ReadInt8(int offset, sbyte defaultValue = 0) => (sbyte)ReadUInt8(offset, (byte)defaultValue);

    /// <summary>Reads a UInt8 at <paramref name="offset"/> bytes.</summary>
    public byte ReadUInt8(int offset, byte defaultValue = 0)
    {
        if ((uint)offset >= (uint)_dataBytes)
            return defaultValue;
        return (byte)(_message!.Span(_segment)[_dataOffset + offset] ^ defaultValue);
    }

    /// <summary>Reads an Int16 at <paramref name="offset"/> × 2 bytes.</summary>
    public short ReadInt16(int offset, short defaultValue = 0) => (short)ReadUInt16(offset, (ushort)defaultValue);

    /// <summary>Reads a UInt16 at <paramref name="offset"/> × 2 bytes (also enums and union discriminants).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ushort ReadUInt16(int offset, ushort defaultValue = 0)
    {
        long at = (long)offset * 2;
        if (at + 2 > _dataBytes)
            return defaultValue;
        return (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(_message!.Span(_segment).Slice(_dataOffset + (int)at, 2)) ^ defaultValue);
    }

    /// <summary>Reads an Int32 at <paramref name="offset"/> × 4 bytes.</summary>
    public int ReadInt32(int offset, int defaultValue = 0) => (int)ReadUInt32(offset, (uint)defaultValue);

    /// <summary>Reads a UInt32 at <paramref name="offset"/> × 4 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadUInt32(int offset, uint defaultValue = 0)
    {
        long at = (long)offset * 4;
        if (at + 4 > _dataBytes)
            return defaultValue;
        return BinaryPrimitives.ReadUInt32LittleEndian(_message!.Span(_segment).Slice(_dataOffset + (int)at, 4)) ^ defaultValue;
    }

    /// <summary>Reads an Int64 at <paramref name="offset"/> × 8 bytes.</summary>
    public long ReadInt64(int offset, long defaultValue = 0) => (long)ReadUInt64(offset, (ulong)defaultValue);

    /// <summary>Reads a UInt64 at <paramref name="offset"/> × 8 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadUInt64(int offset, ulong defaultValue = 0)
    {
        long at = (long)offset * 8;
        if (at + 8 > _dataBytes)
            return defaultValue;
        return BinaryPrimitives.ReadUInt64LittleEndian(_message!.Span(_segment).Slice(_dataOffset + (int)at, 8)) ^ defaultValue;
    }

    /// <summary>Reads a Float32 at <paramref name="offset"/> × 4 bytes (XOR on the bit pattern).</summary>
    public float ReadFloat32(int offset, float defaultValue = 0) =>
        BitConverter.UInt32BitsToSingle(ReadUInt32(offset, BitConverter.SingleToUInt32Bits(defaultValue)));

    /// <summary>Reads a Float64 at <paramref name="offset"/> × 8 bytes (XOR on the bit pattern).</summary>
    public double ReadFloat64(int offset, double defaultValue = 0) =>
        BitConverter.UInt64BitsToDouble(ReadUInt64(offset, BitConverter.DoubleToUInt64Bits(defaultValue)));

    /// <summary>True when pointer <paramref name="index"/> exists and is not null.</summary>
    public bool HasPointer(int index) =>
        (uint)index < (uint)_pointerCount &&
        BinaryPrimitives.ReadUInt64LittleEndian(_message!.Span(_segment).Slice(_pointerOffset + (index * 8), 8)) != 0;

    /// <summary>Pointer <paramref name="index"/> as an AnyPointer (null if outside the pointer section).</summary>
    public AnyPointerReader GetPointer(int index) =>
        (uint)index < (uint)_pointerCount
            ? new AnyPointerReader(_message!, _segment, _pointerOffset + (index * 8), _nestingLimit)
            : default;

    /// <summary>Reads the struct at pointer <paramref name="index"/>; the default struct when null.</summary>
    public StructReader ReadStruct(int index) =>
        (uint)index < (uint)_pointerCount ? _message!.ReadStruct(_segment, _pointerOffset + (index * 8), _nestingLimit) : default;

    /// <summary>Reads the struct at pointer <paramref name="index"/>; <paramref name="defaultValue"/> when null.</summary>
    public StructReader ReadStruct(int index, StructReader defaultValue)
    {
        var value = ReadStruct(index);
        return value.IsNull ? defaultValue : value;
    }

    /// <summary>Reads the list at pointer <paramref name="index"/> expecting elements of <paramref name="expected"/>
    /// size (narrower or wider encodings are accepted as the upgrade rules allow); empty when null.</summary>
    public ListReader ReadList(int index, ElementSize expected) =>
        (uint)index < (uint)_pointerCount ? _message!.ReadList(_segment, _pointerOffset + (index * 8), expected, _nestingLimit) : default;

    /// <summary>Reads the list at pointer <paramref name="index"/>; <paramref name="defaultValue"/> when null.</summary>
    public ListReader ReadList(int index, ElementSize expected, ListReader defaultValue) =>
        HasPointer(index) ? ReadList(index, expected) : defaultValue;

    /// <summary>Reads the Text at pointer <paramref name="index"/>, in place; empty when null.</summary>
    public Text ReadText(int index)
    {
        if ((uint)index >= (uint)_pointerCount)
            return default;
        return new Text(_message!.ReadBlob(_segment, _pointerOffset + (index * 8), text: true, out _));
    }

    /// <summary>Reads the Text at pointer <paramref name="index"/>; <paramref name="defaultValue"/> when null.</summary>
    public Text ReadText(int index, Text defaultValue) => HasPointer(index) ? ReadText(index) : defaultValue;

    /// <summary>Reads the Data at pointer <paramref name="index"/>, in place (no copy); empty when null.</summary>
    public ReadOnlyMemory<byte> ReadData(int index)
    {
        if ((uint)index >= (uint)_pointerCount)
            return default;
        return _message!.ReadBlob(_segment, _pointerOffset + (index * 8), text: false, out _);
    }

    /// <summary>Reads the Data at pointer <paramref name="index"/>; <paramref name="defaultValue"/> when null.</summary>
    public ReadOnlyMemory<byte> ReadData(int index, ReadOnlyMemory<byte> defaultValue) =>
        HasPointer(index) ? ReadData(index) : defaultValue;

    /// <summary>Reads the capability at pointer <paramref name="index"/> from the message's capability table: a new
    /// reference (<see cref="IClientHook.AddRef"/>) the caller disposes; null when the pointer is null.</summary>
    public IClientHook? ReadCapability(int index) =>
        (uint)index < (uint)_pointerCount ? _message!.ReadCapability(_segment, _pointerOffset + (index * 8))?.AddRef() : null;
}
