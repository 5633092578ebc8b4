using System.Collections;

namespace Capnp;

/// <summary>A list of Text under construction.</summary>
public readonly struct TextListBuilder : IListBuilder<TextListBuilder>, IReadOnlyList<Text>

{
    /// <summary>Wraps an untyped list.</summary>
    public TextListBuilder(ListBuilder list) => List = list;

    /// <inheritdoc/>
    public ListBuilder List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <summary>Element <paramref name="index"/>, read back.</summary>
    public Text this[int index] => List.GetPointer(index).GetText();

    /// <summary>Sets element <paramref name="index"/>.</summary>
    public void Set(int index, string? value) => List.GetPointer(index).SetText(value);

    /// <summary>Sets element <paramref name="index"/> from UTF-8 bytes.</summary>
    public void Set(int index, ReadOnlySpan<byte> utf8) => List.GetPointer(index).SetText(utf8);

    /// <inheritdoc/>
    public static TextListBuilder Init(AnyPointerBuilder slot, int count) => new(slot.InitList(ElementSize.Pointer, count));

    /// <inheritdoc/>
    public static TextListBuilder Get(AnyPointerBuilder slot) => new(slot.GetList(ElementSize.Pointer));

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<TextListBuilder, Text> GetEnumerator() => new(this);

    IEnumerator<Text> IEnumerable<Text>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
