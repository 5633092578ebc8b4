namespace Bitcoin.Wallet.Spend;

/// <summary>The estimated size of a signed transaction (Core's TxSize); -1 when unknown.</summary>
/// <param name="VirtualSize">Virtual bytes.</param>
/// <param name="Weight">Weight units.</param>
public readonly record struct TxSize(long VirtualSize, long Weight)
{
    /// <summary>An unknown size.</summary>
    public static TxSize Unknown => new(-1, -1);
}
