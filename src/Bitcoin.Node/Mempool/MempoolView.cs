using Bitcoin.Kernel.Mempool;
using Bitcoin.Node.Rpc;
using NBitcoin;

namespace Bitcoin.Node.Mempool;

/// <summary>The mempool as the node RPCs' <see cref="IMempoolView"/> (gettxout, getrawtransaction, generateblock).</summary>
public sealed class MempoolView : IMempoolView
{
    private readonly TxMemPool _mempool;

    /// <summary>Views <paramref name="mempool"/>.</summary>
    public MempoolView(TxMemPool mempool)
    {
        ArgumentNullException.ThrowIfNull(mempool);
        _mempool = mempool;
    }

    /// <inheritdoc/>
    public Transaction? GetTransaction(uint256 txid) => _mempool.Get(txid);

    /// <inheritdoc/>
    public bool IsSpent(OutPoint outpoint) => _mempool.IsSpent(outpoint);

    /// <inheritdoc/>
    public long? GetAdjustedVirtualSize(uint256 txid) => _mempool.GetEntry(txid)?.VirtualSize;
}
