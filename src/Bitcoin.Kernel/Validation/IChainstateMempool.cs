using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Mempool;
using NBitcoin;

namespace Bitcoin.Kernel.Validation;

/// <summary>
/// What the chainstate needs from a mempool (Core's CTxMemPool calls inside validation). All members are called
/// with the chainstate lock held, on the validating thread; implementations take their own lock inside.
/// </summary>
public interface IChainstateMempool
{
    /// <summary>Memory the mempool uses now, in bytes; unused mempool budget may be lent to the coins cache (as Core does).</summary>
    long DynamicMemoryUsage { get; }

    /// <summary>The mempool's memory budget (-maxmempool), in bytes.</summary>
    long MaxSizeBytes { get; }

    /// <summary>A block was connected at <paramref name="height"/>: drop its transactions and their conflicts; return the block's transactions that were removed.</summary>
    IReadOnlyList<RemovedMempoolTransactionInfo> RemoveForBlock(Block block, int height);

    /// <summary>
    /// Blocks were disconnected. <paramref name="disconnected"/> holds their transactions, coinbases included, oldest
    /// block first. With <paramref name="addToMempool"/> try to re-add them (never a coinbase); what is not re-added is
    /// removed with its mempool descendants; in any case remove mempool entries that are no longer valid on the new tip
    /// (Core's MaybeUpdateMempoolForReorg).
    /// </summary>
    void UpdateForReorg(IReadOnlyList<Transaction> disconnected, bool addToMempool);

    /// <summary>
    /// The chain moved (after each ActivateBestChain step): run the mempool's consistency check against
    /// <paramref name="coinsTip"/> for spends at <paramref name="spendHeight"/>, if it does one (Core's -checkmempool).
    /// </summary>
    void Check(CoinsViewCache coinsTip, int spendHeight)
    {
    }
}
