using System.Collections;

namespace Capnp;

/// <summary>A list of Bools, bit-packed, read in place.</summary>
public readonly struct BoolListReader : IListReader<BoolListReader>, IReadOnlyList<bool>

{
    /// <summary>Wraps an untyped list.</summary>
    public BoolListReader(ListReader list) => List = list;

    /// <inheritdoc/>
    public static ElementSize ExpectedElementSize => ElementSize.Bit;

    /// <inheritdoc/>
    public ListReader List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <inheritdoc/>
    public bool this[int index] => List.GetBool(index);

    /// <inheritdoc/>
    public static BoolListReader Create(ListReader list) => new(list);

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<BoolListReader, bool> GetEnumerator() => new(this);

    IEnumerator<bool> IEnumerable<bool>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
