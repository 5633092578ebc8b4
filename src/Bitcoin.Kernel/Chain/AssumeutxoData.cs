using NBitcoin;

namespace Bitcoin.Kernel.Chain;

/// <summary>A UTXO snapshot the software recognises (Core's AssumeutxoData).</summary>
/// <param name="Height">Height of the snapshot's base block.</param>
/// <param name="HashSerialized">Expected hash of the serialized UTXO set.</param>
/// <param name="ChainTxCount">Transactions in the chain up to the base block (cannot be computed without the blocks).</param>
/// <param name="BlockHash">Hash of the base block.</param>
public sealed record AssumeutxoData(int Height, uint256 HashSerialized, ulong ChainTxCount, uint256 BlockHash);
