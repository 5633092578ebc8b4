using NBitcoin;

namespace Bitcoin.Kernel.Coins;

/// <summary>
/// An unspent transaction output with the facts consensus needs about its creation, as Core's Coin: the output, the
/// height of the block that created it and whether it came from a coinbase. A spent coin has a null output script
/// and value -1 (Core's cleared CTxOut), and is what a cache keeps to remember a spend.
/// </summary>
public sealed class Coin : IEquatable<Coin>
{
    /// <summary>Creates an unspent coin.</summary>
    public Coin(TxOut output, int height, bool isCoinbase)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        Output = output;
        Height = height;
        IsCoinbase = isCoinbase;
    }

    private Coin()
    {
        Output = new TxOut(Money.Satoshis(-1), Script.Empty);
        IsSpent = true;
    }

    /// <summary>The spent marker: no output, height 0, not coinbase.</summary>
    public static Coin Spent { get; } = new();

    /// <summary>The output (value -1 and an empty script when <see cref="IsSpent"/>).</summary>
    public TxOut Output { get; }

    /// <summary>Height of the block that created this output.</summary>
    public int Height { get; }

    /// <summary>True when the creating transaction was a coinbase (it then matures after 100 blocks).</summary>
    public bool IsCoinbase { get; }

    /// <summary>True for the spent marker.</summary>
    public bool IsSpent { get; }

    /// <inheritdoc/>
    public bool Equals(Coin? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        return IsSpent == other.IsSpent && Height == other.Height && IsCoinbase == other.IsCoinbase &&
               Output.Value == other.Output.Value && Output.ScriptPubKey == other.Output.ScriptPubKey;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Coin);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Height, IsCoinbase, IsSpent, Output.Value.Satoshi);

    /// <summary>A short description for logs.</summary>
    public override string ToString() =>
        IsSpent ? "Coin(spent)" : $"Coin(value={Output.Value.Satoshi}, height={Height}, coinbase={IsCoinbase}, script={Output.ScriptPubKey.ToHex()})";
}
