using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Capnp.Internal;

/// <summary>Generic little-endian access to the primitive types Cap'n Proto lists hold. The type tests are
/// constants per instantiation, so the JIT keeps only one branch.</summary>
internal static class LittleEndian
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Read<T>(ReadOnlySpan<byte> span)
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
            return Unsafe.BitCast<byte, T>(span[0]);
        if (typeof(T) == typeof(sbyte))
            return Unsafe.BitCast<sbyte, T>((sbyte)span[0]);
        if (typeof(T) == typeof(short))
            return Unsafe.BitCast<short, T>(BinaryPrimitives.ReadInt16LittleEndian(span));
        if (typeof(T) == typeof(ushort))
            return Unsafe.BitCast<ushort, T>(BinaryPrimitives.ReadUInt16LittleEndian(span));
        if (typeof(T) == typeof(int))
            return Unsafe.BitCast<int, T>(BinaryPrimitives.ReadInt32LittleEndian(span));
        if (typeof(T) == typeof(uint))
            return Unsafe.BitCast<uint, T>(BinaryPrimitives.ReadUInt32LittleEndian(span));
        if (typeof(T) == typeof(long))
            return Unsafe.BitCast<long, T>(BinaryPrimitives.ReadInt64LittleEndian(span));
        if (typeof(T) == typeof(ulong))
            return Unsafe.BitCast<ulong, T>(BinaryPrimitives.ReadUInt64LittleEndian(span));
        if (typeof(T) == typeof(float))
            return Unsafe.BitCast<float, T>(BinaryPrimitives.ReadSingleLittleEndian(span));
        if (typeof(T) == typeof(double))
            return Unsafe.BitCast<double, T>(BinaryPrimitives.ReadDoubleLittleEndian(span));
        return ThrowUnsupported<T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write<T>(Span<byte> span, T value)
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
            span[0] = Unsafe.BitCast<T, byte>(value);
        else if (typeof(T) == typeof(sbyte))
            span[0] = (byte)Unsafe.BitCast<T, sbyte>(value);
        else if (typeof(T) == typeof(short))
            BinaryPrimitives.WriteInt16LittleEndian(span, Unsafe.BitCast<T, short>(value));
        else if (typeof(T) == typeof(ushort))
            BinaryPrimitives.WriteUInt16LittleEndian(span, Unsafe.BitCast<T, ushort>(value));
        else if (typeof(T) == typeof(int))
            BinaryPrimitives.WriteInt32LittleEndian(span, Unsafe.BitCast<T, int>(value));
        else if (typeof(T) == typeof(uint))
            BinaryPrimitives.WriteUInt32LittleEndian(span, Unsafe.BitCast<T, uint>(value));
        else if (typeof(T) == typeof(long))
            BinaryPrimitives.WriteInt64LittleEndian(span, Unsafe.BitCast<T, long>(value));
        else if (typeof(T) == typeof(ulong))
            BinaryPrimitives.WriteUInt64LittleEndian(span, Unsafe.BitCast<T, ulong>(value));
        else if (typeof(T) == typeof(float))
            BinaryPrimitives.WriteSingleLittleEndian(span, Unsafe.BitCast<T, float>(value));
        else if (typeof(T) == typeof(double))
            BinaryPrimitives.WriteDoubleLittleEndian(span, Unsafe.BitCast<T, double>(value));
        else
            ThrowUnsupported<T>();
    }

    /// <summary>Element size code for a primitive type.</summary>
    public static ElementSize SizeOf<T>()
        where T : unmanaged => Unsafe.SizeOf<T>() switch
        {
            1 => ElementSize.Byte,
            2 => ElementSize.TwoBytes,
            4 => ElementSize.FourBytes,
            _ => ElementSize.EightBytes,
        };

    private static T ThrowUnsupported<T>() =>
        throw new NotSupportedException($"{typeof(T)} is not a Cap'n Proto primitive type.");
}
