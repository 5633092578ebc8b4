namespace Bitcoin.Wallet.Spend;

/// <summary>How a fee bump ended (Core's feebumper::Result); each failure maps to an RPC error code.</summary>
public enum FeeBumpResult
{
    /// <summary>Success.</summary>
    Ok,

    /// <summary>-5: unknown transaction.</summary>
    InvalidAddressOrKey,

    /// <summary>-32600.</summary>
    InvalidRequest,

    /// <summary>-8.</summary>
    InvalidParameter,

    /// <summary>-4.</summary>
    WalletError,

    /// <summary>-1.</summary>
    MiscError,
}
