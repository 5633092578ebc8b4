namespace Bitcoin.Interfaces;

/// <summary>The outcome of signing a message (Core's <c>SigningResult</c>).</summary>
public enum SigningResult
{
    /// <summary>Signed.</summary>
    Ok = 0,

    /// <summary>The private key is not in the wallet (or the wallet is locked).</summary>
    PrivateKeyNotAvailable = 1,

    /// <summary>Signing failed.</summary>
    SigningFailed = 2,
}
