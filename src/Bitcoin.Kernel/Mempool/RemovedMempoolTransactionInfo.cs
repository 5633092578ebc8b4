using NBitcoin;

namespace Bitcoin.Kernel.Mempool;

/// <summary>A transaction that left the mempool because a block included it (Core's RemovedMempoolTransactionInfo).</summary>
/// <param name="Transaction">The transaction.</param>
/// <param name="Fee">Its fee in satoshis.</param>
/// <param name="VirtualSize">Its sigop-adjusted virtual size.</param>
/// <param name="Height">The chain height when it entered the mempool.</param>
public sealed record RemovedMempoolTransactionInfo(Transaction Transaction, long Fee, long VirtualSize, int Height);
