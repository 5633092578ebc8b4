using System.Buffers.Binary;

namespace Bitcoin.Ipc.Conversions;

/// <summary>Bitcoin's CompactSize length prefix.</summary>
internal static class CompactSize
{
    public static int Length(ulong value) => value < 253 ? 1 : value <= 0xFFFF ? 3 : value <= 0xFFFF_FFFF ? 5 : 9;

    public static int Write(Span<byte> output, ulong value)
    {
        switch (Length(value))
        {
            case 1:
                output[0] = (byte)value;
                return 1;
            case 3:
                output[0] = 253;
                BinaryPrimitives.WriteUInt16LittleEndian(output[1..], (ushort)value);
                return 3;
            case 5:
                output[0] = 254;
                BinaryPrimitives.WriteUInt32LittleEndian(output[1..], (uint)value);
                return 5;
            default:
                output[0] = 255;
                BinaryPrimitives.WriteUInt64LittleEndian(output[1..], value);
                return 9;
        }
    }

    public static ulong Read(ReadOnlySpan<byte> input, ref int offset, string what)
    {
        if (offset >= input.Length) throw new IpcFormatException($"A {what} is truncated.");
        var first = input[offset++];
        var size = first switch { 253 => 2, 254 => 4, 255 => 8, _ => 0 };
        if (input.Length - offset < size) throw new IpcFormatException($"A {what} is truncated.");
        ulong value = size switch
        {
            0 => first,
            2 => BinaryPrimitives.ReadUInt16LittleEndian(input[offset..]),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(input[offset..]),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(input[offset..]),
        };
        offset += size;
        return value;
    }
}
