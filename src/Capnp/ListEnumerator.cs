using System.Collections;

namespace Capnp;

/// <summary>Allocation-free enumerator over any typed list (readers and builders).</summary>
/// <typeparam name="TList">The list type.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
public struct ListEnumerator<TList, T> : IEnumerator<T>
    where TList : IReadOnlyList<T>
{
    private readonly TList _list;
    private int _index;

    /// <summary>Starts before the first element of <paramref name="list"/>.</summary>
    public ListEnumerator(TList list)
    {
        _list = list;
        _index = -1;
    }

    /// <inheritdoc/>
    public readonly T Current => _list[_index];

    readonly object? IEnumerator.Current => Current;

    /// <inheritdoc/>
    public bool MoveNext() => ++_index < _list.Count;

    /// <inheritdoc/>
    public void Reset() => _index = -1;

    /// <inheritdoc/>
    public readonly void Dispose()
    {
    }
}
