using NBitcoin;

namespace Bitcoin.Kernel.Index;

/// <summary>A transaction found by the transaction index and the hash of the block that contains it.</summary>
public sealed record TxIndexResult(Transaction Transaction, uint256 BlockHash);
