namespace Bitcoin.Node.Mining;

/// <summary>
/// Where block templates get their transactions from: the seam a mempool plugs into (Core's CTxMemPool block-builder
/// calls). The miner asks for chunks — groups of transactions that must be included together, best fee rate first —
/// and says for each whether it took it. Implementations must be thread-safe.
/// </summary>
public interface IBlockTransactionSource
{
    /// <summary>How many transactions the source holds (getmininginfo's "pooledtx").</summary>
    int Count { get; }

    /// <summary>
    /// A number that changes whenever the set of transactions changes (Core's GetTransactionsUpdated); used by the
    /// getblocktemplate long poll to notice new transactions.
    /// </summary>
    long TransactionsUpdated { get; }

    /// <summary>
    /// Starts choosing transactions for one block. The builder sees a consistent state until it is disposed
    /// (Core's StartBlockBuilding/StopBlockBuilding).
    /// </summary>
    IBlockBuilder StartBlockBuilding();
}
