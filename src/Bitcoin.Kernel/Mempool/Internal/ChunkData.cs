using Bitcoin.Kernel.Policy;

namespace Bitcoin.Kernel.Mempool.Internal;

/// <summary>One chunk of a cluster: transactions to be mined together, with their fee and sigop-adjusted weight.</summary>
internal sealed class ChunkData
{
    public ChunkData(Cluster cluster, int start, int count, FeeFrac rate, int equalFeeratePrefixSize, TxidOrderKey maxTxid)
    {
        Cluster = cluster;
        Start = start;
        Count = count;
        Rate = rate;
        EqualFeeratePrefixSize = equalFeeratePrefixSize;
        MaxTxid = maxTxid;
    }

    public Cluster Cluster { get; }

    /// <summary>Position of the first transaction in the cluster's linearization.</summary>
    public int Start { get; }

    public int Count { get; }

    /// <summary>Total modified fee and sigop-adjusted weight.</summary>
    public FeeFrac Rate { get; }

    /// <summary>
    /// The size of this chunk plus that of the chunks before it in the cluster with the same fee rate: orders equal
    /// fee rate chunks consistently with the cluster's own order.
    /// </summary>
    public int EqualFeeratePrefixSize { get; }

    /// <summary>The greatest txid in the chunk (Core's fallback order), to order equal chunks of different clusters.</summary>
    public TxidOrderKey MaxTxid { get; }

    /// <summary>The chunk's transactions in mining order.</summary>
    public IEnumerable<MempoolEntry> Entries
    {
        get
        {
            for (int i = 0; i < Count; i++) yield return Cluster.Transactions[Start + i];
        }
    }
}
