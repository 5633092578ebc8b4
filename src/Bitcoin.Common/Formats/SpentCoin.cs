using NBitcoin;

namespace Bitcoin.Common.Formats;

/// <summary>An output spent by a transaction input as block undo data records it (Core's Coin in CTxUndo).</summary>
/// <param name="Output">The spent output.</param>
/// <param name="Height">The height of the block that created it.</param>
/// <param name="IsCoinBase">Whether it was created by a coinbase transaction.</param>
public sealed record SpentCoin(TxOut Output, int Height, bool IsCoinBase);
