using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Mempool;
using NBitcoin;

namespace Bitcoin.Kernel.Validation;

/// <summary>
/// A subscriber to validation events (Core's CValidationInterface). Register with
/// <see cref="ValidationSignals.Register"/>; every member has an empty default.
/// </summary>
/// <remarks>
/// Delivery, as in Core: <see cref="UpdatedBlockTip"/>, <see cref="BlockConnected"/>, <see cref="BlockDisconnected"/>,
/// <see cref="ChainStateFlushed"/> and the mempool events are queued and delivered in the order they happened on one
/// background thread, after the chainstate lock is released; the chain may already have moved on, so use the
/// <see cref="BlockIndex"/> given, not the current tip. <see cref="ActiveTipChange"/>, <see cref="BlockChecked"/>
/// and <see cref="NewPoWValidBlock"/> are called synchronously on the validating thread with the chainstate lock
/// held: keep them short and do not block on validation from them. A subscriber that throws is logged and skipped.
/// </remarks>
public interface IValidationInterface
{
    /// <summary>The active tip moved to <paramref name="newTip"/>; <paramref name="fork"/> is the last block shared with the old tip (null only at start).</summary>
    void UpdatedBlockTip(BlockIndex newTip, BlockIndex? fork, bool initialDownload)
    {
    }

    /// <summary>Synchronous: the active tip changed (also after invalidateblock).</summary>
    void ActiveTipChange(BlockIndex newTip, bool initialDownload)
    {
    }

    /// <summary>A block was connected to the active chain. Blocks of one reorg arrive after the matching disconnects.</summary>
    void BlockConnected(Block block, BlockIndex index)
    {
    }

    /// <summary>A block was disconnected from the active chain (tip first).</summary>
    void BlockDisconnected(Block block, BlockIndex index)
    {
    }

    /// <summary>The chainstate was written to disk; <paramref name="locator"/> describes the flushed tip.</summary>
    void ChainStateFlushed(BlockLocator locator)
    {
    }

    /// <summary>Synchronous: a block finished full validation (valid or not).</summary>
    void BlockChecked(Block block, BlockValidationState state)
    {
    }

    /// <summary>Synchronous: a block with valid proof of work extending the tip was received, before full validation (for fast relay).</summary>
    void NewPoWValidBlock(BlockIndex index, Block block)
    {
    }

    /// <summary>A transaction entered the mempool (with its fee, size and how it came in).</summary>
    void TransactionAddedToMempool(NewMempoolTransactionInfo tx, ulong mempoolSequence)
    {
    }

    /// <summary>A transaction left the mempool for a reason other than a block.</summary>
    void TransactionRemovedFromMempool(Transaction tx, MempoolRemovalReason reason, ulong mempoolSequence)
    {
    }

    /// <summary>Transactions left the mempool because the block at <paramref name="blockHeight"/> included them (sent only after initial block download).</summary>
    void MempoolTransactionsRemovedForBlock(Block block, IReadOnlyList<RemovedMempoolTransactionInfo> removed, int blockHeight)
    {
    }
}
