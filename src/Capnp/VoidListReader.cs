using System.Collections;

namespace Capnp;

/// <summary>A list of Voids: only its length means anything.</summary>
public readonly struct VoidListReader : IListReader<VoidListReader>, IReadOnlyList<ValueTuple>

{
    /// <summary>Wraps an untyped list.</summary>
    public VoidListReader(ListReader list) => List = list;

    /// <inheritdoc/>
    public static ElementSize ExpectedElementSize => ElementSize.Empty;

    /// <inheritdoc/>
    public ListReader List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <inheritdoc/>
    public ValueTuple this[int index] => (uint)index < (uint)Count ? default : throw new ArgumentOutOfRangeException(nameof(index));

    /// <inheritdoc/>
    public static VoidListReader Create(ListReader list) => new(list);

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<VoidListReader, ValueTuple> GetEnumerator() => new(this);

    IEnumerator<ValueTuple> IEnumerable<ValueTuple>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
