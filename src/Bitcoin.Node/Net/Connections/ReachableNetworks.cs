using Bitcoin.Node.Net.Addresses;

namespace Bitcoin.Node.Net.Connections;

/// <summary>
/// The networks we can make outbound connections to (Core's g_reachable_nets): all by default, narrowed by
/// -onlynet, without onion/I2P/CJDNS when no proxy or -cjdnsreachable makes them reachable. Thread-safe.
/// </summary>
public sealed class ReachableNetworks
{
    private readonly Lock _lock = new();
    private readonly HashSet<NetKind> _reachable = [NetKind.IPv4, NetKind.IPv6, NetKind.Onion, NetKind.I2P, NetKind.Cjdns, NetKind.Internal];

    /// <summary>Makes a network reachable.</summary>
    public void Add(NetKind network)
    {
        lock (_lock)
            _reachable.Add(network);
    }

    /// <summary>Makes a network unreachable.</summary>
    public void Remove(NetKind network)
    {
        lock (_lock)
            _reachable.Remove(network);
    }

    /// <summary>Makes every network unreachable (before -onlynet adds its own).</summary>
    public void RemoveAll()
    {
        lock (_lock)
            _reachable.Clear();
    }

    /// <summary>True if the network is reachable.</summary>
    public bool Contains(NetKind network)
    {
        lock (_lock)
            return _reachable.Contains(network);
    }

    /// <summary>True if the address's network (unroutable addresses never are) is reachable.</summary>
    public bool Contains(NetAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Contains(address.GetNetwork());
    }

    /// <summary>The reachable networks.</summary>
    public IReadOnlyCollection<NetKind> All()
    {
        lock (_lock)
            return [.. _reachable];
    }
}
