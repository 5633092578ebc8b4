using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool.Internal.Accept;

/// <summary>What the acceptance steps learn about one transaction (Core's MemPoolAccept::Workspace).</summary>
internal sealed class Workspace(Transaction tx)
{
    public Transaction Tx { get; } = tx;

    public uint256 Txid { get; } = tx.GetHash();

    /// <summary>Txids of mempool transactions it conflicts with directly or may evict as a TRUC sibling.</summary>
    public HashSet<uint256> Conflicts { get; } = [];

    /// <summary>The entries of <see cref="Conflicts"/>.</summary>
    public HashSet<MempoolEntry> ConflictingEntries { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Its in-mempool parents.</summary>
    public List<MempoolEntry> Parents { get; set; } = [];

    /// <summary>Its staged entry.</summary>
    public MempoolEntry? Entry { get; set; }

    /// <summary>True when a TRUC sibling was added to the conflicts.</summary>
    public bool SiblingEviction { get; set; }

    public long VirtualSize { get; set; }

    public long BaseFees { get; set; }

    public long ModifiedFees { get; set; }

    /// <summary>The package fee rate when package rates are in use.</summary>
    public TxFeeRate PackageFeeRate { get; set; }

    public TxValidationState State { get; set; } = new();

    /// <summary>The spent outputs in input order, once the inputs were found.</summary>
    public TxOut[] SpentOutputs { get; set; } = [];

    /// <summary>Sighash data shared by the policy and consensus script checks.</summary>
    public PrecomputedTransactionData? Precomputed { get; set; }
}
