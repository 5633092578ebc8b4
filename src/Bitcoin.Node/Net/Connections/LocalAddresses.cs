using Bitcoin.Common.Logging;
using Bitcoin.Node.Net.Addresses;

namespace Bitcoin.Node.Net.Connections;

/// <summary>
/// Our own addresses as we and our peers see them (Core's mapLocalHost with AddLocal, SeenLocal, GetLocal), used
/// to advertise ourselves and shown by getnetworkinfo's "localaddresses". Thread-safe.
/// </summary>
public sealed class LocalAddresses(ReachableNetworks reachable)
{
    /// <summary>Score of interface addresses.</summary>
    public const int ScoreInterface = 1;

    /// <summary>Score of addresses we bind to.</summary>
    public const int ScoreBind = 2;

    /// <summary>Score of addresses mapped by NAT-PMP/PCP.</summary>
    public const int ScoreMapped = 3;

    /// <summary>Score of -externalip addresses.</summary>
    public const int ScoreManual = 4;

    private readonly Lock _lock = new();
    private readonly SortedDictionary<NetAddress, (ushort Port, int Score)> _addresses = new();

    /// <summary>Whether interface addresses may be learned (-discover).</summary>
    public bool Discover { get; set; } = true;

    /// <summary>Whether we listen (without it nothing is advertised).</summary>
    public bool Listen { get; set; } = true;

    /// <summary>Learns a local address (Core's AddLocal); false if it is not routable, not wanted, or unreachable.</summary>
    public bool Add(ServiceAddress address, int score, bool addEvenIfUnreachable = false)
    {
        ArgumentNullException.ThrowIfNull(address);
        var net = address.Address.MaybeFlipToCjdns(reachable.Contains(NetKind.Cjdns));
        if (!net.IsRoutable)
            return false;
        if (!Discover && score < ScoreManual)
            return false;
        if (!reachable.Contains(net) && !addEvenIfUnreachable)
            return false;
        if (Log.LogIps)
            Log.Info($"AddLocal({new ServiceAddress(net, address.Port)},{score})");
        lock (_lock)
        {
            if (!_addresses.TryGetValue(net, out var info))
                _addresses[net] = (address.Port, score);
            else if (score >= info.Score)
                _addresses[net] = (address.Port, score == int.MaxValue ? score : score + 1);
        }

        return true;
    }

    /// <summary>Forgets a local address.</summary>
    public void Remove(ServiceAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Log.LogIps)
            Log.Info($"RemoveLocal({address})");
        lock (_lock)
            _addresses.Remove(address.Address);
    }

    /// <summary>A peer confirmed it sees us at this address (Core's SeenLocal); false if it is not one of ours.</summary>
    public bool Seen(ServiceAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
        {
            if (!_addresses.TryGetValue(address.Address, out var info))
                return false;
            _addresses[address.Address] = (info.Port, info.Score == int.MaxValue ? info.Score : info.Score + 1);
            return true;
        }
    }

    /// <summary>True if the address is one of ours.</summary>
    public bool IsLocal(NetAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
            return _addresses.ContainsKey(address);
    }

    /// <summary>Our addresses with ports and scores (getnetworkinfo).</summary>
    public IReadOnlyList<(NetAddress Address, ushort Port, int Score)> Snapshot()
    {
        lock (_lock)
            return _addresses.Select(p => (p.Key, p.Value.Port, p.Value.Score)).ToList();
    }

    /// <summary>The best of our addresses to give <paramref name="peer"/> (Core's GetLocal), or null.</summary>
    public ServiceAddress? GetBest(PeerConnection peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (!Listen)
            return null;
        ServiceAddress? best = null;
        int bestScore = -1, bestReachability = -1;
        lock (_lock)
        {
            foreach (var (address, (port, score)) in _addresses)
            {
                // Never mix a privacy network address with another network.
                if (address.GetNetwork() != peer.ConnectedThroughNetwork && (address.IsPrivacyNet || peer.IsConnectedThroughPrivacyNet))
                    continue;
                int reachability = address.GetReachabilityFrom(peer.Address.Address);
                if (reachability > bestReachability || (reachability == bestReachability && score > bestScore))
                {
                    best = new ServiceAddress(address, port);
                    bestReachability = reachability;
                    bestScore = score;
                }
            }
        }

        return best;
    }

    /// <summary>The score of one of our addresses, 0 if unknown.</summary>
    public int Score(NetAddress address)
    {
        lock (_lock)
            return _addresses.TryGetValue(address, out var info) ? info.Score : 0;
    }
}
