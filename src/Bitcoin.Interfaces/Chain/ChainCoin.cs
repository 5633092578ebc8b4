using NBitcoin;

namespace Bitcoin.Interfaces;

/// <summary>An unspent output as the node's UTXO view knows it (Core's <c>Coin</c>).</summary>
/// <param name="Output">The output (amount and script).</param>
/// <param name="Height">The height of the block that created it; for a mempool output Core's MEMPOOL_HEIGHT (0x7FFFFFFF).</param>
/// <param name="IsCoinBase">True if it was created by a coinbase transaction.</param>
public sealed record ChainCoin(TxOut Output, int Height, bool IsCoinBase)
{
    /// <summary>The height Core gives outputs of mempool transactions.</summary>
    public const int MempoolHeight = 0x7FFFFFFF;
}
