namespace Bitcoin.Interfaces;

/// <summary>Why a transaction left the mempool (Core's <c>MemPoolRemovalReason</c>; the IPC sends the number).</summary>
public enum MempoolRemovalReason
{
    /// <summary>Expired.</summary>
    Expiry = 0,

    /// <summary>Evicted to keep the mempool within its size limit.</summary>
    SizeLimit = 1,

    /// <summary>No longer valid after a reorganization.</summary>
    Reorg = 2,

    /// <summary>Included in a block.</summary>
    Block = 3,

    /// <summary>Conflicted with a transaction in a block.</summary>
    Conflict = 4,

    /// <summary>Replaced by another transaction (RBF).</summary>
    Replaced = 5,
}
