namespace Bitcoin.Wallet;

/// <summary>
/// Core's wallet flags (walletutil.h), stored as the <c>flags</c> record. Unknown flags above bit 31 make a wallet
/// unloadable; unknown lower ones are tolerated.
/// </summary>
[Flags]
public enum WalletFlags : ulong
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>Avoid spending outputs to addresses already spent from.</summary>
    AvoidReuse = 1UL << 0,

    /// <summary>Key metadata has key origins (legacy wallets).</summary>
    KeyOriginMetadata = 1UL << 1,

    /// <summary>Descriptor caches hold the last hardened xpubs.</summary>
    LastHardenedXpubCached = 1UL << 2,

    /// <summary>The wallet holds no private keys (watch-only).</summary>
    DisablePrivateKeys = 1UL << 32,

    /// <summary>Created without keys; descriptors are only imported.</summary>
    BlankWallet = 1UL << 33,

    /// <summary>A descriptor wallet.</summary>
    Descriptors = 1UL << 34,

    /// <summary>Keys are held by an external signer.</summary>
    ExternalSigner = 1UL << 35,
}
