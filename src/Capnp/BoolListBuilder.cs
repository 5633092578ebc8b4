using System.Collections;

namespace Capnp;

/// <summary>A list of Bools under construction.</summary>
public readonly struct BoolListBuilder : IListBuilder<BoolListBuilder>, IReadOnlyList<bool>

{
    /// <summary>Wraps an untyped list.</summary>
    public BoolListBuilder(ListBuilder list) => List = list;

    /// <inheritdoc/>
    public ListBuilder List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <summary>Element <paramref name="index"/>.</summary>
    public bool this[int index]
    {
        get => List.GetBool(index);
        set => List.SetBool(index, value);
    }

    /// <inheritdoc/>
    public static BoolListBuilder Init(AnyPointerBuilder slot, int count) => new(slot.InitList(ElementSize.Bit, count));

    /// <inheritdoc/>
    public static BoolListBuilder Get(AnyPointerBuilder slot) => new(slot.GetList(ElementSize.Bit));

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<BoolListBuilder, bool> GetEnumerator() => new(this);

    IEnumerator<bool> IEnumerable<bool>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
