namespace Bitcoin.Kernel.Serialization;

/// <summary>
/// Core's CompactSize: 1 byte below 253, else a marker (253/254/255) and a 2/4/8-byte little-endian number.
/// Decoding rejects non-canonical encodings and, by default, values above <see cref="MaxSize"/>.
/// </summary>
public static class CompactSize
{
    /// <summary>Core's MAX_SIZE (0x02000000): the largest length a CompactSize may announce when range-checked.</summary>
    public const ulong MaxSize = 0x02000000;

    /// <summary>Bytes needed to encode <paramref name="value"/>.</summary>
    public static int GetSize(ulong value) => value switch
    {
        < 253 => 1,
        <= ushort.MaxValue => 3,
        <= uint.MaxValue => 5,
        _ => 9,
    };

    /// <summary>Appends the encoding of <paramref name="value"/>.</summary>
    public static void Write(ByteWriter writer, ulong value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value < 253)
        {
            writer.WriteByte((byte)value);
        }
        else if (value <= ushort.MaxValue)
        {
            writer.WriteByte(253);
            writer.WriteUInt16((ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            writer.WriteByte(254);
            writer.WriteUInt32((uint)value);
        }
        else
        {
            writer.WriteByte(255);
            writer.WriteUInt64(value);
        }
    }

    /// <summary>Reads a CompactSize; throws on a non-canonical encoding or (with <paramref name="rangeCheck"/>) a size above <see cref="MaxSize"/>.</summary>
    public static ulong Read(ref SpanReader reader, bool rangeCheck = true)
    {
        byte marker = reader.ReadByte();
        ulong value;
        if (marker < 253)
        {
            value = marker;
        }
        else if (marker == 253)
        {
            value = reader.ReadUInt16();
            if (value < 253) throw new SerializationException("non-canonical ReadCompactSize()");
        }
        else if (marker == 254)
        {
            value = reader.ReadUInt32();
            if (value < 0x10000u) throw new SerializationException("non-canonical ReadCompactSize()");
        }
        else
        {
            value = reader.ReadUInt64();
            if (value < 0x100000000UL) throw new SerializationException("non-canonical ReadCompactSize()");
        }
        if (rangeCheck && value > MaxSize) throw new SerializationException("ReadCompactSize(): size too large");
        return value;
    }
}
