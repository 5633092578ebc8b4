namespace Bitcoin.Common.Psbt;

/// <summary>
/// A proprietary PSBT record (key type 0xFC): its identifier prefix, subtype, the whole key and the value. Records are
/// ordered and compared by <see cref="Key"/> alone, as in Core's PSBTProprietary.
/// </summary>
public sealed class PsbtProprietary : IComparable<PsbtProprietary>, IEquatable<PsbtProprietary>
{
    /// <summary>Creates a record.</summary>
    public PsbtProprietary(ulong subtype, byte[] identifier, byte[] key, byte[] value)
    {
        Subtype = subtype;
        Identifier = identifier;
        Key = key;
        Value = value;
    }

    /// <summary>The subtype that follows the identifier in the key.</summary>
    public ulong Subtype { get; }

    /// <summary>The identifier prefix.</summary>
    public byte[] Identifier { get; }

    /// <summary>The whole key (type byte included).</summary>
    public byte[] Key { get; }

    /// <summary>The value.</summary>
    public byte[] Value { get; }

    /// <inheritdoc/>
    public int CompareTo(PsbtProprietary? other) => other is null ? 1 : Key.AsSpan().SequenceCompareTo(other.Key);

    /// <inheritdoc/>
    public bool Equals(PsbtProprietary? other) => other is not null && Key.AsSpan().SequenceEqual(other.Key);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PsbtProprietary p && Equals(p);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(Key);
        return h.ToHashCode();
    }
}
