using System.Collections;

namespace Capnp;

/// <summary>A list of Data, each read in place (no copy).</summary>
public readonly struct DataListReader : IListReader<DataListReader>, IReadOnlyList<ReadOnlyMemory<byte>>

{
    /// <summary>Wraps an untyped list.</summary>
    public DataListReader(ListReader list) => List = list;

    /// <inheritdoc/>
    public static ElementSize ExpectedElementSize => ElementSize.Pointer;

    /// <inheritdoc/>
    public ListReader List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> this[int index] => List.GetData(index);

    /// <inheritdoc/>
    public static DataListReader Create(ListReader list) => new(list);

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<DataListReader, ReadOnlyMemory<byte>> GetEnumerator() => new(this);

    IEnumerator<ReadOnlyMemory<byte>> IEnumerable<ReadOnlyMemory<byte>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
