using Bitcoin.Node.Net.Addresses;

namespace Bitcoin.Node.Net.Connections;

/// <summary>What eviction looks at for one peer (Core's NodeEvictionCandidate).</summary>
public sealed record EvictionCandidate(
    long Id,
    long ConnectedMicros,
    long MinPingMicros,
    long LastBlockTime,
    long LastTxTime,
    bool RelevantServices,
    bool RelayTxs,
    bool BloomFilter,
    ulong KeyedNetGroup,
    bool PreferEvict,
    bool IsLocal,
    NetKind Network,
    bool NoBan,
    ConnectionType ConnectionType);
