using System.Globalization;

namespace Bitcoin.Kernel.FeeEstimation.Internal;

/// <summary>Core's serialization pieces used by the fee estimate files: doubles as their 64-bit pattern, compact-size vectors.</summary>
internal static class FeeFileFormat
{
    public static void WriteDouble(BinaryWriter writer, double value) => writer.Write(BitConverter.DoubleToUInt64Bits(value));

    public static double ReadDouble(BinaryReader reader) => BitConverter.UInt64BitsToDouble(reader.ReadUInt64());

    public static void WriteCompactSize(BinaryWriter writer, ulong value)
    {
        if (value < 253)
        {
            writer.Write((byte)value);
        }
        else if (value <= 0xffff)
        {
            writer.Write((byte)253);
            writer.Write((ushort)value);
        }
        else if (value <= 0xffffffff)
        {
            writer.Write((byte)254);
            writer.Write((uint)value);
        }
        else
        {
            writer.Write((byte)255);
            writer.Write(value);
        }
    }

    public static ulong ReadCompactSize(BinaryReader reader)
    {
        byte first = reader.ReadByte();
        ulong value = first switch
        {
            < 253 => first,
            253 => reader.ReadUInt16(),
            254 => reader.ReadUInt32(),
            _ => reader.ReadUInt64(),
        };
        if (value > 0x02000000) throw new FormatException("ReadCompactSize(): size too large");
        return value;
    }

    public static void WriteDoubles(BinaryWriter writer, IReadOnlyList<double> values)
    {
        WriteCompactSize(writer, (ulong)values.Count);
        foreach (var value in values) WriteDouble(writer, value);
    }

    public static double[] ReadDoubles(BinaryReader reader)
    {
        var values = new double[(int)ReadCompactSize(reader)];
        for (int i = 0; i < values.Length; i++) values[i] = ReadDouble(reader);
        return values;
    }

    public static void WriteMatrix(BinaryWriter writer, double[][] rows)
    {
        WriteCompactSize(writer, (ulong)rows.Length);
        foreach (var row in rows) WriteDoubles(writer, row);
    }

    public static double[][] ReadMatrix(BinaryReader reader)
    {
        var rows = new double[(int)ReadCompactSize(reader)][];
        for (int i = 0; i < rows.Length; i++) rows[i] = ReadDoubles(reader);
        return rows;
    }

    /// <summary>printf's %g: six significant digits, trailing zeros dropped, exponent form for very large or small values.</summary>
    public static string FormatG(double value)
    {
        if (value == 0) return "0";
        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (exponent < -4 || exponent >= 6)
        {
            var text = value.ToString("0.#####e+00", CultureInfo.InvariantCulture);
            return text;
        }
        int decimals = Math.Max(0, 5 - exponent);
        return Math.Round(value, decimals).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }
}
