using Bitcoin.Node.Net.Addresses;

namespace Bitcoin.Node.Net.Connections;

/// <summary>A -whitelist entry: peers in <paramref name="Subnet"/> connecting in <paramref name="Direction"/> get <paramref name="Flags"/>.</summary>
/// <param name="Flags">The permissions.</param>
/// <param name="Subnet">The address range.</param>
/// <param name="Direction">Inbound, outbound or both.</param>
public readonly record struct WhitelistPermission(NetPermissionFlags Flags, SubNet Subnet, ConnectionDirection Direction);
