using Bitcoin.Node.Net.Addresses;

namespace Bitcoin.Node.Net.Connections;

/// <summary>What a new connection is made of (the arguments of Core's CNode constructor).</summary>
internal sealed record PeerConnectionInfo(
    long Id,
    PeerAddress Address,
    ServiceAddress BindAddress,
    string Destination,
    ConnectionType ConnectionType,
    bool InboundOnion,
    NetPermissionFlags Permissions,
    ulong LocalNonce,
    ulong KeyedNetGroup,
    ulong NetworkKey,
    bool PreferEvict);
