namespace Bitcoin.Common.Descriptors;

/// <summary>A tapscript leaf as a key: its script bytes and leaf version, ordered by script bytes then version.</summary>
public readonly struct TaprootLeafKey : IEquatable<TaprootLeafKey>, IComparable<TaprootLeafKey>
{
    private readonly byte[]? _script;

    /// <summary>Creates the key.</summary>
    public TaprootLeafKey(ReadOnlySpan<byte> script, int leafVersion)
    {
        _script = script.ToArray();
        LeafVersion = leafVersion;
    }

    /// <summary>The leaf script.</summary>
    public ReadOnlySpan<byte> Script => _script ?? [];

    /// <summary>The leaf version (0xc0 for tapscript).</summary>
    public int LeafVersion { get; }

    /// <inheritdoc/>
    public int CompareTo(TaprootLeafKey other)
    {
        int c = Script.SequenceCompareTo(other.Script);
        return c != 0 ? c : LeafVersion.CompareTo(other.LeafVersion);
    }

    /// <inheritdoc/>
    public bool Equals(TaprootLeafKey other) => CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TaprootLeafKey k && Equals(k);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Script);
        hash.Add(LeafVersion);
        return hash.ToHashCode();
    }

    public static bool operator ==(TaprootLeafKey a, TaprootLeafKey b) => a.Equals(b);

    public static bool operator !=(TaprootLeafKey a, TaprootLeafKey b) => !a.Equals(b);

    public static bool operator <(TaprootLeafKey a, TaprootLeafKey b) => a.CompareTo(b) < 0;

    public static bool operator >(TaprootLeafKey a, TaprootLeafKey b) => a.CompareTo(b) > 0;

    public static bool operator <=(TaprootLeafKey a, TaprootLeafKey b) => a.CompareTo(b) <= 0;

    public static bool operator >=(TaprootLeafKey a, TaprootLeafKey b) => a.CompareTo(b) >= 0;
}
