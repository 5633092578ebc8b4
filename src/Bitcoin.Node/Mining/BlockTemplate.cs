using NBitcoin;

namespace Bitcoin.Node.Mining;

/// <summary>
/// A new block ready for proof of work (Core's CBlockTemplate): the block with its coinbase, header fields set and a
/// zero nonce, the fee and signature operation cost of every non-coinbase transaction, and what the coinbase is made of.
/// </summary>
public sealed class BlockTemplate
{
    internal BlockTemplate(Block block, IReadOnlyList<long> txFees, IReadOnlyList<long> txSigOpsCost,
        IReadOnlyList<(long Fee, long VirtualSize)> packageFeeRates, CoinbaseTemplate coinbase, long weight)
    {
        Block = block;
        TxFees = txFees;
        TxSigOpsCost = txSigOpsCost;
        PackageFeeRates = packageFeeRates;
        Coinbase = coinbase;
        Weight = weight;
    }

    /// <summary>The block; the caller may change it (it is not shared).</summary>
    public Block Block { get; }

    /// <summary>The fee of each transaction after the coinbase, in satoshis, in block order.</summary>
    public IReadOnlyList<long> TxFees { get; }

    /// <summary>The signature operation cost of each transaction after the coinbase, in block order.</summary>
    public IReadOnlyList<long> TxSigOpsCost { get; }

    /// <summary>The fee rate (fee, virtual size) of each included chunk, in the order they were chosen.</summary>
    public IReadOnlyList<(long Fee, long VirtualSize)> PackageFeeRates { get; }

    /// <summary>The coinbase fields the miner set.</summary>
    public CoinbaseTemplate Coinbase { get; }

    /// <summary>The weight accounted while filling the block: the reserved weight plus the chosen transactions.</summary>
    public long Weight { get; }

    /// <summary>The number of transactions after the coinbase.</summary>
    public int TransactionCount => TxFees.Count;
}
