using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Capnp.Internal;

namespace Capnp;

/// <summary>
/// A received Cap'n Proto message: its segments, read in place (nothing is copied), the limits that guard against
/// hostile input, and the capability table its capability pointers index into.
/// </summary>
/// <remarks>
/// As in C++, every pointer followed is charged against the traversal budget, each time it is followed: a reader
/// that walks the same large object over and over can run out, and should be given a larger
/// <see cref="ReaderOptions.TraversalLimitInWords"/>. Reading is not synchronised: the budget is a plain counter. A message owning pooled memory (one made
/// by <see cref="PipeMessageReader"/>) returns it on <see cref="Dispose"/>; spans and memory obtained from it must
/// not be used after that.
/// </remarks>
public sealed class MessageReader : IDisposable
{
    private readonly SegmentSlice[] _segments;
    private readonly bool _unlimited;
    private IDisposable? _owner;
    private long _budget;

    /// <summary>Reads a message made of the given segments (each a whole number of words), without copying.</summary>
    public MessageReader(ReadOnlyMemory<byte>[] segments, ReaderOptions? options = null)
        : this(segments, options ?? ReaderOptions.Default, owner: null, unlimited: false)
    {
    }

    /// <summary>Reads a single-segment message without copying.</summary>
    public MessageReader(ReadOnlyMemory<byte> segment, ReaderOptions? options = null)
        : this([segment], options)
    {
    }

    internal MessageReader(ReadOnlyMemory<byte>[] segments, ReaderOptions options, IDisposable? owner, bool unlimited)
        : this(ToSlices(segments), options, owner, unlimited)
    {
    }

    internal MessageReader(SegmentSlice[] segments, ReaderOptions options, IDisposable? owner, bool unlimited)
    {
        ArgumentNullException.ThrowIfNull(options);
        _segments = segments;
        Options = options;
        _owner = owner;
        _unlimited = unlimited;
        _budget = options.TraversalLimitInWords;
    }

    /// <summary>The limits this reader enforces.</summary>
    public ReaderOptions Options { get; }

    /// <summary>
    /// The capabilities the message's capability pointers refer to, by index. The RPC layer attaches it when the
    /// message arrives; a message without one has no valid capability pointers.
    /// </summary>
    public IReadOnlyList<IClientHook?>? CapTable { get; set; }

    /// <summary>Number of segments.</summary>
    public int SegmentCount => _segments.Length;

    /// <summary>Total size of the segments in words.</summary>
    public long SizeInWords
    {
        get
        {
            long words = 0;
            foreach (var segment in _segments)
                words += segment.Length / 8;
            return words;
        }
    }

    /// <summary>Words of traversal budget left (see <see cref="ReaderOptions.TraversalLimitInWords"/>).</summary>
    public long TraversalBudgetLeft => _budget;

    /// <summary>The memory of one segment.</summary>
    public ReadOnlyMemory<byte> GetSegment(int index) => _segments[index].Memory;

    /// <summary>The root pointer (the first word of the first segment).</summary>
    public AnyPointerReader Root
    {
        get
        {
            if (_segments.Length == 0 || _segments[0].Length < 8)
                ThrowHelper.Format("Message did not contain a root pointer.");
            return new AnyPointerReader(this, 0, 0, Options.NestingLimit);
        }
    }

    /// <summary>Reads the root as a struct of generated type <typeparamref name="T"/>.</summary>
    public T GetRoot<T>()
        where T : struct, IStructReader<T> => T.Create(Root.GetStruct());

    /// <summary>
    /// A reader over trusted, static bytes (a schema's default value or constant): no traversal budget, so it can
    /// be shared by every thread for the life of the process.
    /// </summary>
    public static MessageReader ForTrustedSegment(ReadOnlyMemory<byte> segment) =>
        new([segment], ReaderOptions.Default, owner: null, unlimited: true);

    /// <summary>Returns pooled memory the message owns, if any. The message must not be read afterwards.</summary>
    public void Dispose()
    {
        var owner = _owner;
        _owner = null;
        owner?.Dispose();
    }

