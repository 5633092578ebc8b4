using System.Collections;

namespace Capnp;

/// <summary>A list of enum values under construction.</summary>
public readonly struct EnumListBuilder<TEnum> : IListBuilder<EnumListBuilder<TEnum>>, IReadOnlyList<TEnum>
    where TEnum : unmanaged, Enum
{
    /// <summary>Wraps an untyped list.</summary>
    public EnumListBuilder(ListBuilder list) => List = list;

    /// <inheritdoc/>
    public ListBuilder List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <summary>Element <paramref name="index"/>.</summary>
    public TEnum this[int index]
    {
        get
        {
            CheckSize();
            var raw = List.Get<ushort>(index);
            return System.Runtime.CompilerServices.Unsafe.As<ushort, TEnum>(ref raw);
        }

        set
        {
            CheckSize();
            List.Set(index, System.Runtime.CompilerServices.Unsafe.As<TEnum, ushort>(ref value));
        }
    }

    /// <inheritdoc/>
    public static EnumListBuilder<TEnum> Init(AnyPointerBuilder slot, int count) => new(slot.InitList(ElementSize.TwoBytes, count));

    /// <inheritdoc/>
    public static EnumListBuilder<TEnum> Get(AnyPointerBuilder slot) => new(slot.GetList(ElementSize.TwoBytes));

    // Cap'n Proto enums are 16 bits; reinterpreting any other size would read or write past the value.
    private static void CheckSize()
    {
        if (System.Runtime.CompilerServices.Unsafe.SizeOf<TEnum>() != sizeof(ushort))
            throw new NotSupportedException($"{typeof(TEnum)} is not a 16-bit enum.");
    }

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<EnumListBuilder<TEnum>, TEnum> GetEnumerator() => new(this);

    IEnumerator<TEnum> IEnumerable<TEnum>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
