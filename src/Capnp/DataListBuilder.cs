using System.Collections;

namespace Capnp;

/// <summary>A list of Data under construction.</summary>
public readonly struct DataListBuilder : IListBuilder<DataListBuilder>, IReadOnlyList<ReadOnlyMemory<byte>>

{
    /// <summary>Wraps an untyped list.</summary>
    public DataListBuilder(ListBuilder list) => List = list;

    /// <inheritdoc/>
    public ListBuilder List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <summary>Element <paramref name="index"/>, read back in place.</summary>
    public ReadOnlyMemory<byte> this[int index] => List.GetPointer(index).GetData();

    /// <summary>Sets element <paramref name="index"/> to a copy of <paramref name="value"/>.</summary>
    public void Set(int index, ReadOnlySpan<byte> value) => List.GetPointer(index).SetData(value);

    /// <summary>Sets element <paramref name="index"/> to zeroed bytes to fill in place.</summary>
    public Span<byte> Init(int index, int length) => List.GetPointer(index).InitData(length);

    /// <inheritdoc/>
    public static DataListBuilder Init(AnyPointerBuilder slot, int count) => new(slot.InitList(ElementSize.Pointer, count));

    /// <inheritdoc/>
    public static DataListBuilder Get(AnyPointerBuilder slot) => new(slot.GetList(ElementSize.Pointer));

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<DataListBuilder, ReadOnlyMemory<byte>> GetEnumerator() => new(this);

    IEnumerator<ReadOnlyMemory<byte>> IEnumerable<ReadOnlyMemory<byte>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