    internal static MessageReader CreateOwned(SegmentSlice[] segments, ReaderOptions options, IDisposable owner) =>
        new(segments, options, owner, unlimited: false);

    internal static MessageReader Create(SegmentSlice[] segments, ReaderOptions options) =>
        new(segments, options, owner: null, unlimited: false);

    private static SegmentSlice[] ToSlices(ReadOnlyMemory<byte>[] segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var slices = new SegmentSlice[segments.Length];
        for (int i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length % 8 != 0)
                ThrowHelper.Argument("Every segment must be a whole number of 8-byte words.", nameof(segments));
            slices[i] = new SegmentSlice(segments[i]);
        }

        return slices;
    }

    internal static MessageReader CreateUnlimited(ReadOnlyMemory<byte>[] segments) =>
        new(segments, ReaderOptions.Default, owner: null, unlimited: true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ReadOnlySpan<byte> Span(int segment) => _segments[segment].Span;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ReadOnlyMemory<byte> Memory(int segment) => _segments[segment].Memory;

    /// <summary>Charges <paramref name="words"/> against the traversal budget.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Charge(long words)
    {
        if (_unlimited)
            return;
        if (words > _budget)
            ThrowHelper.TraversalLimit();
        _budget -= words;
    }

    /// <summary>
    /// Follows the pointer at <paramref name="pointerOffset"/> (bytes) in <paramref name="segment"/> through any far
    /// pointer. Returns false for a null pointer. <paramref name="tag"/> is the word describing the object (the
    /// pointer itself, the landing pad, or the double-far tag); <paramref name="targetOffset"/> is where the object
    /// starts in <paramref name="targetSegment"/> (not yet bounds-checked).
    /// </summary>
    internal bool Follow(int segment, int pointerOffset, out ulong tag, out int targetSegment, out long targetOffset)
    {
        var word = BinaryPrimitives.ReadUInt64LittleEndian(Span(segment).Slice(pointerOffset, 8));
        if (word == 0)
        {
            tag = 0;
            targetSegment = 0;
            targetOffset = 0;
            return false;
        }

        if (WirePointer.Kind(word) != WirePointer.KindFar)
        {
            tag = word;
            targetSegment = segment;
            targetOffset = pointerOffset + 8 + ((long)WirePointer.Offset(word) * 8);
            return true;
        }

        FollowFar(word, out tag, out targetSegment, out targetOffset);
        return true;
    }

    private void FollowFar(ulong far, out ulong tag, out int targetSegment, out long targetOffset)
    {
        var padSegment = WirePointer.FarSegment(far);
        if (padSegment >= (uint)_segments.Length)
            ThrowHelper.Format("Message contains a far pointer to an unknown segment.");

        bool doubleFar = WirePointer.IsDoubleFar(far);
        int padWords = doubleFar ? 2 : 1;
        long padOffset = (long)WirePointer.FarPadOffset(far) * 8;
        var pad = Span((int)padSegment);
        if (padOffset + (padWords * 8) > pad.Length)
            ThrowHelper.Format("Message contains an out-of-bounds far pointer.");
        Charge(padWords);

        var first = BinaryPrimitives.ReadUInt64LittleEndian(pad.Slice((int)padOffset, 8));
        if (!doubleFar)
        {
            // The landing pad is an ordinary pointer to the object, relative to the pad itself. A pad that is itself
            // a far pointer is rejected by the caller's kind check.
            tag = first;
            targetSegment = (int)padSegment;
            targetOffset = padOffset + 8 + ((long)WirePointer.Offset(first) * 8);
            return;
        }

        // Double far: the pad is a far pointer to the object's start, then a tag word describing the object.
        if (WirePointer.Kind(first) != WirePointer.KindFar)
            ThrowHelper.Format("Message contains a double-far landing pad whose first word is not a far pointer.");
        var objectSegment = WirePointer.FarSegment(first);
        if (objectSegment >= (uint)_segments.Length)
            ThrowHelper.Format("Message contains a double-far pointer to an unknown segment.");
        tag = BinaryPrimitives.ReadUInt64LittleEndian(pad.Slice((int)padOffset + 8, 8));
        targetSegment = (int)objectSegment;
        targetOffset = (long)WirePointer.FarPadOffset(first) * 8;
    }

    /// <summary>Checks that <paramref name="words"/> words at <paramref name="offset"/> lie in the segment, and
    /// charges them against the traversal budget.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void CheckObject(int segment, long offset, long words)
    {
        if (offset < 0 || offset + (words * 8) > _segments[segment].Length)
            ThrowHelper.OutOfBoundsPointer();
        Charge(words);
    }

    internal StructReader ReadStruct(int segment, int pointerOffset, int nestingLimit)
    {
        if (!Follow(segment, pointerOffset, out var tag, out var targetSegment, out var target))
            return default;
        if (nestingLimit <= 0)
            ThrowHelper.NestingLimit();
        if (WirePointer.Kind(tag) != WirePointer.KindStruct)
            ThrowHelper.Format("Message contains a non-struct pointer where a struct pointer was expected.");

        int dataWords = WirePointer.StructDataWords(tag);
        int pointerCount = WirePointer.StructPointerCount(tag);
        CheckObject(targetSegment, target, dataWords + pointerCount);
        int dataOffset = (int)target;
        return new StructReader(this, targetSegment, dataOffset, dataWords * 8, dataOffset + (dataWords * 8),
            pointerCount, nestingLimit - 1);
    }

    internal ListReader ReadList(int segment, int pointerOffset, ElementSize expected, int nestingLimit)
    {
        if (!Follow(segment, pointerOffset, out var tag, out var targetSegment, out var target))
            return default;
        if (nestingLimit <= 0)
            ThrowHelper.NestingLimit();
        if (WirePointer.Kind(tag) != WirePointer.KindList)
            ThrowHelper.Format("Message contains a non-list pointer where a list pointer was expected.");

        var size = WirePointer.ListElementSize(tag);
        if (size == ElementSize.InlineComposite)
            return ReadCompositeList(targetSegment, target, WirePointer.ListElementCount(tag), expected, nestingLimit);

        int count = WirePointer.ListElementCount(tag);
        int dataBits = WirePointer.DataBitsPerElement(size);
        int pointers = WirePointer.PointersPerElement(size);
        CheckObject(targetSegment, target, WirePointer.WordsForList(size, count));
        if (size == ElementSize.Empty)
        {
            // A list of voids takes no space however long it claims to be; charge it as if each took a word.
            Charge(count);
        }

        if (expected == ElementSize.InlineComposite)
        {
            if (size == ElementSize.Bit)
                ThrowHelper.Format("Message contains a bit list where a struct list was expected.");
        }
        else if (WirePointer.DataBitsPerElement(expected) > dataBits || WirePointer.PointersPerElement(expected) > pointers)
        {
            ThrowHelper.Format("Message contains a list with an incompatible element type.");
        }

        return new ListReader(this, targetSegment, (int)target, count, dataBits + (64 * pointers), dataBits / 8,
            pointers, size, nestingLimit - 1);
    }

    private ListReader ReadCompositeList(int segment, long target, int wordCount, ElementSize expected, int nestingLimit)
    {
        CheckObject(segment, target, wordCount + 1L);
        var tag = BinaryPrimitives.ReadUInt64LittleEndian(Span(segment).Slice((int)target, 8));
        if (WirePointer.Kind(tag) != WirePointer.KindStruct)
            ThrowHelper.Format("Message contains an inline-composite list whose tag is not a struct tag.");

        int count = WirePointer.CompositeTagElementCount(tag);
        int dataWords = WirePointer.StructDataWords(tag);
        int pointerCount = WirePointer.StructPointerCount(tag);
        long wordsPerElement = dataWords + pointerCount;
        if (count * wordsPerElement > wordCount)
            ThrowHelper.Format("Message contains an inline-composite list whose elements overrun its word count.");
        if (wordsPerElement == 0)
        {
            // Zero-sized structs can claim any count without sending data; charge a word each.
            Charge(count);
        }

        int first = (int)target + 8;
        switch (expected)
        {
            case ElementSize.Bit:
                ThrowHelper.Format("Message contains a struct list where a bit list was expected.");
                break;
            case ElementSize.Byte:
            case ElementSize.TwoBytes:
            case ElementSize.FourBytes:
            case ElementSize.EightBytes:
                if (dataWords == 0)
                    ThrowHelper.Format("Message contains a list of pointer-only structs where a list of primitives was expected.");
                break;
            case ElementSize.Pointer:
                // The list reads each struct's first pointer as if it were a pointer list.
                if (pointerCount == 0)
                    ThrowHelper.Format("Message contains a list of data-only structs where a list of pointers was expected.");
                break;
        }

        return new ListReader(this, segment, first, count, (int)(wordsPerElement * 64), dataWords * 8, pointerCount,
            ElementSize.InlineComposite, nestingLimit - 1);
    }

    /// <summary>Reads a byte list (Text or Data), checking the NUL terminator for Text. Null gives empty.</summary>
    internal ReadOnlyMemory<byte> ReadBlob(int segment, int pointerOffset, bool text, out bool isNull)
    {
        if (!Follow(segment, pointerOffset, out var tag, out var targetSegment, out var target))
        {
            isNull = true;
            return default;
        }

        isNull = false;
        if (WirePointer.Kind(tag) != WirePointer.KindList)
            ThrowHelper.Format(text
                ? "Message contains a non-list pointer where text was expected."
                : "Message contains a non-list pointer where data was expected.");
        if (WirePointer.ListElementSize(tag) != ElementSize.Byte)
            ThrowHelper.Format(text
                ? "Message contains a list pointer of non-bytes where text was expected."
                : "Message contains a list pointer of non-bytes where data was expected.");

        int length = WirePointer.ListElementCount(tag);
        CheckObject(targetSegment, target, (length + 7L) / 8);
        var memory = Memory(targetSegment).Slice((int)target, length);
        if (text)
        {
            if (length == 0 || memory.Span[length - 1] != 0)
                ThrowHelper.Format("Message contains text that is not NUL-terminated.");
            return memory[..(length - 1)];
        }

        return memory;
    }

    internal IClientHook? ReadCapability(int segment, int pointerOffset)
    {
        var word = BinaryPrimitives.ReadUInt64LittleEndian(Span(segment).Slice(pointerOffset, 8));
        if (word == 0)
            return null;
        if (!WirePointer.IsCapability(word))
            ThrowHelper.Format("Message contains a non-capability pointer where a capability pointer was expected.");
        var index = WirePointer.CapabilityIndex(word);
        var table = CapTable;
        if (table is null || index >= (uint)table.Count)
            ThrowHelper.Format("Message contains an invalid capability pointer (index outside the capability table).");
        return table[(int)index];
    }

    internal PointerKind KindOf(int segment, int pointerOffset)
    {
        var word = BinaryPrimitives.ReadUInt64LittleEndian(Span(segment).Slice(pointerOffset, 8));
        if (word == 0)
            return PointerKind.Null;
        switch (WirePointer.Kind(word))
        {
            case WirePointer.KindStruct:
                return PointerKind.Struct;
            case WirePointer.KindList:
                return PointerKind.List;
            case WirePointer.KindOther:
                if (!WirePointer.IsCapability(word))
                    ThrowHelper.Format("Message contains an unknown pointer kind.");
                return PointerKind.Capability;
        }

        Follow(segment, pointerOffset, out var tag, out _, out _);
        return WirePointer.Kind(tag) switch
        {
            WirePointer.KindStruct => PointerKind.Struct,
            WirePointer.KindList => PointerKind.List,
            _ => ThrowHelper.Format<PointerKind>("Message contains a far pointer whose landing pad is not a struct or list pointer."),
        };
    }
}
