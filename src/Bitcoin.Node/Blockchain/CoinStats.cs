using NBitcoin;

namespace Bitcoin.Node.Blockchain;

/// <summary>Statistics of the UTXO set at one block (Core's CCoinsStats, without the coinstatsindex fields).</summary>
/// <param name="Height">The height of the block the set belongs to.</param>
/// <param name="BlockHash">The hash of that block.</param>
/// <param name="Transactions">Transactions with at least one unspent output.</param>
/// <param name="TransactionOutputs">Unspent outputs.</param>
/// <param name="BogoSize">Core's database-independent size measure.</param>
/// <param name="Hash">The requested hash; null for <see cref="CoinStatsHashType.None"/>.</param>
/// <param name="DiskSize">Estimated size of the coins database on disk, in bytes.</param>
/// <param name="TotalAmount">Sum of all unspent outputs, in satoshis.</param>
public sealed record CoinStats(int Height, uint256 BlockHash, long Transactions, long TransactionOutputs, long BogoSize,
    uint256? Hash, long DiskSize, long TotalAmount);
