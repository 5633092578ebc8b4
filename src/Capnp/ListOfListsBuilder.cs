using System.Collections;

namespace Capnp;

/// <summary>A list of lists under construction, each typed as <typeparamref name="TList"/>.</summary>
public readonly struct ListOfListsBuilder<TList> : IListBuilder<ListOfListsBuilder<TList>>, IReadOnlyList<TList>
    where TList : struct, IListBuilder<TList>
{
    /// <summary>Wraps an untyped list.</summary>
    public ListOfListsBuilder(ListBuilder list) => List = list;

    /// <inheritdoc/>
    public ListBuilder List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <summary>Element <paramref name="index"/> (empty until initialised).</summary>
    public TList this[int index] => TList.Get(List.GetPointer(index));

    /// <summary>Sets element <paramref name="index"/> to a new list of <paramref name="count"/> elements.</summary>
    public TList Init(int index, int count) => TList.Init(List.GetPointer(index), count);

    /// <inheritdoc/>
    public static ListOfListsBuilder<TList> Init(AnyPointerBuilder slot, int count) => new(slot.InitList(ElementSize.Pointer, count));

    /// <inheritdoc/>
    public static ListOfListsBuilder<TList> Get(AnyPointerBuilder slot) => new(slot.GetList(ElementSize.Pointer));

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<ListOfListsBuilder<TList>, TList> GetEnumerator() => new(this);

    IEnumerator<TList> IEnumerable<TList>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
