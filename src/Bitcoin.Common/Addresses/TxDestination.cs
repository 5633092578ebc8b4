using NBitcoin;

namespace Bitcoin.Common.Addresses;

/// <summary>
/// What an output script pays to, as Core's CTxDestination variant. <see cref="IsValid"/> is Core's IsValidDestination:
/// only the address kinds are valid; <see cref="NoDestination"/> and <see cref="PubKeyDestination"/> have no address.
/// Two destinations are equal when they are the same kind with the same output script.
/// </summary>
public abstract class TxDestination : IEquatable<TxDestination>
{
    private byte[]? _script;

    /// <summary>True for destinations that have an address encoding (Core's IsValidDestination).</summary>
    public virtual bool IsValid => true;

    /// <summary>The output script paying to this destination (Core's GetScriptForDestination).</summary>
    public Script ToScript() => Script.FromBytesUnsafe(ScriptBytes.ToArray());

    /// <summary>The output script's bytes.</summary>
    public ReadOnlySpan<byte> ScriptBytes => _script ??= BuildScript();

    /// <summary>Builds the output script bytes for this destination.</summary>
    protected abstract byte[] BuildScript();

    /// <inheritdoc/>
    public bool Equals(TxDestination? other)
        => other is not null && other.GetType() == GetType() && other.ScriptBytes.SequenceEqual(ScriptBytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TxDestination d && Equals(d);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(GetType());
        hash.AddBytes(ScriptBytes);
        return hash.ToHashCode();
    }
}
