using System.Collections;

namespace Capnp;

/// <summary>A list of capabilities, each as generated client <typeparamref name="TClient"/>.</summary>
public readonly struct CapabilityListReader<TClient> : IListReader<CapabilityListReader<TClient>>, IReadOnlyList<TClient>
    where TClient : struct, ICapabilityClient<TClient>
{
    /// <summary>Wraps an untyped list.</summary>
    public CapabilityListReader(ListReader list) => List = list;

    /// <inheritdoc/>
    public static ElementSize ExpectedElementSize => ElementSize.Pointer;

    /// <inheritdoc/>
    public ListReader List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <inheritdoc/>
    public TClient this[int index] => TClient.Create(List.GetCapability(index));

    /// <inheritdoc/>
    public static CapabilityListReader<TClient> Create(ListReader list) => new(list);

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<CapabilityListReader<TClient>, TClient> GetEnumerator() => new(this);

    IEnumerator<TClient> IEnumerable<TClient>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
