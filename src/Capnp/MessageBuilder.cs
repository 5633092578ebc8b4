using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Capnp.Internal;

namespace Capnp;

/// <summary>
/// A message under construction, in segments rented from <see cref="ArrayPool{T}.Shared"/> (the builder owns them
/// and returns them on <see cref="Dispose"/>). Objects go in the segment of the pointer that refers to them when it
/// has room, else in a new segment reached through a far pointer, as the C++ builder does. The capability table
/// collects the capabilities that capability pointers index into; the RPC layer turns it into descriptors on send.
/// </summary>
public sealed partial class MessageBuilder : IDisposable
{
    /// <summary>The C++ library's suggested first segment size, in words.</summary>
    public const int DefaultFirstSegmentWords = 1024;

    // Segments are never moved once rented, so spans, views and builders handed out stay valid as the message grows.
    private const int MaxSegmentBytes = 0x7FFF_FFC0;
    private byte[][] _buffers = new byte[4][];
    private int[] _used = new int[4];
    private int _count;
    private long _allocatedWords;
    private List<IClientHook?>? _capTable;
    private MessageReader? _view;
    private bool _disposed;

    /// <summary>Creates an empty message whose first segment holds <paramref name="firstSegmentWords"/> words.</summary>
    public MessageBuilder(int firstSegmentWords = DefaultFirstSegmentWords)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstSegmentWords, 1);
        AddSegment(firstSegmentWords);

        // The root pointer is the first word of the first segment.
        _buffers[0].AsSpan(0, 8).Clear();
        _used[0] = 8;
    }

    /// <summary>The capabilities capability pointers in this message refer to, by index. The message owns these
    /// references: <see cref="Dispose"/> disposes them.</summary>
    public IList<IClientHook?> CapTable => _capTable ??= [];

    /// <summary>Number of segments.</summary>
    public int SegmentCount => _count;

    /// <summary>Size of all segments in words.</summary>
    public long SizeInWords
    {
        get
        {
            long bytes = 0;
            for (int i = 0; i < _count; i++)
                bytes += _used[i];
            return bytes / 8;
        }
    }

    /// <summary>The root pointer, to set to anything.</summary>
    public AnyPointerBuilder Root
    {
        get
        {
            ThrowIfDisposed();
            return new AnyPointerBuilder(this, 0, 0);
        }
    }

    /// <summary>The written bytes of one segment.</summary>
    public ReadOnlyMemory<byte> GetSegment(int index)
    {
        ThrowIfDisposed();
        if ((uint)index >= (uint)_count)
            ThrowHelper.IndexOutOfRange(index, _count);
        return _buffers[index].AsMemory(0, _used[index]);
    }

    /// <summary>Initialises the root as a new struct of generated type <typeparamref name="T"/>.</summary>
    public T InitRoot<T>()
        where T : struct, IStructBuilder<T> => T.Create(Root.InitStruct(T.Size));

    /// <summary>The root as generated type <typeparamref name="T"/> (initialised if null).</summary>
    public T GetRoot<T>()
        where T : struct, IStructBuilder<T> => T.Create(Root.GetStruct(T.Size));

    /// <summary>
    /// A reader over what has been built so far (no copy, no limits: the content is trusted). It sees later changes
    /// to existing objects; take a new one after adding objects.
    /// </summary>
    public MessageReader AsReader()
    {
        var reader = MessageReader.CreateUnlimited(SegmentMemories(written: true));
        reader.CapTable = _capTable;
        return reader;
    }

    /// <summary>Returns the segments to the pool and drops the capability table's references. Builders and spans
    /// handed out must not be used afterwards.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (_capTable is { } table)
        {
            _capTable = null;
            foreach (var capability in table)
                capability?.Dispose();
        }

        for (int i = 0; i < _count; i++)
        {
            ArrayPool<byte>.Shared.Return(_buffers[i]);
            _buffers[i] = null!;
        }

        _count = 0;
        _view = null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal byte[] Buffer(int segment) => _buffers[segment];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong ReadWord(int segment, int offset) =>
        BinaryPrimitives.ReadUInt64LittleEndian(_buffers[segment].AsSpan(offset, 8));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void WriteWord(int segment, int offset, ulong word) =>
        BinaryPrimitives.WriteUInt64LittleEndian(_buffers[segment].AsSpan(offset, 8), word);

    /// <summary>A trusted reader over the whole capacity of every segment, for reading back what was built.</summary>
    internal MessageReader View
    {
        get
        {
            ThrowIfDisposed();
            var view = _view;
            if (view is null || view.SegmentCount != _count)
            {
                view = MessageReader.CreateUnlimited(SegmentMemories(written: false));
                _view = view;
            }

            view.CapTable = _capTable;
            return view;
        }
    }

    /// <summary>The capability table if any capability was added (null otherwise: no table to describe).</summary>
    internal IReadOnlyList<IClientHook?>? CapTableIfAny => _capTable;

    internal uint AddCapability(IClientHook hook)
    {
        var table = (List<IClientHook?>)CapTable;
        table.Add(hook);
        return (uint)(table.Count - 1);
    }

    /// <summary>
    /// Allocates <paramref name="words"/> words for the object the pointer at (<paramref name="segment"/>,
    /// <paramref name="pointerOffset"/>) will refer to, and writes that pointer from <paramref name="tag"/> (kind and
    /// sizes). Returns where the object starts.
    /// </summary>
    internal (int Segment, int Offset) AllocateObject(int segment, int pointerOffset, long words, ulong tag, bool clear)
    {
        ThrowIfDisposed();
        if (words == 0 && WirePointer.Kind(tag) == WirePointer.KindStruct)
        {
            // An empty struct is encoded with offset -1 so that it is not mistaken for a null pointer.
            WriteWord(segment, pointerOffset, WirePointer.Struct(-1, 0, 0));
            return (segment, pointerOffset);
        }

        int bytes = CheckedBytes(words);
        if (TryAllocate(segment, bytes, clear, out int offset))
        {
            WriteWord(segment, pointerOffset, WirePointer.WithOffset(tag, (offset - pointerOffset - 8) / 8));
            return (segment, offset);
        }

        // No room next to the pointer: put a landing pad and the object together elsewhere.
        var (padSegment, pad) = AllocateAnywhere(CheckedBytes(words + 1), clear);
        WriteWord(padSegment, pad, WirePointer.WithOffset(tag, 0));
        WriteWord(segment, pointerOffset, WirePointer.Far(false, pad / 8, padSegment));
        return (padSegment, pad + 8);
    }

    /// <summary>Writes at (<paramref name="segment"/>, <paramref name="pointerOffset"/>) a pointer to an object that
    /// already exists, using a landing pad (single or double far) when it lies in another segment.</summary>
    internal void WritePointerTo(int segment, int pointerOffset, int targetSegment, int targetOffset, ulong tag)
    {
        if (WirePointer.Kind(tag) == WirePointer.KindStruct && WirePointer.StructDataWords(tag) == 0 &&
            WirePointer.StructPointerCount(tag) == 0)
        {
            WriteWord(segment, pointerOffset, WirePointer.Struct(-1, 0, 0));
            return;
        }

        if (segment == targetSegment)
        {
            WriteWord(segment, pointerOffset, WirePointer.WithOffset(tag, (targetOffset - pointerOffset - 8) / 8));
            return;
        }

        if (TryAllocate(targetSegment, 8, clear: false, out int pad))
        {
            WriteWord(targetSegment, pad, WirePointer.WithOffset(tag, (targetOffset - pad - 8) / 8));
            WriteWord(segment, pointerOffset, WirePointer.Far(false, pad / 8, targetSegment));
            return;
        }

        // The target's segment is full: a two-word pad elsewhere holds a far pointer to the object and its tag.
        var (padSegment, doublePad) = AllocateAnywhere(16, clear: false);
        WriteWord(padSegment, doublePad, WirePointer.Far(false, targetOffset / 8, targetSegment));
        WriteWord(padSegment, doublePad + 8, WirePointer.WithOffset(tag, 0));
        WriteWord(segment, pointerOffset, WirePointer.Far(true, doublePad / 8, padSegment));
    }

    /// <summary>Resolves the pointer at a location of this message: false when null. For struct and list pointers
    /// gives the tag (kind and sizes) and where the object starts.</summary>
    internal bool Resolve(int segment, int pointerOffset, out ulong tag, out int targetSegment, out int targetOffset)
    {
        var word = ReadWord(segment, pointerOffset);
        targetSegment = segment;
        targetOffset = 0;
        tag = word;
        if (word == 0)
            return false;
        switch (WirePointer.Kind(word))
        {
            case WirePointer.KindOther:
                return true;
            case WirePointer.KindFar:
                targetSegment = (int)WirePointer.FarSegment(word);
                int pad = WirePointer.FarPadOffset(word) * 8;
                var first = ReadWord(targetSegment, pad);
                if (!WirePointer.IsDoubleFar(word))
                {
                    tag = first;
                    targetOffset = pad + 8 + (WirePointer.Offset(first) * 8);
                    return true;
                }

                tag = ReadWord(targetSegment, pad + 8);
                targetSegment = (int)WirePointer.FarSegment(first);
                targetOffset = WirePointer.FarPadOffset(first) * 8;
                return true;
            default:
                targetOffset = pointerOffset + 8 + (WirePointer.Offset(word) * 8);
                return true;
        }
    }

    private static int CheckedBytes(long words)
    {
        if (words < 0 || words > MaxSegmentBytes / 8)
            ThrowHelper.InvalidOperation("Object is too large for a Cap'n Proto segment.");
        return (int)(words * 8);
    }

    private bool TryAllocate(int segment, int bytes, bool clear, out int offset)
    {
        int used = _used[segment];
        var buffer = _buffers[segment];
        if (buffer.Length - used < bytes)
        {
            offset = 0;
            return false;
        }

        offset = used;
        _used[segment] = used + bytes;
        if (clear)
            buffer.AsSpan(used, bytes).Clear();
        return true;
    }

    private (int Segment, int Offset) AllocateAnywhere(int bytes, bool clear)
    {
        int last = _count - 1;
        if (TryAllocate(last, bytes, clear, out int offset))
            return (last, offset);

        // Grow as the C++ builder does: each new segment at least as large as everything so far.
        long wanted = Math.Max(bytes / 8, _allocatedWords);
        int segment = AddSegment((int)Math.Min(wanted, MaxSegmentBytes / 8));
        TryAllocate(segment, bytes, clear, out offset);
        return (segment, offset);
    }

    private int AddSegment(int words)
    {
        if (_count == _buffers.Length)
        {
            Array.Resize(ref _buffers, _count * 2);
            Array.Resize(ref _used, _count * 2);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(words * 8);
        int capacityWords = Math.Min(buffer.Length, MaxSegmentBytes) / 8;
        _buffers[_count] = buffer;
        _used[_count] = 0;
        _allocatedWords += capacityWords;
        return _count++;
    }

    private ReadOnlyMemory<byte>[] SegmentMemories(bool written)
    {
        ThrowIfDisposed();
        var memories = new ReadOnlyMemory<byte>[_count];
        for (int i = 0; i < _count; i++)
        {
            int length = written ? _used[i] : _buffers[i].Length / 8 * 8;
            memories[i] = _buffers[i].AsMemory(0, length);
        }

        return memories;
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
            ThrowHelper.Disposed(nameof(MessageBuilder));
    }
}
