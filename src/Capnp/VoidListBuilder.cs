using System.Collections;

namespace Capnp;

/// <summary>A list of Voids under construction: only its length means anything.</summary>
public readonly struct VoidListBuilder : IListBuilder<VoidListBuilder>, IReadOnlyList<ValueTuple>

{
    /// <summary>Wraps an untyped list.</summary>
    public VoidListBuilder(ListBuilder list) => List = list;

    /// <inheritdoc/>
    public ListBuilder List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <inheritdoc/>
    public ValueTuple this[int index] => (uint)index < (uint)Count ? default : throw new ArgumentOutOfRangeException(nameof(index));

    /// <inheritdoc/>
    public static VoidListBuilder Init(AnyPointerBuilder slot, int count) => new(slot.InitList(ElementSize.Empty, count));

    /// <inheritdoc/>
    public static VoidListBuilder Get(AnyPointerBuilder slot) => new(slot.GetList(ElementSize.Empty));

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<VoidListBuilder, ValueTuple> GetEnumerator() => new(this);

    IEnumerator<ValueTuple> IEnumerable<ValueTuple>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
