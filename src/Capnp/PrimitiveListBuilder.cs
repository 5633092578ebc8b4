using System.Collections;

namespace Capnp;

/// <summary>A list of numbers under construction.</summary>
public readonly struct PrimitiveListBuilder<T> : IListBuilder<PrimitiveListBuilder<T>>, IReadOnlyList<T>
    where T : unmanaged
{
    /// <summary>Wraps an untyped list.</summary>
    public PrimitiveListBuilder(ListBuilder list) => List = list;

    /// <inheritdoc/>
    public ListBuilder List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <summary>Element <paramref name="index"/>.</summary>
    public T this[int index]
    {
        get => List.Get<T>(index);
        set => List.Set(index, value);
    }

    /// <inheritdoc/>
    public static PrimitiveListBuilder<T> Init(AnyPointerBuilder slot, int count) => new(slot.InitList(Internal.LittleEndian.SizeOf<T>(), count));

    /// <inheritdoc/>
    public static PrimitiveListBuilder<T> Get(AnyPointerBuilder slot) => new(slot.GetList(Internal.LittleEndian.SizeOf<T>()));

    /// <summary>The elements in place, to write directly (little-endian machines).</summary>
    public bool TryGetSpan(out Span<T> span) => List.TryGetSpan(out span);

    /// <summary>Copies <paramref name="values"/> into the list, which must be as long.</summary>
    public void CopyFrom(ReadOnlySpan<T> values)
    {
        if (values.Length != Count)
            throw new ArgumentException("The list and the values differ in length.", nameof(values));
        if (TryGetSpan(out var span))
        {
            values.CopyTo(span);
            return;
        }

        for (int i = 0; i < values.Length; i++)
            this[i] = values[i];
    }

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<PrimitiveListBuilder<T>, T> GetEnumerator() => new(this);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
