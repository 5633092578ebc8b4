using Bitcoin.Node.Net.Addresses;

namespace Bitcoin.Node.Net.Connections;

/// <summary>A SOCKS5 proxy (Core's Proxy).</summary>
/// <param name="Service">The proxy's address.</param>
/// <param name="RandomizeCredentials">Use fresh credentials per connection (-proxyrandomize, Tor stream isolation).</param>
public sealed record ProxyEndpoint(ServiceAddress Service, bool RandomizeCredentials)
{
    /// <inheritdoc/>
    public override string ToString() => Service.ToStringAddrPort();
}
