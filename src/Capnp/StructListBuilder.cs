using System.Collections;

namespace Capnp;

/// <summary>A list of structs of generated type <typeparamref name="T"/> under construction.</summary>
public readonly struct StructListBuilder<T> : IListBuilder<StructListBuilder<T>>, IReadOnlyList<T>
    where T : struct, IStructBuilder<T>
{
    /// <summary>Wraps an untyped list.</summary>
    public StructListBuilder(ListBuilder list) => List = list;

    /// <inheritdoc/>
    public ListBuilder List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <summary>Element <paramref name="index"/>.</summary>
    public T this[int index] => T.Create(List.GetStruct(index));

    /// <inheritdoc/>
    public static StructListBuilder<T> Init(AnyPointerBuilder slot, int count) => new(slot.InitStructList(count, T.Size));

    /// <inheritdoc/>
    public static StructListBuilder<T> Get(AnyPointerBuilder slot) => new(slot.GetStructList(T.Size));

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<StructListBuilder<T>, T> GetEnumerator() => new(this);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
