using System.Collections;

namespace Capnp;

/// <summary>A list of lists, each typed as <typeparamref name="TList"/>.</summary>
public readonly struct ListOfListsReader<TList> : IListReader<ListOfListsReader<TList>>, IReadOnlyList<TList>
    where TList : struct, IListReader<TList>
{
    /// <summary>Wraps an untyped list.</summary>
    public ListOfListsReader(ListReader list) => List = list;

    /// <inheritdoc/>
    public static ElementSize ExpectedElementSize => ElementSize.Pointer;

    /// <inheritdoc/>
    public ListReader List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <inheritdoc/>
    public TList this[int index] => TList.Create(List.GetList(index, TList.ExpectedElementSize));

    /// <inheritdoc/>
    public static ListOfListsReader<TList> Create(ListReader list) => new(list);

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<ListOfListsReader<TList>, TList> GetEnumerator() => new(this);

    IEnumerator<TList> IEnumerable<TList>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
