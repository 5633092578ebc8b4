using NBitcoin;

namespace Bitcoin.Kernel.Mempool;

/// <summary>A prioritisetransaction delta (Core's CTxMemPool::delta_info).</summary>
/// <param name="Txid">The prioritised txid.</param>
/// <param name="InMempool">Whether the transaction is in the mempool.</param>
/// <param name="Delta">The fee delta, in satoshis.</param>
/// <param name="ModifiedFee">The fee plus delta when in the mempool, else null.</param>
public sealed record PrioritisedTransaction(uint256 Txid, bool InMempool, long Delta, long? ModifiedFee);
