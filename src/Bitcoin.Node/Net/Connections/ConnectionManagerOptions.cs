using Bitcoin.Node.Net.Addresses;
using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Connections;

/// <summary>The connection manager's settings (Core's CConnman::Options), filled from the node's options at start-up.</summary>
public sealed record ConnectionManagerOptions
{
    /// <summary>The services we offer.</summary>
    public ServiceFlags LocalServices { get; init; } = ServiceFlags.Network | ServiceFlags.Witness;

    /// <summary>-maxconnections after system limits: automatic outbound plus inbound.</summary>
    public int MaxAutomaticConnections { get; init; } = 125;

    /// <summary>-inboundrelaypercent.</summary>
    public int FullRelayInboundPercent { get; init; } = 50;

    /// <summary>-maxsendbuffer in bytes.</summary>
    public long SendBufferMaxSize { get; init; } = 1000 * 1000;

    /// <summary>-maxreceivebuffer in bytes.</summary>
    public long ReceiveFloodSize { get; init; } = 5000 * 1000;

    /// <summary>-addnode values.</summary>
    public IReadOnlyList<string> AddedNodes { get; init; } = [];

    /// <summary>-maxuploadtarget in bytes per 24 hours (0: none).</summary>
    public long MaxOutboundLimit { get; init; }

    /// <summary>-peertimeout in seconds.</summary>
    public long PeerConnectTimeoutSeconds { get; init; } = 60;

    /// <summary>-timeout in milliseconds (connecting).</summary>
    public int ConnectTimeoutMilliseconds { get; init; } = 5000;

    /// <summary>-whitelistforcerelay.</summary>
    public bool WhitelistForceRelay { get; init; }

    /// <summary>-whitelistrelay.</summary>
    public bool WhitelistRelay { get; init; } = true;

    /// <summary>-bind addresses.</summary>
    public IReadOnlyList<ServiceAddress> Binds { get; init; } = [];

    /// <summary>-whitebind addresses.</summary>
    public IReadOnlyList<WhitebindPermission> WhiteBinds { get; init; } = [];

    /// <summary>-bind=...=onion addresses (inbound connections through them count as Tor).</summary>
    public IReadOnlyList<ServiceAddress> OnionBinds { get; init; } = [];

    /// <summary>Bind 0.0.0.0 and :: (no -bind or -whitebind given).</summary>
    public bool BindOnAny { get; init; }

    /// <summary>-whitelist entries for inbound peers.</summary>
    public IReadOnlyList<WhitelistPermission> WhitelistedRangeIncoming { get; init; } = [];

    /// <summary>-whitelist entries for outbound (manual) peers.</summary>
    public IReadOnlyList<WhitelistPermission> WhitelistedRangeOutgoing { get; init; } = [];

    /// <summary>-seednode values.</summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <summary>-connect values (only these outbound connections are made).</summary>
    public IReadOnlyList<string> SpecifiedOutgoing { get; init; } = [];

    /// <summary>Make automatic outbound connections from the address manager.</summary>
    public bool UseAddrmanOutgoing { get; init; } = true;

    /// <summary>-listen.</summary>
    public bool Listen { get; init; } = true;

    /// <summary>The port -bind without a port and our advertised address use.</summary>
    public ushort ListenPort { get; init; }

    /// <summary>The chain's default port (for names without a port).</summary>
    public ushort DefaultPort { get; init; }

    /// <summary>-dns: resolve names.</summary>
    public bool NameLookup { get; init; } = true;

    /// <summary>-dnsseed.</summary>
    public bool DnsSeed { get; init; } = true;

    /// <summary>-forcednsseed.</summary>
    public bool ForceDnsSeed { get; init; }

    /// <summary>-fixedseeds.</summary>
    public bool FixedSeeds { get; init; } = true;

    /// <summary>The chain's DNS seeds.</summary>
    public IReadOnlyList<string> DnsSeeds { get; init; } = [];

    /// <summary>-networkactive.</summary>
    public bool NetworkActive { get; init; } = true;

    /// <summary>Proxies per network (-proxy, -onion).</summary>
    public ProxySettings Proxies { get; init; } = new();
}
