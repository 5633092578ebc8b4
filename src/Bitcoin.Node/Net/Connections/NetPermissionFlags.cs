namespace Bitcoin.Node.Net.Connections;

/// <summary>Permissions granted to peers by -whitebind and -whitelist (Core's NetPermissionFlags, same bits).</summary>
[Flags]
#pragma warning disable CA1028 // Core's values.
public enum NetPermissionFlags : uint
#pragma warning restore CA1028
{
    /// <summary>No permissions.</summary>
    None = 0,

    /// <summary>May request BIP37 filtered blocks and transactions.</summary>
    BloomFilter = 1U << 1,

    /// <summary>Transactions are relayed even in -blocksonly mode; no announcement rate limit.</summary>
    Relay = 1U << 3,

    /// <summary>Transactions already in the mempool are relayed again (implies relay).</summary>
    ForceRelay = (1U << 2) | Relay,

    /// <summary>May download during our IBD and past -maxuploadtarget.</summary>
    Download = 1U << 6,

    /// <summary>Never banned or discouraged (implies download).</summary>
    NoBan = (1U << 4) | Download,

    /// <summary>May request our mempool (BIP35).</summary>
    Mempool = 1U << 5,

    /// <summary>getaddr answers are not cached or rate limited.</summary>
    Addr = 1U << 7,

    /// <summary>Default permissions to be filled in from -whitelistrelay/-whitelistforcerelay.</summary>
    Implicit = 1U << 31,

    /// <summary>Every permission.</summary>
    All = BloomFilter | ForceRelay | Relay | NoBan | Mempool | Download | Addr,
}
