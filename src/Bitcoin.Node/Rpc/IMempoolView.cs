using NBitcoin;

namespace Bitcoin.Node.Rpc;

/// <summary>
/// What the node's RPCs read from the mempool (Core's CTxMemPool lookups in gettxout, getrawtransaction and
/// generateblock). The mempool implements it; until there is one, the commands behave as with an empty mempool.
/// Implementations must be thread-safe.
/// </summary>
public interface IMempoolView
{
    /// <summary>The mempool transaction with this txid, or null.</summary>
    Transaction? GetTransaction(uint256 txid);

    /// <summary>True if a mempool transaction spends <paramref name="outpoint"/>.</summary>
    bool IsSpent(OutPoint outpoint);

    /// <summary>The sigop-adjusted virtual size of the mempool transaction with this txid, or null if it is not there.</summary>
    long? GetAdjustedVirtualSize(uint256 txid);
}
