namespace Bitcoin.Node.Mempool;

/// <summary>Why broadcasting a transaction failed (Core's node::TransactionError).</summary>
public enum TransactionError
{
    /// <summary>No error.</summary>
    Ok,

    /// <summary>"Inputs missing or spent".</summary>
    MissingInputs,

    /// <summary>"Transaction outputs already in utxo set".</summary>
    AlreadyInUtxoSet,

    /// <summary>"Transaction rejected by mempool".</summary>
    MempoolRejected,

    /// <summary>"Mempool internal error".</summary>
    MempoolError,

    /// <summary>"Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)".</summary>
    MaxFeeExceeded,

    /// <summary>"Unspendable output exceeds maximum configured by user (maxburnamount)".</summary>
    MaxBurnExceeded,

    /// <summary>"Transaction rejected due to invalid package".</summary>
    InvalidPackage,
}
