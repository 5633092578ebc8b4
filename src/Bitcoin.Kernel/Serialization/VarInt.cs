namespace Bitcoin.Kernel.Serialization;

/// <summary>
/// Core's VARINT: MSB-first base-128 digits where every byte but the last has the high bit set and, to make each
/// number's encoding unique, one is subtracted from every digit but the last (0 → 00, 128 → 80 00, 2^32 → 8E FE FE FF 00).
/// Used by the coins database, undo data and the block index; not to be confused with CompactSize.
/// </summary>
public static class VarInt
{
    /// <summary>Bytes needed to encode <paramref name="value"/>.</summary>
    public static int GetSize(ulong value)
    {
        int size = 1;
        while (value > 0x7F)
        {
            value = (value >> 7) - 1;
            size++;
        }
        return size;
    }

    /// <summary>Appends the encoding of <paramref name="value"/>.</summary>
    public static void Write(ByteWriter writer, ulong value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        // At most ceil(64 / 7) = 10 digits; they are produced least significant first.
        Span<byte> digits = stackalloc byte[10];
        int length = 0;
        while (true)
        {
            digits[length] = (byte)((value & 0x7F) | (length != 0 ? 0x80u : 0u));
            if (value <= 0x7F) break;
            value = (value >> 7) - 1;
            length++;
        }
        var output = writer.Append(length + 1);
        for (int i = 0; i <= length; i++) output[i] = digits[length - i];
    }

    /// <summary>
    /// Reads a VARINT whose value must not exceed <paramref name="maxValue"/> (the C++ type's maximum in Core);
    /// larger values throw "ReadVarInt(): size too large" as Core does.
    /// </summary>
    public static ulong Read(ref SpanReader reader, ulong maxValue)
    {
        ulong n = 0;
        while (true)
        {
            byte digit = reader.ReadByte();
            if (n > (maxValue >> 7)) throw new SerializationException("ReadVarInt(): size too large");
            n = (n << 7) | (uint)(digit & 0x7F);
            if ((digit & 0x80) == 0) return n;
            if (n == maxValue) throw new SerializationException("ReadVarInt(): size too large");
            n++;
        }
    }
}
