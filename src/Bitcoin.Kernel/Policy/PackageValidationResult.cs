namespace Bitcoin.Kernel.Policy;

/// <summary>Why a package was rejected (Core's PackageValidationResult).</summary>
public enum PackageValidationResult
{
    /// <summary>Not rejected.</summary>
    ResultUnset = 0,

    /// <summary>The package itself breaks a rule (too many transactions, not sorted, ...).</summary>
    Policy,

    /// <summary>At least one transaction is invalid.</summary>
    Tx,

    /// <summary>A mempool logic error.</summary>
    MempoolError,
}
