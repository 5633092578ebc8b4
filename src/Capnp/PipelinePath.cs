namespace Capnp;

/// <summary>
/// The pointer-field indices leading from a results struct to a capability in it (what Cap'n Proto RPC sends as
/// <c>PromisedAnswer.transform</c>'s getPointerField operations). Immutable; appending copies.
/// </summary>
public readonly struct PipelinePath : IEquatable<PipelinePath>
{
    private readonly ushort[]? _fields;

    private PipelinePath(ushort[] fields) => _fields = fields;

    /// <summary>The empty path: the results struct itself.</summary>
    public static PipelinePath Empty => default;

    /// <summary>The pointer-field indices, outermost first.</summary>
    public ReadOnlySpan<ushort> Fields => _fields;

    /// <summary>This path followed by pointer field <paramref name="pointerIndex"/>.</summary>
    public PipelinePath Append(ushort pointerIndex)
    {
        var fields = new ushort[(_fields?.Length ?? 0) + 1];
        _fields?.CopyTo(fields, 0);
        fields[^1] = pointerIndex;
        return new PipelinePath(fields);
    }

    /// <summary>True when both paths hold the same indices.</summary>
    public static bool operator ==(PipelinePath left, PipelinePath right) => left.Equals(right);

    /// <summary>True when the paths differ.</summary>
    public static bool operator !=(PipelinePath left, PipelinePath right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(PipelinePath other) => Fields.SequenceEqual(other.Fields);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PipelinePath other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var field in Fields)
            hash.Add(field);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", _fields ?? []) + "]";
}
