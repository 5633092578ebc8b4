using Bitcoin.Node.Net.Addresses;

namespace Bitcoin.Node.Net.Connections;

/// <summary>A -whitebind entry: an address to listen on whose peers get <paramref name="Flags"/>.</summary>
/// <param name="Flags">The permissions.</param>
/// <param name="Service">The address and port to bind.</param>
public readonly record struct WhitebindPermission(NetPermissionFlags Flags, ServiceAddress Service);
