using System.Globalization;
using Capnp.Generator.Schema;

namespace Capnp.Generator;

/// <summary>C# literals for schema values.</summary>
internal static class Literals
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>True when a primitive value is all zero bits (the encoding's implicit default).</summary>
    public static bool IsZero(Value value, TypeKind kind) => value.IsNull || kind switch
    {
        TypeKind.Bool => !value.Bool,
        TypeKind.Int8 or TypeKind.UInt8 => value.UInt8 == 0,
        TypeKind.Int16 or TypeKind.UInt16 or TypeKind.Enum => value.UInt16 == 0,
        TypeKind.Int32 or TypeKind.UInt32 or TypeKind.Float32 => value.UInt32 == 0,
        TypeKind.Int64 or TypeKind.UInt64 or TypeKind.Float64 => value.UInt64 == 0,
        _ => true,
    };

    /// <summary>
    /// A C# expression of the primitive value, exact to the bit (the encoding XORs defaults bitwise, so a NaN's
    /// payload matters). With <paramref name="constant"/>, only constant expressions (NaN becomes float.NaN).
    /// </summary>
    public static string Primitive(Value value, TypeKind kind, bool constant = false) => kind switch
    {
        TypeKind.Bool => value.Bool ? "true" : "false",
        TypeKind.Int8 => $"(sbyte){value.Int8.ToString(Invariant)}",
        TypeKind.Int16 => $"(short){value.Int16.ToString(Invariant)}",
        TypeKind.Int32 => value.Int32.ToString(Invariant),
        TypeKind.Int64 => value.Int64.ToString(Invariant) + "L",
        TypeKind.UInt8 => $"(byte){value.UInt8.ToString(Invariant)}",
        TypeKind.UInt16 => $"(ushort){value.UInt16.ToString(Invariant)}",
        TypeKind.UInt32 => value.UInt32.ToString(Invariant) + "U",
        TypeKind.UInt64 => value.UInt64.ToString(Invariant) + "UL",
        TypeKind.Float32 => Float32(value.Float32Bits, constant),
        TypeKind.Float64 => Float64(value.Float64Bits, constant),
        TypeKind.Enum => $"(ushort){value.Enum.ToString(Invariant)}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string Float32(uint bits, bool constant)
    {
        float f = BitConverter.UInt32BitsToSingle(bits);
        if (float.IsNaN(f))
            return constant ? "float.NaN" : $"global::System.BitConverter.UInt32BitsToSingle(0x{bits:x8}U)";
        if (float.IsPositiveInfinity(f))
            return "float.PositiveInfinity";
        if (float.IsNegativeInfinity(f))
            return "float.NegativeInfinity";
        var text = f.ToString("R", Invariant);
        return (bits == 0x8000_0000 ? "-0.0" : text) + "F";
    }

    private static string Float64(ulong bits, bool constant)
    {
        double d = BitConverter.UInt64BitsToDouble(bits);
        if (double.IsNaN(d))
            return constant ? "double.NaN" : $"global::System.BitConverter.UInt64BitsToDouble(0x{bits:x16}UL)";
        if (double.IsPositiveInfinity(d))
            return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(d))
            return "double.NegativeInfinity";
        var text = d.ToString("R", Invariant);
        return (bits == 0x8000_0000_0000_0000 ? "-0.0" : text) + "D";
    }

    /// <summary>The bytes of a pointer value as a single-segment message whose root is a copy of it.</summary>
    public static byte[] EncodePointer(AnyPointerReader pointer)
    {
        for (int words = 256; ; words *= 4)
        {
            using var message = new MessageBuilder(words);
            message.Root.SetFrom(pointer);
            if (message.SegmentCount == 1)
                return message.GetSegment(0).ToArray();
        }
    }
}
