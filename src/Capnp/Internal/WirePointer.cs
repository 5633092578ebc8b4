using System.Runtime.CompilerServices;

namespace Capnp.Internal;

/// <summary>Encoding and decoding of the 64-bit pointer words of the Cap'n Proto format.</summary>
internal static class WirePointer
{
    public const int KindStruct = 0;
    public const int KindList = 1;
    public const int KindFar = 2;
    public const int KindOther = 3;

    /// <summary>Largest element count (29 bits) a list pointer can carry.</summary>
    public const int MaxListElements = (1 << 29) - 1;

    /// <summary>The lower 32 bits of a capability pointer: kind "other", everything else zero.</summary>
    public const uint CapabilityLowWord = KindOther;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Kind(ulong word) => (int)(word & 3);

    /// <summary>The signed 30-bit offset (in words) of a struct or list pointer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Offset(ulong word) => ((int)(uint)word) >> 2;

    public static ushort StructDataWords(ulong word) => (ushort)(word >> 32);

    public static ushort StructPointerCount(ulong word) => (ushort)(word >> 48);

    public static ElementSize ListElementSize(ulong word) => (ElementSize)((word >> 32) & 7);

    /// <summary>The element count of a list pointer, or the word count of an inline-composite list.</summary>
    public static int ListElementCount(ulong word) => (int)(word >> 35);

    /// <summary>The element count stored in the offset field of an inline-composite tag word (unsigned 30 bits).</summary>
    public static int CompositeTagElementCount(ulong tag) => (int)((uint)tag >> 2);

    public static bool IsDoubleFar(ulong word) => (word & 4) != 0;

    public static int FarPadOffset(ulong word) => (int)((uint)word >> 3);

    public static uint FarSegment(ulong word) => (uint)(word >> 32);

    public static bool IsCapability(ulong word) => (uint)word == CapabilityLowWord;

    public static uint CapabilityIndex(ulong word) => (uint)(word >> 32);

    public static ulong Struct(int offsetWords, ushort dataWords, ushort pointerCount) =>
        (uint)(offsetWords << 2) | ((ulong)dataWords << 32) | ((ulong)pointerCount << 48);

    public static ulong List(int offsetWords, ElementSize size, int count) =>
        (uint)(offsetWords << 2) | KindList | ((ulong)size << 32) | ((ulong)(uint)count << 35);

    /// <summary>The tag word of an inline-composite list: element count in the offset field, then the sizes.</summary>
    public static ulong CompositeTag(int elementCount, ushort dataWords, ushort pointerCount) =>
        ((uint)elementCount << 2) | ((ulong)dataWords << 32) | ((ulong)pointerCount << 48);

    public static ulong Far(bool doubleFar, int padOffsetWords, int segment) =>
        KindFar | (doubleFar ? 4u : 0u) | ((uint)padOffsetWords << 3) | ((ulong)(uint)segment << 32);

    public static ulong Capability(uint index) => CapabilityLowWord | ((ulong)index << 32);

    /// <summary>Replaces the offset field of a struct or list pointer, keeping kind and sizes.</summary>
    public static ulong WithOffset(ulong word, int offsetWords) =>
        (word & 0xFFFF_FFFF_0000_0003UL) | (uint)(offsetWords << 2);

    /// <summary>Data bits per element of a non-composite list.</summary>
    public static int DataBitsPerElement(ElementSize size) => size switch
    {
        ElementSize.Bit => 1,
        ElementSize.Byte => 8,
        ElementSize.TwoBytes => 16,
        ElementSize.FourBytes => 32,
        ElementSize.EightBytes => 64,
        _ => 0,
    };

    /// <summary>Pointers per element of a non-composite list.</summary>
    public static int PointersPerElement(ElementSize size) => size == ElementSize.Pointer ? 1 : 0;

    /// <summary>Words needed for <paramref name="count"/> elements of a non-composite list.</summary>
    public static long WordsForList(ElementSize size, long count)
    {
        long bits = count * (DataBitsPerElement(size) + (64 * PointersPerElement(size)));
        return (bits + 63) / 64;
    }
}
