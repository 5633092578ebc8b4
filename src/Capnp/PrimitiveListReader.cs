using System.Collections;

namespace Capnp;

/// <summary>A list of numbers (List(Int32), List(Float64), ...), read in place.</summary>
public readonly struct PrimitiveListReader<T> : IListReader<PrimitiveListReader<T>>, IReadOnlyList<T>
    where T : unmanaged
{
    /// <summary>Wraps an untyped list.</summary>
    public PrimitiveListReader(ListReader list) => List = list;

    /// <inheritdoc/>
    public static ElementSize ExpectedElementSize => Internal.LittleEndian.SizeOf<T>();

    /// <inheritdoc/>
    public ListReader List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <inheritdoc/>
    public T this[int index] => List.Get<T>(index);

    /// <inheritdoc/>
    public static PrimitiveListReader<T> Create(ListReader list) => new(list);

    /// <summary>The elements in place, when the wire encoding is exactly <typeparamref name="T"/> (see
    /// <see cref="ListReader.TryGetSpan{T}"/>).</summary>
    public bool TryGetSpan(out ReadOnlySpan<T> span) => List.TryGetSpan(out span);

    /// <summary>Copies the elements into a new array.</summary>
    public T[] ToArray()
    {
        if (TryGetSpan(out var span))
            return span.ToArray();
        var array = new T[Count];
        for (int i = 0; i < array.Length; i++)
            array[i] = this[i];
        return array;
    }

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<PrimitiveListReader<T>, T> GetEnumerator() => new(this);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
