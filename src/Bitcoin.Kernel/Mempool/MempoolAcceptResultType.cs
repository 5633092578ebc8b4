namespace Bitcoin.Kernel.Mempool;

/// <summary>What happened to a transaction submitted to the mempool (Core's MempoolAcceptResult::ResultType).</summary>
public enum MempoolAcceptResultType
{
    /// <summary>Fully validated (and, unless only testing, added).</summary>
    Valid,

    /// <summary>Rejected or not validated.</summary>
    Invalid,

    /// <summary>Already in the mempool.</summary>
    MempoolEntry,

    /// <summary>A transaction with the same txid but a different witness is in the mempool.</summary>
    DifferentWitness,
}
