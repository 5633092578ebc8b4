using System.Text;
using Capnp.Internal;

namespace Capnp;

/// <summary>
/// A pointer slot in a message under construction (the root, a struct's pointer field, a pointer-list element):
/// it can be set to a struct, a list, Text, Data, a capability, or a deep copy of a pointer read from another
/// message. Setting a slot that already points somewhere leaves the old object unreachable.
/// </summary>
public readonly struct AnyPointerBuilder
{
    private readonly MessageBuilder _message;
    private readonly int _segment;
    private readonly int _pointerOffset;

    internal AnyPointerBuilder(MessageBuilder message, int segment, int pointerOffset)
    {
        _message = message;
        _segment = segment;
        _pointerOffset = pointerOffset;
    }

    /// <summary>The message this slot belongs to.</summary>
    public MessageBuilder Message => _message;

    internal int Segment => _segment;

    internal int PointerOffset => _pointerOffset;

    /// <summary>True when the slot is null.</summary>
    public bool IsNull => _message.ReadWord(_segment, _pointerOffset) == 0;

    /// <summary>What the slot refers to.</summary>
    public PointerKind Kind => AsReader().Kind;

    /// <summary>Sets the slot to null.</summary>
    public void Clear() => _message.WriteWord(_segment, _pointerOffset, 0);

    /// <summary>Points the slot at a new zeroed struct of <paramref name="size"/>.</summary>
    public StructBuilder InitStruct(StructSize size)
    {
        var (segment, offset) = _message.AllocateObject(_segment, _pointerOffset, size.TotalWords,
            WirePointer.Struct(0, size.DataWords, size.PointerCount), clear: true);
        return new StructBuilder(_message, segment, offset, size.DataWords * 8, offset + (size.DataWords * 8), size.PointerCount);
    }

    /// <summary>Points the slot at a new zeroed struct of generated type <typeparamref name="T"/>.</summary>
    public T InitStruct<T>()
        where T : struct, IStructBuilder<T> => T.Create(InitStruct(T.Size));

    /// <summary>
    /// The struct the slot points to, at least <paramref name="size"/> large: a null slot is initialised (from
    /// <paramref name="defaultValue"/> when given); a smaller struct (written with an older schema) is moved to a
    /// larger one, keeping its fields.
    /// </summary>
    public StructBuilder GetStruct(StructSize size, StructReader defaultValue = default)
    {
        if (IsNull)
        {
            if (defaultValue.IsNull)
                return InitStruct(size);
            PointerCopier.CopyStruct(defaultValue, _message, _segment, _pointerOffset);
        }

        _message.Resolve(_segment, _pointerOffset, out var tag, out var segment, out var offset);
        if (WirePointer.Kind(tag) != WirePointer.KindStruct)
            ThrowHelper.Format("Existing pointer is not a struct pointer.");
        ushort dataWords = WirePointer.StructDataWords(tag);
        ushort pointerCount = WirePointer.StructPointerCount(tag);
        if (dataWords >= size.DataWords && pointerCount >= size.PointerCount)
            return new StructBuilder(_message, segment, offset, dataWords * 8, offset + (dataWords * 8), pointerCount);

        var upgraded = InitStruct(new StructSize(Math.Max(dataWords, size.DataWords), Math.Max(pointerCount, size.PointerCount)));
        _message.Buffer(segment).AsSpan(offset, dataWords * 8).CopyTo(upgraded.DataSection);
        for (int i = 0; i < pointerCount; i++)
            PointerCopier.Transfer(_message, segment, offset + (dataWords * 8) + (i * 8), upgraded.Segment, upgraded.PointerOffset + (i * 8));
        return upgraded;
    }

    /// <summary>The struct the slot points to as generated type <typeparamref name="T"/> (see <see cref="GetStruct(StructSize, StructReader)"/>).</summary>
    public T GetStruct<T>()
        where T : struct, IStructBuilder<T> => T.Create(GetStruct(T.Size));

    /// <summary>Points the slot at a new zeroed list of <paramref name="count"/> non-struct elements.</summary>
    public ListBuilder InitList(ElementSize elementSize, int count)
    {
        if (elementSize == ElementSize.InlineComposite)
            ThrowHelper.Argument("Use InitStructList for lists of structs.", nameof(elementSize));
        CheckCount(count);
        var (segment, offset) = _message.AllocateObject(_segment, _pointerOffset, WirePointer.WordsForList(elementSize, count),
            WirePointer.List(0, elementSize, count), clear: true);
        return ListBuilder.Create(_message, segment, offset, count, elementSize);
    }

    /// <summary>Points the slot at a new zeroed list of <paramref name="count"/> structs of <paramref name="size"/>.</summary>
    public ListBuilder InitStructList(int count, StructSize size)
    {
        CheckCount(count);
        long words = (long)count * size.TotalWords;
        if (words > WirePointer.MaxListElements)
            ThrowHelper.Argument("The list is too large for a Cap'n Proto list pointer.", nameof(count));
        var (segment, offset) = _message.AllocateObject(_segment, _pointerOffset, words + 1,
            WirePointer.List(0, ElementSize.InlineComposite, (int)words), clear: true);
        _message.WriteWord(segment, offset, WirePointer.CompositeTag(count, size.DataWords, size.PointerCount));
        return ListBuilder.CreateComposite(_message, segment, offset + 8, count, size);
    }

    /// <summary>The existing non-struct list the slot points to, which must have elements of exactly
    /// <paramref name="elementSize"/>; an empty list (the slot left null) when null.</summary>
    public ListBuilder GetList(ElementSize elementSize)
    {
        if (!_message.Resolve(_segment, _pointerOffset, out var tag, out var segment, out var offset))
            return default;
        if (WirePointer.Kind(tag) != WirePointer.KindList || WirePointer.ListElementSize(tag) != elementSize)
            ThrowHelper.Format($"Existing pointer is not a list of {elementSize} elements.");
        return ListBuilder.Create(_message, segment, offset, WirePointer.ListElementCount(tag), elementSize);
    }

    /// <summary>The existing struct list the slot points to, its elements at least <paramref name="size"/> large
    /// (smaller elements are moved to a larger list); an empty list (the slot left null) when null.</summary>
    public ListBuilder GetStructList(StructSize size)
    {
        if (!_message.Resolve(_segment, _pointerOffset, out var tag, out var segment, out var offset))
            return default;
        if (WirePointer.Kind(tag) != WirePointer.KindList || WirePointer.ListElementSize(tag) != ElementSize.InlineComposite)
            ThrowHelper.Format("Existing pointer is not a list of structs.");
        var elementTag = _message.ReadWord(segment, offset);
        int count = WirePointer.CompositeTagElementCount(elementTag);
        var existing = new StructSize(WirePointer.StructDataWords(elementTag), WirePointer.StructPointerCount(elementTag));
        var list = ListBuilder.CreateComposite(_message, segment, offset + 8, count, existing);
        if (existing.DataWords >= size.DataWords && existing.PointerCount >= size.PointerCount)
            return list;

        var upgraded = InitStructList(count, new StructSize(Math.Max(existing.DataWords, size.DataWords),
            Math.Max(existing.PointerCount, size.PointerCount)));
        for (int i = 0; i < count; i++)
        {
            var from = list.GetStruct(i);
            var to = upgraded.GetStruct(i);
            from.DataSection.CopyTo(to.DataSection);
            for (int p = 0; p < existing.PointerCount; p++)
                PointerCopier.Transfer(_message, from.Segment, from.PointerOffset + (p * 8), to.Segment, to.PointerOffset + (p * 8));
        }

        return upgraded;
    }

    /// <summary>Sets the slot to Text holding <paramref name="value"/>, encoded as UTF-8 straight into the segment.</summary>
    public void SetText(string? value)
    {
        if (value is null)
        {
            Clear();
            return;
        }

        var destination = AllocateBlob(Encoding.UTF8.GetByteCount(value), nulTerminated: true, clear: false);
        int written = Encoding.UTF8.GetBytes(value, destination);
        destination[written..].Clear();
    }

    /// <summary>Sets the slot to Text holding the UTF-8 bytes <paramref name="utf8"/> (no terminator).</summary>
    public void SetText(ReadOnlySpan<byte> utf8)
    {
        var destination = AllocateBlob(utf8.Length, nulTerminated: true, clear: false);
        utf8.CopyTo(destination);
        destination[utf8.Length..].Clear();
    }

    /// <summary>Sets the slot to zeroed Text of <paramref name="byteCount"/> UTF-8 bytes and returns them to fill.</summary>
    public Span<byte> InitText(int byteCount) => AllocateBlob(byteCount, nulTerminated: true, clear: true)[..byteCount];

    /// <summary>Sets the slot to Data holding a copy of <paramref name="value"/>.</summary>
    public void SetData(ReadOnlySpan<byte> value)
    {
        var destination = AllocateBlob(value.Length, nulTerminated: false, clear: false);
        value.CopyTo(destination);
        destination[value.Length..].Clear();
    }

    /// <summary>Sets the slot to zeroed Data of <paramref name="length"/> bytes and returns them to fill in place.</summary>
    public Span<byte> InitData(int length) => AllocateBlob(length, nulTerminated: false, clear: true)[..length];

    /// <summary>Sets the slot to a capability (null clears). The message's capability table takes its own reference
    /// (<see cref="IClientHook.AddRef"/>), released when the message is disposed; the caller keeps theirs.</summary>
    public void SetCapability(IClientHook? capability)
    {
        if (capability is null)
        {
            Clear();
            return;
        }

        _message.WriteWord(_segment, _pointerOffset, WirePointer.Capability(_message.AddCapability(capability.AddRef())));
    }

    /// <summary>The Text the slot points to, read back in place.</summary>
    public Text GetText() => AsReader().GetText();

    /// <summary>The Data the slot points to, read back in place.</summary>
    public ReadOnlyMemory<byte> GetData() => AsReader().GetData();

    /// <summary>The capability the slot holds: a new reference the caller disposes (null when the slot is null).</summary>
    public IClientHook? GetCapability() => AsReader().GetCapability();

    /// <summary>
    /// Sets the slot to a deep copy of what <paramref name="source"/> points to (a struct or list subtree, Text,
    /// Data; capabilities are added to this message's table). The source's limits apply to the copy.
    /// </summary>
    public void SetFrom(AnyPointerReader source) => PointerCopier.Copy(source, _message, _segment, _pointerOffset);

    /// <summary>Sets the slot to a deep copy of <paramref name="source"/>.</summary>
    public void SetStruct(StructReader source) => PointerCopier.CopyStruct(source, _message, _segment, _pointerOffset);

    /// <summary>Sets the slot to a deep copy of <paramref name="source"/>.</summary>
    public void SetList(ListReader source) => PointerCopier.CopyList(source, _message, _segment, _pointerOffset);

    /// <summary>Reads the slot back, in place.</summary>
    public AnyPointerReader AsReader() => new(_message.View, _segment, _pointerOffset, int.MaxValue);

    private static void CheckCount(int count)
    {
        if ((uint)count > WirePointer.MaxListElements)
            ThrowHelper.Argument("A list holds at most 2^29 - 1 elements.", nameof(count));
    }

    private Span<byte> AllocateBlob(int length, bool nulTerminated, bool clear)
    {
        int count = nulTerminated ? length + 1 : length;
        CheckCount(count);
        var (segment, offset) = _message.AllocateObject(_segment, _pointerOffset, (count + 7L) / 8,
            WirePointer.List(0, ElementSize.Byte, count), clear);
        return _message.Buffer(segment).AsSpan(offset, (count + 7) & ~7);
    }
}
