using System.Collections;

namespace Capnp;

/// <summary>A list of Text, each read in place.</summary>
public readonly struct TextListReader : IListReader<TextListReader>, IReadOnlyList<Text>

{
    /// <summary>Wraps an untyped list.</summary>
    public TextListReader(ListReader list) => List = list;

    /// <inheritdoc/>
    public static ElementSize ExpectedElementSize => ElementSize.Pointer;

    /// <inheritdoc/>
    public ListReader List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <inheritdoc/>
    public Text this[int index] => List.GetText(index);

    /// <inheritdoc/>
    public static TextListReader Create(ListReader list) => new(list);

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<TextListReader, Text> GetEnumerator() => new(this);

    IEnumerator<Text> IEnumerable<Text>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
