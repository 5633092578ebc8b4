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

    /// <summary>A block was connected at <paramref name="height"/>: drop its transactions and their conflicts; return what was removed.</summary>
    IReadOnlyList<Transaction> RemoveForBlock(Block block, int height);

    /// <summary>
    /// Blocks were disconnected. <paramref name="disconnected"/> holds their non-coinbase transactions, oldest block
    /// first. With <paramref name="addToMempool"/> try to re-add them; in any case remove mempool entries that are no
    /// longer valid on the new tip (Core's MaybeUpdateMempoolForReorg).
    /// </summary>
    void UpdateForReorg(IReadOnlyList<Transaction> disconnected, bool addToMempool);
}
