using NBitcoin;

namespace Bitcoin.Node.Mempool;

/// <summary>
/// Announces transactions to peers (Core's PeerManager::InitiateTxBroadcastToAll); the P2P layer implements it and
/// sets <see cref="Context.NodeContext.TxBroadcaster"/>. Without one, submitted transactions stay local.
/// </summary>
public interface ITxBroadcaster
{
    /// <summary>Queues an announcement of the mempool transaction <paramref name="txid"/> (<paramref name="wtxid"/>) to every peer.</summary>
    void InitiateTxBroadcastToAll(uint256 txid, uint256 wtxid);
}
