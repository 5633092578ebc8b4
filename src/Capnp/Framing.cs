using System.Buffers;
using Capnp.Internal;

namespace Capnp;

/// <summary>
/// The standard stream framing (a segment table, then the segments), unpacked and packed, over contiguous memory
/// and <see cref="ReadOnlySequence{T}"/>. Readers here parse in place; see <see cref="PipeMessageReader"/> for
/// reading a stream incrementally into owned buffers.
/// </summary>
public static class Framing
{
    /// <summary>
    /// Reads one framed message from the start of <paramref name="input"/>, in place (the reader's segments are
    /// slices of <paramref name="input"/>). Throws <see cref="CapnpFormatException"/> when the frame is invalid or
    /// incomplete.
    /// </summary>
    public static MessageReader ReadMessage(ReadOnlyMemory<byte> input, out int bytesConsumed, ReaderOptions? options = null)
    {
        options ??= ReaderOptions.Default;
        var span = input.Span;
        if (span.Length < 8)
            ThrowPremature();
        int count = SegmentTable.SegmentCount(span);
        int tableSize = SegmentTable.Size(count);
        if (span.Length < tableSize)
            ThrowPremature();
        Span<int> sizes = count <= 64 ? stackalloc int[count] : new int[count];
        long totalWords = SegmentTable.ReadSizes(span[..tableSize], count, sizes, options);
        if (span.Length - tableSize < totalWords * 8)
            ThrowPremature();

        var segments = new SegmentSlice[count];
        int at = tableSize;
        for (int i = 0; i < count; i++)
        {
            segments[i] = new SegmentSlice(input.Slice(at, sizes[i] * 8));
            at += sizes[i] * 8;
        }

        bytesConsumed = at;
        return MessageReader.Create(segments, options);
    }

    /// <summary>Reads one framed message that makes up the whole of <paramref name="input"/>, in place.</summary>
    public static MessageReader ReadMessage(ReadOnlyMemory<byte> input, ReaderOptions? options = null)
    {
        var message = ReadMessage(input, out int consumed, options);
        if (consumed != input.Length)
            ThrowHelper.Format("Input continues after the end of the message.");
        return message;
    }

    /// <summary>
    /// Tries to read one framed message from the start of <paramref name="input"/>: false when more bytes are
    /// needed. Segments lying within one buffer of the sequence are read in place (valid as long as that memory
    /// is); a segment spanning buffers is copied. <paramref name="end"/> is where the message ends.
    /// </summary>
    public static bool TryReadMessage(ReadOnlySequence<byte> input, out MessageReader message, out SequencePosition end,
        ReaderOptions? options = null)
    {
        options ??= ReaderOptions.Default;
        message = null!;
        end = input.Start;
        if (input.Length < 8)
            return false;

        Span<byte> first = stackalloc byte[8];
        input.Slice(0, 8).CopyTo(first);
        int count = SegmentTable.SegmentCount(first);
        int tableSize = SegmentTable.Size(count);
        if (input.Length < tableSize)
            return false;

        Span<byte> table = stackalloc byte[tableSize];
        input.Slice(0, tableSize).CopyTo(table);
        Span<int> sizes = stackalloc int[count];
        long totalWords = SegmentTable.ReadSizes(table, count, sizes, options);
        if (input.Length - tableSize < totalWords * 8)
            return false;

        var segments = new ReadOnlyMemory<byte>[count];
        var position = input.GetPosition(tableSize);
        for (int i = 0; i < count; i++)
        {
            var slice = input.Slice(position, sizes[i] * 8L);
            segments[i] = slice.IsSingleSegment ? slice.First : slice.ToArray();
            position = slice.End;
        }

        message = new MessageReader(segments, options);
        end = position;
        return true;
    }

    /// <summary>
    /// Reads one packed framed message from the start of <paramref name="packed"/> into a new buffer (packing
    /// cannot be read in place). <paramref name="bytesConsumed"/> is the packed length of the message.
    /// </summary>
    public static MessageReader ReadPackedMessage(ReadOnlyMemory<byte> packed, out int bytesConsumed, ReaderOptions? options = null)
    {
        options ??= ReaderOptions.Default;
        var input = new ReadOnlySequence<byte>(packed);
        var decoder = default(PackedDecoder);
        Span<byte> first = stackalloc byte[8];
        Unpack(ref decoder, ref input, first);
        int count = SegmentTable.SegmentCount(first);
        var table = new byte[SegmentTable.Size(count)];
        first.CopyTo(table);
        Unpack(ref decoder, ref input, table.AsSpan(8));
        var sizes = new int[count];
        long totalWords = SegmentTable.ReadSizes(table, count, sizes, options);

        // The size is bounded by the traversal limit, checked above, before this allocation.
        var body = new byte[totalWords * 8];
        Unpack(ref decoder, ref input, body);
        if (decoder.InRun)
            ThrowHelper.Format("Packed input did not end cleanly at the end of the message.");

        var segments = new ReadOnlyMemory<byte>[count];
        int at = 0;
        for (int i = 0; i < count; i++)
        {
            segments[i] = body.AsMemory(at, sizes[i] * 8);
            at += sizes[i] * 8;
        }

        bytesConsumed = (int)(packed.Length - input.Length);
        return new MessageReader(segments, options);
    }

    private static void ThrowPremature() =>
        ThrowHelper.Format("Message ends prematurely: the input is shorter than its segment table announces.");

    private static void Unpack(ref PackedDecoder decoder, ref ReadOnlySequence<byte> input, Span<byte> destination)
    {
        int written = decoder.Decode(input, destination, out long consumed);
        input = input.Slice(consumed);
        if (written < destination.Length)
            ThrowHelper.Format("Packed message ends prematurely.");
    }
}
