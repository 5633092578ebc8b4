using NBitcoin;

namespace Bitcoin.Interfaces;

/// <summary>
/// Chain and mempool events a client receives after <see cref="IChain.HandleNotifications"/> (Core's
/// <c>interfaces::Chain::Notifications</c>, the IPC <c>ChainNotifications</c>).
/// </summary>
/// <remarks>
/// Events arrive one at a time, in the order they happened, on one node thread, after the node released its chain
/// lock: by the time one is handled the chain may have moved on, so use the block given, not the current tip. In a
/// reorganisation the client sees <see cref="BlockDisconnected"/> for each old block (tip first), then
/// <see cref="BlockConnected"/> for each new one, then <see cref="UpdatedBlockTip"/>. Transaction and block objects
/// are the node's own in one process: do not modify them. An exception thrown by a handler is logged by the node and
/// does not stop later events.
/// </remarks>
public interface IChainNotifications
{
    /// <summary>A transaction entered the mempool.</summary>
    void TransactionAddedToMempool(Transaction tx);

    /// <summary>
    /// A transaction left the mempool. For <see cref="MempoolRemovalReason.Block"/> this may arrive before or after the
    /// matching <see cref="BlockConnected"/>; clients should not rely on the order.
    /// </summary>
    void TransactionRemovedFromMempool(Transaction tx, MempoolRemovalReason reason);

    /// <summary>A block was connected to the active chain; <see cref="BlockInfo.Data"/> is set.</summary>
    void BlockConnected(ChainstateRole role, BlockInfo block);

    /// <summary>A block was disconnected from the active chain; <see cref="BlockInfo.Data"/> and <see cref="BlockInfo.PrevHash"/> are set.</summary>
    void BlockDisconnected(BlockInfo block);

    /// <summary>The active tip changed (after the connects and disconnects of one step).</summary>
    void UpdatedBlockTip();

    /// <summary>The node wrote its chainstate to disk; <paramref name="locator"/> describes the flushed tip.</summary>
    void ChainStateFlushed(ChainstateRole role, BlockLocator locator);
}
