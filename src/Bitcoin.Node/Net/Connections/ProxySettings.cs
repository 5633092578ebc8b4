using Bitcoin.Node.Net.Addresses;

namespace Bitcoin.Node.Net.Connections;

/// <summary>SOCKS5 proxies per network and for names (Core's SetProxy/SetNameProxy), from -proxy and -onion.</summary>
public sealed class ProxySettings
{
    private readonly Dictionary<NetKind, ProxyEndpoint> _byNetwork = [];

    /// <summary>The proxy for resolving names through the proxy, or null.</summary>
    public ProxyEndpoint? NameProxy { get; set; }

    /// <summary>Sets the proxy of a network.</summary>
    public void Set(NetKind network, ProxyEndpoint proxy) => _byNetwork[network] = proxy;

    /// <summary>The proxy of a network, or null.</summary>
    public ProxyEndpoint? Get(NetKind network) => _byNetwork.TryGetValue(network, out var proxy) ? proxy : null;

    /// <summary>True if <paramref name="address"/> is one of our proxies (we do not advertise it as our own address to peers).</summary>
    public bool IsProxy(NetAddress address) => _byNetwork.Values.Any(p => p.Service.Address.Equals(address));
}
