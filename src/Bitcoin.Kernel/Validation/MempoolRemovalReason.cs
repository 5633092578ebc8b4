namespace Bitcoin.Kernel.Validation;

/// <summary>Why a transaction left the mempool (Core's MemPoolRemovalReason); printed in lower case as Core does.</summary>
public enum MempoolRemovalReason
{
    /// <summary>Expired from the mempool.</summary>
    Expiry,

    /// <summary>Removed to keep the mempool within its size limit.</summary>
    SizeLimit,

    /// <summary>Removed during a reorganization.</summary>
    Reorg,

    /// <summary>Included in a block.</summary>
    Block,

    /// <summary>Conflicted with a transaction in a block.</summary>
    Conflict,

    /// <summary>Replaced by a fee bump.</summary>
    Replaced,
}
