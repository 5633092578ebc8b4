using System.Collections;

namespace Capnp;

/// <summary>A list of structs of generated type <typeparamref name="T"/>, read in place.</summary>
public readonly struct StructListReader<T> : IListReader<StructListReader<T>>, IReadOnlyList<T>
    where T : struct, IStructReader<T>
{
    /// <summary>Wraps an untyped list.</summary>
    public StructListReader(ListReader list) => List = list;

    /// <inheritdoc/>
    public static ElementSize ExpectedElementSize => ElementSize.InlineComposite;

    /// <inheritdoc/>
    public ListReader List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <inheritdoc/>
    public T this[int index] => T.Create(List.GetStruct(index));

    /// <inheritdoc/>
    public static StructListReader<T> Create(ListReader list) => new(list);

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<StructListReader<T>, T> GetEnumerator() => new(this);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
