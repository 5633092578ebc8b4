namespace Bitcoin.Node.Net.Connections;

/// <summary>Names and properties of <see cref="ConnectionType"/> values.</summary>
public static class ConnectionTypes
{
    /// <summary>Core's ConnectionTypeAsString: "outbound-full-relay", "block-relay-only", "inbound", "manual", ...</summary>
    public static string ToText(ConnectionType type) => type switch
    {
        ConnectionType.Inbound => "inbound",
        ConnectionType.Manual => "manual",
        ConnectionType.Feeler => "feeler",
        ConnectionType.OutboundFullRelay => "outbound-full-relay",
        ConnectionType.BlockRelay => "block-relay-only",
        ConnectionType.AddrFetch => "addr-fetch",
        ConnectionType.PrivateBroadcast => "private-broadcast",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown connection type."),
    };
}
