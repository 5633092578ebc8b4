using Bitcoin.Kernel.Mempool.Internal;
using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool;

/// <summary>
/// A transaction in the mempool with what the mempool knows about it (Core's CTxMemPoolEntry): fee, modified fee
/// (with prioritisetransaction deltas), weights and sizes, entry time, height and sequence, coinbase spending and lock
/// points. Read the graph-dependent facts (ancestors, chunk) through <see cref="TxMemPool"/> under its lock.
/// </summary>
public sealed class MempoolEntry
{
    internal MempoolEntry(Transaction tx, long fee, long time, int height, ulong sequence, bool spendsCoinbase, long sigOpCost,
        LockPoints lockPoints, int bytesPerSigOp)
    {
        Transaction = tx;
        Txid = tx.GetHash();
        Wtxid = tx.GetWitHash();
        Fee = fee;
        ModifiedFee = fee;
        Weight = (int)Consensus.TxChecks.GetTransactionWeight(tx);
        SigOpCost = sigOpCost;
        AdjustedWeight = (int)StandardPolicy.GetSigOpsAdjustedWeight(Weight, sigOpCost, bytesPerSigOp);
        VirtualSize = (int)StandardPolicy.GetVirtualTransactionSize(Weight, sigOpCost, bytesPerSigOp);
        Time = time;
        Height = height;
        Sequence = sequence;
        SpendsCoinbase = spendsCoinbase;
        LockPoints = lockPoints;
        UsageSize = CoreMemoryUsage.Transaction(tx);
        OrderKey = TxidOrderKey.From(Txid);
    }

    /// <summary>The transaction.</summary>
    public Transaction Transaction { get; }

    /// <summary>Its txid.</summary>
    public uint256 Txid { get; }

    /// <summary>Its wtxid.</summary>
    public uint256 Wtxid { get; }

    /// <summary>The fee it pays, in satoshis.</summary>
    public long Fee { get; }

    /// <summary>The fee plus any prioritisetransaction delta: what mining and eviction count.</summary>
    public long ModifiedFee { get; internal set; }

    /// <summary>BIP141 weight.</summary>
    public int Weight { get; }

    /// <summary>Signature operation cost.</summary>
    public long SigOpCost { get; }

    /// <summary>The larger of the weight and the sigop cost times -bytespersigop (the size the cluster graph counts).</summary>
    public int AdjustedWeight { get; }

    /// <summary>The sigop-adjusted virtual size (Core's GetTxSize, "vsize" in RPC results).</summary>
    public int VirtualSize { get; }

    /// <summary>When it entered the mempool, in seconds since the epoch.</summary>
    public long Time { get; }

    /// <summary>The chain height when it entered.</summary>
    public int Height { get; }

    /// <summary>The mempool sequence number when it entered (0 for transactions re-added from disconnected blocks).</summary>
    public ulong Sequence { get; }

    /// <summary>True when an input spends a coinbase output (re-checked for maturity after reorgs).</summary>
    public bool SpendsCoinbase { get; }

    /// <summary>Its relative lock-time requirements.</summary>
    public LockPoints LockPoints { get; internal set; }

    /// <summary>Memory Core would account for the transaction.</summary>
    public long UsageSize { get; }

    /// <summary>The individual fee rate (modified fee over sigop-adjusted vsize).</summary>
    public TxFeeRate ModifiedFeeRate => TxFeeRate.FromFee(ModifiedFee, VirtualSize);

    // Cluster graph bookkeeping (guarded by the mempool lock).
    internal List<MempoolEntry> Parents { get; } = [];

    internal List<MempoolEntry> Children { get; } = [];

    internal Cluster? Cluster { get; set; }

    internal int LinearizationIndex { get; set; }

    internal ChunkData? Chunk { get; set; }

    internal FeeFrac GraphRate => new(ModifiedFee, AdjustedWeight);

    internal TxidOrderKey OrderKey { get; }

    // True from when the entry is added to the indexes until it is removed from them.
    internal bool InMempool { get; set; }

    // Scratch marks for graph walks and component searches.
    internal int Mark { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"MempoolEntry({Txid}, fee={Fee}, vsize={VirtualSize})";
}
