using System.Collections;

namespace Capnp;

/// <summary>A list of capabilities under construction.</summary>
public readonly struct CapabilityListBuilder<TClient> : IListBuilder<CapabilityListBuilder<TClient>>, IReadOnlyList<TClient>
    where TClient : struct, ICapabilityClient<TClient>
{
    /// <summary>Wraps an untyped list.</summary>
    public CapabilityListBuilder(ListBuilder list) => List = list;

    /// <inheritdoc/>
    public ListBuilder List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <summary>Element <paramref name="index"/>, read back.</summary>
    public TClient this[int index] => TClient.Create(List.GetPointer(index).GetCapability());

    /// <summary>Sets element <paramref name="index"/>, adding the capability to the message's table.</summary>
    public void Set(int index, TClient value) => List.GetPointer(index).SetCapability(value.Hook);

    /// <inheritdoc/>
    public static CapabilityListBuilder<TClient> Init(AnyPointerBuilder slot, int count) => new(slot.InitList(ElementSize.Pointer, count));

    /// <inheritdoc/>
    public static CapabilityListBuilder<TClient> Get(AnyPointerBuilder slot) => new(slot.GetList(ElementSize.Pointer));

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<CapabilityListBuilder<TClient>, TClient> GetEnumerator() => new(this);

    IEnumerator<TClient> IEnumerable<TClient>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
