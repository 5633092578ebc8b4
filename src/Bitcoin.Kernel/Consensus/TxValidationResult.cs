namespace Bitcoin.Kernel.Consensus;

/// <summary>Why a transaction was rejected, as Core's TxValidationResult (consensus/validation.h).</summary>
public enum TxValidationResult
{
    /// <summary>Initial value: not rejected.</summary>
    ResultUnset = 0,

    /// <summary>Invalid by consensus rules.</summary>
    Consensus,

    /// <summary>Inputs (covered by txid) failed policy rules.</summary>
    InputsNotStandard,

    /// <summary>Otherwise did not meet local policy rules.</summary>
    NotStandard,

    /// <summary>Some inputs are missing.</summary>
    MissingInputs,

    /// <summary>Spends a coinbase too early, or violates locktime/sequence locks.</summary>
    PrematureSpend,

    /// <summary>Has a witness before segwit activation, or the witness was malleated (includes non-standard witnesses).</summary>
    WitnessMutated,

    /// <summary>The witness is missing.</summary>
    WitnessStripped,

    /// <summary>Already in the mempool or conflicts with a transaction in the chain.</summary>
    Conflict,

    /// <summary>Violated mempool fee/size/descendant/RBF limits.</summary>
    MempoolPolicy,

    /// <summary>This node has no mempool.</summary>
    NoMempool,

    /// <summary>Fails some policy but might be accepted in a (different) package.</summary>
    Reconsiderable,

    /// <summary>Not validated because the package failed.</summary>
    Unknown,
}
