namespace Bitcoin.Node.Signing;

/// <summary>The outcome of checking a signed message (Core's MessageVerificationResult).</summary>
public enum MessageVerificationResult
{
    /// <summary>The address could not be decoded.</summary>
    InvalidAddress,

    /// <summary>The address is not a P2PKH address, so no key can be checked against it.</summary>
    AddressNoKey,

    /// <summary>The signature is not valid base64.</summary>
    MalformedSignature,

    /// <summary>No public key could be recovered from the signature.</summary>
    PubKeyNotRecovered,

    /// <summary>A key was recovered but it is not the address's.</summary>
    NotSigned,

    /// <summary>The signature is the address's key's signature of the message.</summary>
    Ok,
}
