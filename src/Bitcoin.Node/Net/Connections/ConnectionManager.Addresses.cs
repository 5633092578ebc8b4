using System.Net.NetworkInformation;
using Bitcoin.Common.Logging;
using Bitcoin.Node.Net.Addresses;

namespace Bitcoin.Node.Net.Connections;

// Addresses we hand out: getaddr answers (cached per network for about a day so they cannot be scraped), our own
// address for a peer, and our interface addresses (-discover).
public sealed partial class ConnectionManager
{
    private readonly Lock _addrCacheLock = new();
    private readonly Dictionary<ulong, (IReadOnlyList<PeerAddress> Addresses, long ExpiresMicros)> _addrResponseCache = [];

    /// <summary>Random good addresses from the address manager minus banned and discouraged ones (Core's GetAddressesUnsafe).</summary>
    public IReadOnlyList<PeerAddress> GetAddressesUnsafe(int maxAddresses, int maxPercent, NetKind? network, bool filtered = true)
    {
        var addresses = AddrMan.GetAddresses(maxAddresses, maxPercent, network, filtered);
        if (_banMan is null)
            return addresses;
        return addresses.Where(a => !_banMan.IsDiscouraged(a.Address) && !_banMan.IsBanned(a.Address)).ToList();
    }

    /// <summary>The getaddr answer for <paramref name="requestor"/>: the same list for 21 to 27 hours per network key.</summary>
    public IReadOnlyList<PeerAddress> GetAddresses(PeerConnection requestor, int maxAddresses, int maxPercent)
    {
        ArgumentNullException.ThrowIfNull(requestor);
        long now = NetTime.NowMicros();
        lock (_addrCacheLock)
        {
            if (_addrResponseCache.TryGetValue(requestor.NetworkKey, out var cached) && cached.ExpiresMicros >= now)
                return cached.Addresses;
            var addresses = GetAddressesUnsafe(maxAddresses, maxPercent, network: null);
            long expires = now + (21L * 3600 * 1_000_000) + Random.Shared.NextInt64(6L * 3600 * 1_000_000);
            _addrResponseCache[requestor.NetworkKey] = (addresses, expires);
            return addresses;
        }
    }

    /// <summary>
    /// The address to advertise to <paramref name="node"/> (Core's GetLocalAddrForPeer): our best local address, or
    /// sometimes the one the peer says it sees; null when nothing routable is known.
    /// </summary>
    public ServiceAddress? GetLocalAddressForPeer(PeerConnection node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var local = LocalAddresses.GetBest(node) ?? new ServiceAddress(NetAddress.None, _options.ListenPort);
        var seen = node.AddrLocal;
        bool seenGood = LocalAddresses.Discover && node.Address.Address.IsRoutable && seen is not null && seen.IsRoutable &&
                        Reachable.Contains(seen.Address);
        if (seenGood && (!local.IsRoutable || Random.Shared.Next(LocalAddresses.Score(local.Address) > LocalAddresses.ScoreManual ? 8 : 2) == 0))
        {
            // Inbound peers see our listening port; for outbound ones only the address is meaningful.
            local = node.IsInbound ? seen! : new ServiceAddress(seen!.Address, local.Port);
        }

        if (local.IsRoutable)
        {
            Log.Debug(LogCategory.Net, $"Advertising address {local} to peer={node.Id}");
            return local;
        }

        return null;
    }

    /// <summary>Learns this host's interface addresses (Core's Discover), when -discover.</summary>
    public void DiscoverLocalAddresses()
    {
        if (!LocalAddresses.Discover)
            return;
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up)
                    continue;
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    var address = NetAddress.FromIPAddress(unicast.Address);
                    if (LocalAddresses.Add(new ServiceAddress(address, _options.ListenPort), LocalAddresses.ScoreInterface) && Log.LogIps)
                        Log.Info($"Discover: {address}");
                }
            }
        }
        catch (NetworkInformationException e)
        {
            Log.Debug(LogCategory.Net, $"Could not list network interfaces: {e.Message}");
        }
    }
}
