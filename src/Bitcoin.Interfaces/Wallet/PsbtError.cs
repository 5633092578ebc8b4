namespace Bitcoin.Interfaces;

/// <summary>Why filling a PSBT failed (Core's <c>common::PSBTError</c>).</summary>
public enum PsbtError
{
    /// <summary>An input's previous output is missing or out of range.</summary>
    MissingInputs = 0,

    /// <summary>The sighash type asked for differs from the one in the PSBT.</summary>
    SighashMismatch = 1,

    /// <summary>No external signer was found.</summary>
    ExternalSignerNotFound = 2,

    /// <summary>The external signer failed.</summary>
    ExternalSignerFailed = 3,

    /// <summary>A feature the PSBT needs is not supported.</summary>
    Unsupported = 4,

    /// <summary>Not every input could be signed.</summary>
    Incomplete = 5,

    /// <summary>The PSBT's transaction is invalid.</summary>
    InvalidTx = 6,
}
