namespace Bitcoin.Node.Net.Protocol;

/// <summary>The service bits a node advertises in version and addr messages (Core's ServiceFlags).</summary>
[Flags]
#pragma warning disable CA1028 // The wire format is 64 bits.
public enum ServiceFlags : ulong
#pragma warning restore CA1028
{
    /// <summary>No services.</summary>
    None = 0,

    /// <summary>Serves the whole block chain.</summary>
    Network = 1 << 0,

    /// <summary>Serves BIP37 bloom-filtered connections.</summary>
    Bloom = 1 << 2,

    /// <summary>Serves blocks and transactions with witness data.</summary>
    Witness = 1 << 3,

    /// <summary>Serves BIP157/158 compact block filters.</summary>
    CompactFilters = 1 << 6,

    /// <summary>Serves at least the last 288 blocks (BIP159).</summary>
    NetworkLimited = 1 << 10,

    /// <summary>Speaks the BIP324 v2 transport.</summary>
    P2PV2 = 1 << 11,
}
