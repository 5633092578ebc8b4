namespace Bitcoin.Common.Psbt;

/// <summary>Why a PSBT operation failed (Core's common::PSBTError).</summary>
public enum PsbtError
{
    /// <summary>"Inputs missing or spent".</summary>
    MissingInputs,

    /// <summary>"Specified sighash value does not match value stored in PSBT".</summary>
    SighashMismatch,

    /// <summary>"External signer not found".</summary>
    ExternalSignerNotFound,

    /// <summary>"External signer failed to sign".</summary>
    ExternalSignerFailed,

    /// <summary>"Signer does not support PSBT".</summary>
    Unsupported,

    /// <summary>"Input needs additional signatures or other data".</summary>
    Incomplete,

    /// <summary>"The transaction cannot be valid".</summary>
    InvalidTx,
}
