using NBitcoin;

namespace Bitcoin.Common.Formats;

/// <summary>The facts about a block that only the node's chain knows, for <see cref="BlockJson.HeaderToJson"/>.</summary>
/// <param name="Height">The block's height.</param>
/// <param name="Confirmations">Depth in the active chain (1 for the tip), or -1 when the block is not in it.</param>
/// <param name="MedianTime">Median time past of the block.</param>
/// <param name="ChainWork">Total work of the chain up to and including the block.</param>
/// <param name="TransactionCount">Number of transactions (Core's nTx; 0 when the block data is unknown).</param>
/// <param name="Previous">Hash of the parent, null for the genesis block.</param>
/// <param name="Next">Hash of the next block in the active chain, if any.</param>
public sealed record BlockChainPosition(int Height, int Confirmations, uint MedianTime, uint256 ChainWork, uint TransactionCount,
    uint256? Previous, uint256? Next);
