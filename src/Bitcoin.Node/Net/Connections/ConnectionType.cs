namespace Bitcoin.Node.Net.Connections;

/// <summary>Why a connection exists (Core's ConnectionType); decides relay, eviction and limits.</summary>
public enum ConnectionType
{
    /// <summary>Initiated by the peer.</summary>
    Inbound,

    /// <summary>Automatic outbound connection relaying everything.</summary>
    OutboundFullRelay,

    /// <summary>Added by -addnode, -connect or the addnode RPC.</summary>
    Manual,

    /// <summary>Short-lived, to test that an address is reachable.</summary>
    Feeler,

    /// <summary>Automatic outbound connection relaying blocks only.</summary>
    BlockRelay,

    /// <summary>Short-lived, to ask for addresses (-seednode).</summary>
    AddrFetch,

    /// <summary>Short-lived, to broadcast one of our transactions privately.</summary>
    PrivateBroadcast,
}
