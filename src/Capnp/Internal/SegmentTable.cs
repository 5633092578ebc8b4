using System.Buffers.Binary;

namespace Capnp.Internal;

/// <summary>
/// The framing header of the standard stream serialization: (segment count - 1) as u32, each segment's size in
/// words as u32, padding to a whole word. Validated as the C++ reader does before anything is allocated.
/// </summary>
internal static class SegmentTable
{
    /// <summary>The C++ reader's bound: a message has fewer than 512 segments.</summary>
    public const int MaxSegments = 511;

    /// <summary>Largest table: 511 segments.</summary>
    public const int MaxTableBytes = (4 + (4 * MaxSegments) + 7) & ~7;

    /// <summary>Segment count from the first four bytes (0 when the count field wraps, as in C++).</summary>
    public static int SegmentCount(ReadOnlySpan<byte> first4)
    {
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(first4) + 1;
        if (count > MaxSegments)
            ThrowHelper.Format($"Message has too many segments ({(ulong)BinaryPrimitives.ReadUInt32LittleEndian(first4) + 1}; fewer than 512 are accepted).");
        return (int)count;
    }

    /// <summary>Size in bytes of the table for <paramref name="segmentCount"/> segments.</summary>
    public static int Size(int segmentCount) => (4 + (4 * segmentCount) + 7) & ~7;

    /// <summary>Reads and validates the segment sizes (in words) from a complete table; returns the total words.</summary>
    public static long ReadSizes(ReadOnlySpan<byte> table, int segmentCount, Span<int> sizes, ReaderOptions options)
    {
        long total = 0;
        for (int i = 0; i < segmentCount; i++)
        {
            uint words = BinaryPrimitives.ReadUInt32LittleEndian(table.Slice(4 + (4 * i), 4));
            total += words;
            if (total > options.TraversalLimitInWords)
                ThrowHelper.Format($"Message is too large: its segment table announces more than the traversal limit of {options.TraversalLimitInWords} words; see ReaderOptions.");
            if (words > int.MaxValue / 8)
                ThrowHelper.Format("Message has a segment too large to hold in memory.");
            sizes[i] = (int)words;
        }

        if (total * 8 > int.MaxValue - MaxTableBytes)
            ThrowHelper.Format("Message is too large to hold in memory.");
        return total;
    }

    /// <summary>Writes the table for the given segment sizes (in words).</summary>
    public static void Write(Span<byte> destination, ReadOnlySpan<int> segmentWords)
    {
        int size = Size(segmentWords.Length);
        destination[..size].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)(segmentWords.Length - 1));
        for (int i = 0; i < segmentWords.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(destination.Slice(4 + (4 * i), 4), (uint)segmentWords[i]);
    }
}
