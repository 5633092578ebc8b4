using System.Collections;

namespace Capnp;

/// <summary>A list of enum values (16 bits each), read in place.</summary>
public readonly struct EnumListReader<TEnum> : IListReader<EnumListReader<TEnum>>, IReadOnlyList<TEnum>
    where TEnum : unmanaged, Enum
{
    /// <summary>Wraps an untyped list.</summary>
    public EnumListReader(ListReader list) => List = list;

    /// <inheritdoc/>
    public static ElementSize ExpectedElementSize => ElementSize.TwoBytes;

    /// <inheritdoc/>
    public ListReader List { get; }

    /// <inheritdoc/>
    public int Count => List.Count;

    /// <inheritdoc/>
    public TEnum this[int index] => ToEnum(List.Get<ushort>(index));

    /// <inheritdoc/>
    public static EnumListReader<TEnum> Create(ListReader list) => new(list);

    private static TEnum ToEnum(ushort value)
    {
        // Cap'n Proto enums are 16 bits; reinterpreting as any other size would read past the value.
        if (System.Runtime.CompilerServices.Unsafe.SizeOf<TEnum>() != sizeof(ushort))
            throw new NotSupportedException($"{typeof(TEnum)} is not a 16-bit enum.");
        return System.Runtime.CompilerServices.Unsafe.As<ushort, TEnum>(ref value);
    }

    /// <summary>Enumerates without allocating.</summary>
    public ListEnumerator<EnumListReader<TEnum>, TEnum> GetEnumerator() => new(this);

    IEnumerator<TEnum> IEnumerable<TEnum>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
