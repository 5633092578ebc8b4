using System.Net.Sockets;
using Bitcoin.Common.Logging;
using Bitcoin.Node.Net.Addresses;
using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Connections;

// Outbound connections: added nodes, -connect, -seednode, DNS seeds and automatic connections (Core's
// ThreadOpenConnections, ThreadOpenAddedConnections, ThreadDNSAddressSeed, OpenNetworkConnection, ConnectNode).
public sealed partial class ConnectionManager
{
    private const int SeedOutboundConnectionThreshold = 2;
    private static readonly TimeSpan FeelerInterval = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ExtraBlockRelayOnlyPeerInterval = TimeSpan.FromMinutes(5);

    private readonly Lock _addedNodesLock = new();
    private readonly List<AddedNodeParams> _addedNodes = [];
    private readonly Lock _addrFetchLock = new();
    private readonly Queue<string> _addrFetches = new();
    private volatile bool _tryAnotherOutboundPeer;
    private volatile bool _startExtraBlockRelayPeers;

    /// <summary>Adds a node to keep connected to; false if it (or the same address) is already added.</summary>
    public bool AddNode(AddedNodeParams added)
    {
        ArgumentNullException.ThrowIfNull(added);
        var resolved = HostResolver.LookupNumeric(added.Node, _options.DefaultPort);
        lock (_addedNodesLock)
        {
            foreach (var existing in _addedNodes)
            {
                if (existing.Node == added.Node ||
                    (resolved.IsValid && resolved.Equals(HostResolver.LookupNumeric(existing.Node, _options.DefaultPort))))
                {
                    return false;
                }
            }

            _addedNodes.Add(added);
        }

        return true;
    }

    /// <summary>Removes an added node by its exact text; false if it was not added.</summary>
    public bool RemoveAddedNode(string node)
    {
        lock (_addedNodesLock)
            return _addedNodes.RemoveAll(a => a.Node == node) > 0;
    }

    /// <summary>The added nodes with their connection state (Core's GetAddedNodeInfo).</summary>
    public IReadOnlyList<AddedNodeInfo> GetAddedNodeInfo(bool includeConnected)
    {
        List<AddedNodeParams> added;
        lock (_addedNodesLock)
            added = [.. _addedNodes];
        var byAddress = new Dictionary<ServiceAddress, bool>();
        var byName = new Dictionary<string, (bool Inbound, ServiceAddress Address)>(StringComparer.Ordinal);
        lock (_nodesLock)
        {
            foreach (var node in _nodes)
            {
                if (node.Address.Service.IsValid)
                    byAddress[node.Address.Service] = node.IsInbound;
                if (node.AddrName.Length > 0)
                    byName[node.AddrName] = (node.IsInbound, node.Address.Service);
            }
        }

        var result = new List<AddedNodeInfo>();
        foreach (var item in added)
        {
            var service = HostResolver.LookupNumeric(item.Node, _options.DefaultPort);
            service = new ServiceAddress(service.Address.MaybeFlipToCjdns(Reachable.Contains(NetKind.Cjdns)), service.Port);
            var info = new AddedNodeInfo(item, null, false, false);
            if (service.IsValid)
            {
                if (byAddress.TryGetValue(service, out bool inbound))
                {
                    if (!includeConnected)
                        continue;
                    info = info with { ResolvedAddress = service, Connected = true, Inbound = inbound };
                }
            }
            else if (byName.TryGetValue(item.Node, out var connected))
            {
                if (!includeConnected)
                    continue;
                info = info with { ResolvedAddress = connected.Address, Connected = true, Inbound = connected.Inbound };
            }

            result.Add(info);
        }

        return result;
    }

    private bool AddedNodesContain(PeerAddress address)
    {
        var addressText = address.Address.ToStringAddr();
        var addressPortText = address.Service.ToStringAddrPort();
        lock (_addedNodesLock)
            return _addedNodes.Count < 24 && _addedNodes.Any(a => a.Node == addressText || a.Node == addressPortText);
    }

    /// <summary>Queues a short-lived connection to ask <paramref name="destination"/> for addresses.</summary>
    public void AddAddrFetch(string destination)
    {
        lock (_addrFetchLock)
            _addrFetches.Enqueue(destination);
    }

    /// <summary>Whether to try one extra outbound peer because the tip looks stale.</summary>
    public bool TryNewOutboundPeer
    {
        get => _tryAnotherOutboundPeer;
        set
        {
            _tryAnotherOutboundPeer = value;
            Log.Debug(LogCategory.Net, $"setting try another outbound peer={(value ? "true" : "false")}");
        }
    }

    /// <summary>Allows the periodic extra block-relay-only connections (after the initial sync).</summary>
    public void StartExtraBlockRelayPeers()
    {
        Log.Debug(LogCategory.Net, "enabling extra block-relay-only peers");
        _startExtraBlockRelayPeers = true;
    }

    /// <summary>True when automatic outbound connections come from the address manager.</summary>
    public bool UseAddrmanOutgoing => _options.UseAddrmanOutgoing;

    /// <summary>
    /// Opens a test-only outbound connection of a given type (Core's AddConnection, the addconnection RPC); false
    /// when the limit for that type or for automatic outbound connections is reached.
    /// </summary>
    public bool AddConnection(string address, ConnectionType type, bool useV2Transport)
    {
        int? max = type switch
        {
            ConnectionType.OutboundFullRelay => _maxOutboundFullRelay,
            ConnectionType.BlockRelay => _maxOutboundBlockRelay,
            ConnectionType.AddrFetch or ConnectionType.Feeler => null,
            _ => -1,
        };
        if (max == -1)
            return false;
        int existing;
        lock (_nodesLock)
            existing = _nodes.Count(n => n.ConnectionType == type);
        if (max is not null && existing >= max)
            return false;
        if (_outboundSlots is null || !_outboundSlots.Wait(0))
            return false;
        var grant = new SlotGrant(_outboundSlots);
        if (!OpenNetworkConnection(null, countFailure: false, grant, address, type, useV2Transport))
            grant.Dispose();
        return true;
    }

    /// <summary>
    /// Connects to an address (<paramref name="destination"/> null) or a name, unless it is local, banned,
    /// discouraged or already connected; on success the peer joins the node list holding <paramref name="grant"/>.
    /// </summary>
    public bool OpenNetworkConnection(PeerAddress? address, bool countFailure, IDisposable? grant, string? destination,
        ConnectionType type, bool useV2Transport)
    {
        if (_interrupt.IsCancellationRequested || !_networkActive)
            return false;
        if (destination is null)
        {
            if (address is null)
                return false;
            bool bannedOrDiscouraged = _banMan is not null && (_banMan.IsDiscouraged(address.Address) || _banMan.IsBanned(address.Address));
            if (LocalAddresses.IsLocal(address.Address) || bannedOrDiscouraged || AlreadyConnectedToAddress(address.Address))
                return false;
        }
        else if (AlreadyConnectedToHost(destination))
        {
            return false;
        }

        var node = ConnectNode(address, destination, countFailure, type, useV2Transport);
        if (node is null)
            return false;
        node.Grant = grant as SlotGrant;
        _handler!.InitializeNode(node, _options.LocalServices);
        lock (_nodesLock)
        {
            _nodes.Add(node);
            if (node.IsManualOrFullOutbound)
            {
                var network = node.Address.Address.GetNetwork();
                _networkConnectionCounts[network] = _networkConnectionCounts.GetValueOrDefault(network) + 1;
            }
        }

        node.StartIo();
        WakeMessageHandler();
        return true;
    }

    private bool AlreadyConnectedToHost(string host)
    {
        lock (_nodesLock)
            return _nodes.Any(n => n.AddrName == host);
    }

    private bool AlreadyConnectedToAddressPort(ServiceAddress address)
    {
        lock (_nodesLock)
            return _nodes.Any(n => n.Address.Service.Equals(address));
    }

    private bool AlreadyConnectedToAddress(NetAddress address)
    {
        lock (_nodesLock)
            return _nodes.Any(n => n.Address.Address.Equals(address));
    }

    private PeerConnection? ConnectNode(PeerAddress? address, string? destination, bool countFailure, ConnectionType type, bool useV2Transport)
    {
        if (destination is null && address is not null)
        {
            if (LocalAddresses.IsLocal(address.Address))
                return null;
            if (AlreadyConnectedToAddressPort(address.Service))
            {
                Log.Info($"Failed to open new connection to {address.Service}, already connected");
                return null;
            }
        }

        double hours = destination is not null || address is null ? 0 : (NetTime.NowSeconds() - address.Time) / 3600.0;
        Log.Debug(LogCategory.Net, $"trying {(useV2Transport ? "v2" : "v1")} connection ({ConnectionTypes.ToText(type)}) to {destination ?? address!.Service.ToStringAddrPort()}, lastseen={hours:F1}hrs");

        var targets = new List<PeerAddress>();
        if (destination is not null)
        {
            bool cjdns = Reachable.Contains(NetKind.Cjdns);
            var resolved = HostResolver.Lookup(destination, _options.DefaultPort, _options.NameLookup && _options.Proxies.NameProxy is null, 256)
                .OrderBy(_ => Random.Shared.Next()).ToList();
            foreach (var service in resolved)
            {
                var flipped = new ServiceAddress(service.Address.MaybeFlipToCjdns(cjdns), service.Port);
                if (!flipped.IsValid)
                {
                    Log.Debug(LogCategory.Net, $"Resolver returned invalid address {flipped} for {destination}");
                    return null;
                }

                if (AlreadyConnectedToAddressPort(flipped))
                {
                    Log.Info($"Not opening a connection to {destination}, already connected to {flipped}");
                    return null;
                }

                targets.Add(new PeerAddress(flipped, ServiceFlags.None));
            }
        }
        else if (address is not null)
        {
            targets.Add(address);
        }

        foreach (var target in targets)
        {
            var proxy = _options.Proxies.Get(target.Address.GetNetwork());
            Socket? socket;
            bool proxyFailed = false;
            if (proxy is not null)
            {
                Log.Debug(LogCategory.Proxy, $"Using proxy: {proxy} to connect to {target.Service}");
                socket = Socks5Client.Connect(proxy, target.Address.ToStringAddr(), target.Port, _options.ConnectTimeoutMilliseconds, _interrupt.Token, out proxyFailed);
            }
            else
            {
                socket = ConnectDirectly(target.Service, type == ConnectionType.Manual);
            }

            if (!proxyFailed)
                AddrMan.Attempt(target.Service, countFailure);
            if (socket is null)
                continue;

            var permissions = AddWhitelistPermissionFlags(NetPermissionFlags.None, target.Address,
                type == ConnectionType.Manual ? _options.WhitelistedRangeOutgoing : []);
            long id = NewNodeId();
            ulong nonce = GetDeterministicRandomizer(RandomizerIdLocalHostNonce).Write((ulong)id).Finalize();
            var bind = socket.LocalEndPoint is System.Net.IPEndPoint local ? ServiceAddress.FromEndPoint(local) : ServiceAddress.None;
            ulong networkKey = GetDeterministicRandomizer(RandomizerIdNetworkKey)
                .Write((ulong)target.Address.GetNetClass())
                .Write(bind.Address.GetAddrBytes())
                .Write(0)
                .Finalize();
            var node = new PeerConnection(new PeerConnectionInfo(
                id, target, bind, destination ?? "", type, false, permissions, nonce,
                CalculateKeyedNetGroup(target.Address), networkKey, PreferEvict: false));
            node.Attach(this, socket, Magic.Span, _options.ReceiveFloodSize, _options.SendBufferMaxSize, useV2Transport);
            return node;
        }

        return null;
    }

    private Socket? ConnectDirectly(ServiceAddress destination, bool manual)
    {
        var endPoint = destination.ToEndPoint();
        if (endPoint is null)
        {
            Log.Info($"Cannot get sockaddr for {destination}: unsupported network");
            return null;
        }

        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_interrupt.Token);
        timeout.CancelAfter(_options.ConnectTimeoutMilliseconds);
        try
        {
            socket.ConnectAsync(endPoint, timeout.Token).AsTask().GetAwaiter().GetResult();
            return socket;
        }
        catch (OperationCanceledException)
        {
            socket.Dispose();
            if (!_interrupt.IsCancellationRequested)
                Log.Debug(LogCategory.Net, $"connection attempt to {destination} timed out");
            return null;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            var message = $"connect() to {destination} failed: {e.Message} ({(int)e.SocketErrorCode})";
            if (manual)
                Log.Info(message);
            else
                Log.Debug(LogCategory.Net, message);
            return null;
        }
    }

    private bool SleepFor(TimeSpan duration) => !_interrupt.Token.WaitHandle.WaitOne(duration);

    private void ProcessAddrFetch()
    {
        string? destination;
        lock (_addrFetchLock)
        {
            if (!_addrFetches.TryDequeue(out destination))
                return;
        }

        if (_outboundSlots!.Wait(0))
        {
            var grant = new SlotGrant(_outboundSlots);
            // Try v2 when we offer it; a peer that turns out to speak only v1 is retried with v1.
            if (!OpenNetworkConnection(null, countFailure: false, grant, destination, ConnectionType.AddrFetch, OffersV2Transport))
                grant.Dispose();
        }
    }

    private void OpenAddedConnectionsThread()
    {
        while (!_interrupt.IsCancellationRequested)
        {
            _addnodeSlots!.Wait(_interrupt.Token);
            var grant = new SlotGrant(_addnodeSlots);
            bool tried = false;
            foreach (var info in GetAddedNodeInfo(includeConnected: false))
            {
                if (grant is null)
                    break;
                tried = true;
                if (!OpenNetworkConnection(null, countFailure: false, grant, info.Params.Node, ConnectionType.Manual, info.Params.UseV2Transport))
                    grant.Dispose();
                if (!SleepFor(TimeSpan.FromMilliseconds(500)))
                    return;
                grant = _addnodeSlots.Wait(0) ? new SlotGrant(_addnodeSlots) : null;
            }

            grant?.Dispose();
            PerformReconnections();
            // Retry every 60 seconds after an attempt, else every two seconds (addnode RPC wakes us sooner).
            if (!SleepFor(tried ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(2)))
                return;
        }
    }

    private void OpenConnectionsThread(IReadOnlyList<string> connect, IReadOnlyList<string> seedNodes)
    {
        if (connect.Count > 0)
        {
            for (long loop = 0; ; loop++)
            {
                foreach (var destination in connect)
                {
                    OpenNetworkConnection(new PeerAddress(ServiceAddress.None, ServiceFlags.None), countFailure: false, null, destination,
                        ConnectionType.Manual, OffersV2Transport);
                    for (int i = 0; i < 10 && i < loop; i++)
                    {
                        if (!SleepFor(TimeSpan.FromMilliseconds(500)))
                            return;
                    }
                }

                if (!SleepFor(TimeSpan.FromMilliseconds(500)))
                    return;
                PerformReconnections();
            }
        }

        long start = NetTime.NowMicros();
        long nextFeeler = start + RandomExponentialMicros(FeelerInterval);
        long nextExtraBlockRelay = start + RandomExponentialMicros(ExtraBlockRelayOnlyPeerInterval);
        bool addFixedSeeds = _options.FixedSeeds;
        var remainingSeedNodes = new Stack<string>(seedNodes);
        long seedNodeTimer = NetTime.NowMicros();
        bool addAddrFetch = AddrMan.Size() == 0 && remainingSeedNodes.Count > 0;
        if (!addFixedSeeds)
            Log.Info("Fixed seeds are disabled");

        while (!_interrupt.IsCancellationRequested)
        {
            if (addAddrFetch)
            {
                addAddrFetch = false;
                var seed = remainingSeedNodes.Pop();
                AddAddrFetch(seed);
                if (AddrMan.Size() == 0)
                    Log.Info($"Empty addrman, adding seednode ({seed}) to addrfetch");
                else
                    Log.Info($"Couldn't connect to peers from addrman after 10 seconds. Adding seednode ({seed}) to addrfetch");
            }

            ProcessAddrFetch();
            if (!SleepFor(TimeSpan.FromMilliseconds(500)))
                return;
            PerformReconnections();
            _outboundSlots!.Wait(_interrupt.Token);
            var grant = new SlotGrant(_outboundSlots);
            try
            {
                if (addFixedSeeds && NetTime.NowMicros() > start + 60_000_000 && GetReachableEmptyNetworks().Count > 0)
                {
                    // This node carries no fixed seed list; with DNS seeds and -seednode it has the other sources Core uses first.
                    Log.Info("Adding fixed seeds as 60 seconds have passed and addrman is empty for at least one reachable network");
                    Log.Info("Added 0 fixed seeds from reachable networks.");
                    addFixedSeeds = false;
                }

                if (!TryOneAutomaticConnection(ref grant, ref nextFeeler, ref nextExtraBlockRelay, remainingSeedNodes, ref seedNodeTimer, ref addAddrFetch))
                    continue;
            }
            finally
            {
                grant?.Dispose();
            }
        }
    }

    private HashSet<NetKind> GetReachableEmptyNetworks()
    {
        var empty = new HashSet<NetKind>();
        foreach (var network in NetKinds.Public)
        {
            if (Reachable.Contains(network) && AddrMan.Size(network) == 0)
                empty.Add(network);
        }

        return empty;
    }

    // One round of Core's automatic outbound loop; true when a connection was attempted.
    private bool TryOneAutomaticConnection(ref SlotGrant? grant, ref long nextFeeler, ref long nextExtraBlockRelay,
        Stack<string> seedNodes, ref long seedNodeTimer, ref bool addAddrFetch)
    {
        int outboundFullRelay = 0, outboundBlockRelay = 0;
        var netGroups = new HashSet<string>(StringComparer.Ordinal);
        lock (_nodesLock)
        {
            foreach (var node in _nodes)
            {
                if (node.IsFullOutbound) outboundFullRelay++;
                if (node.IsBlockOnly) outboundBlockRelay++;
                if (node.ConnectionType is ConnectionType.Manual or ConnectionType.OutboundFullRelay or ConnectionType.BlockRelay &&
                    !(node.Address.Address.IsTor || node.Address.Address.IsI2P || node.Address.Address.IsCjdns))
                {
                    netGroups.Add(Convert.ToHexString(NetGroup.GetGroup(node.Address.Address)));
                }
            }
        }

        if (seedNodes.Count > 0 && outboundFullRelay < SeedOutboundConnectionThreshold && NetTime.NowMicros() > seedNodeTimer + 10_000_000)
        {
            seedNodeTimer = NetTime.NowMicros();
            addAddrFetch = true;
        }

        var type = ConnectionType.OutboundFullRelay;
        long now = NetTime.NowMicros();
        bool feeler = false;
        if (outboundFullRelay < _maxOutboundFullRelay)
        {
            // full relay
        }
        else if (outboundBlockRelay < _maxOutboundBlockRelay)
        {
            type = ConnectionType.BlockRelay;
        }
        else if (TryNewOutboundPeer)
        {
            // one extra full relay
        }
        else if (now > nextExtraBlockRelay && _startExtraBlockRelayPeers)
        {
            nextExtraBlockRelay = now + RandomExponentialMicros(ExtraBlockRelayOnlyPeerInterval);
            type = ConnectionType.BlockRelay;
        }
        else if (now > nextFeeler)
        {
            nextFeeler = now + RandomExponentialMicros(FeelerInterval);
            type = ConnectionType.Feeler;
            feeler = true;
        }
        else
        {
            return false;
        }

        AddrMan.ResolveCollisions();
        long currentTime = NetTime.NowSeconds();
        var reachable = Reachable.All();
        PeerAddress? chosen = null;
        for (int tries = 1; tries <= 100 && !_interrupt.IsCancellationRequested; tries++)
        {
            (PeerAddress Address, long LastTry)? selected;
            if (feeler)
            {
                selected = AddrMan.SelectTriedCollision();
                if (selected is null)
                {
                    selected = AddrMan.Select(newOnly: true, reachable);
                }
                else if (AlreadyConnectedToAddress(selected.Value.Address.Address))
                {
                    AddrMan.Good(selected.Value.Address.Service);
                    selected = AddrMan.Select(newOnly: true, reachable);
                }
            }
            else
            {
                selected = AddrMan.Select(newOnly: false, reachable);
            }

            if (selected is null)
                break;
            var (address, lastTry) = selected.Value;
            if (!feeler && netGroups.Contains(Convert.ToHexString(NetGroup.GetGroup(address.Address))))
                continue;
            if (!address.Address.IsValid || LocalAddresses.IsLocal(address.Address))
                break;
            if (!Reachable.Contains(address.Address))
                continue;
            if (currentTime - lastTry < 600 && tries < 30)
                continue;
            if (!feeler && !_handler!.HasAllDesirableServiceFlags(address.Services))
                continue;
            if (feeler && !ServiceFlagNames.MayHaveUsefulAddressDb(address.Services))
                continue;
            if (tries < 50 && (address.Address.IsIPv4 || address.Address.IsIPv6) && BadPorts.IsBad(address.Port))
                continue;
            if (AddedNodesContain(address))
            {
                Log.Debug(LogCategory.Net, $"Not making automatic {ConnectionTypes.ToText(type)} connection to {NetKinds.Name(address.Address.GetNetwork())} peer selected for manual (addnode) connection{(Log.LogIps ? ": " + address.Service : "")}");
                continue;
            }

            chosen = address;
            break;
        }

        if (chosen is null)
            return false;
        if (feeler)
        {
            if (!SleepFor(TimeSpan.FromMilliseconds(Random.Shared.Next(5000))))
                return false;
            Log.Debug(LogCategory.Net, $"Making feeler connection to {chosen.Service}");
        }

        bool countFailures = netGroups.Count >= Math.Min(_options.MaxAutomaticConnections - 1, 2);
        // v2 only to peers that advertise it; v1 peers that do not are spared the failed attempt.
        bool useV2 = (chosen.Services & _options.LocalServices & ServiceFlags.P2PV2) != 0;
        if (OpenNetworkConnection(chosen, countFailures, grant, null, type, useV2))
            grant = null;
        return true;
    }

    private static long RandomExponentialMicros(TimeSpan average) =>
        (long)(-Math.Log(1.0 - Random.Shared.NextDouble()) * average.TotalMicroseconds);

    private void DnsSeedThread()
    {
        int outboundCount = 0;
        if (_options.SeedNodes.Count > 0)
        {
            var seedStart = NetTime.NowSeconds();
            Log.Info("-seednode enabled. Trying the provided seeds for 30 seconds before defaulting to the dnsseeds.");
            while (!_interrupt.IsCancellationRequested)
            {
                if (!SleepFor(TimeSpan.FromMilliseconds(500)))
                    return;
                if (NetTime.NowSeconds() > seedStart + 30)
                {
                    Log.Info("Couldn't connect to enough peers via seed nodes. Handing fetch logic to the DNS seeds.");
                    break;
                }

                outboundCount = GetFullOutboundConnectionCount();
                if (outboundCount >= SeedOutboundConnectionThreshold)
                {
                    Log.Info("P2P peers available. Finished fetching data from seed nodes.");
                    break;
                }
            }
        }

        var seeds = _options.DnsSeeds.OrderBy(_ => Random.Shared.Next()).ToList();
        int seedsRightNow = 0;
        if (_options.ForceDnsSeed || AddrMan.Size() == 0)
            seedsRightNow = seeds.Count;
        if (outboundCount >= SeedOutboundConnectionThreshold && seedsRightNow == 0)
        {
            Log.Info("Skipping DNS seeds. Enough peers have been found");
            return;
        }

        int found = 0;
        var waitTime = AddrMan.Size() >= 1000 ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(11);
        foreach (var seed in seeds)
        {
            if (seedsRightNow == 0)
            {
                seedsRightNow += 3;
                if (AddrMan.Size() > 0)
                {
                    Log.Info($"Waiting {(int)waitTime.TotalSeconds} seconds before querying DNS seeds.");
                    var toWait = waitTime;
                    while (toWait > TimeSpan.Zero)
                    {
                        var step = toWait < TimeSpan.FromSeconds(11) ? toWait : TimeSpan.FromSeconds(11);
                        if (!SleepFor(step))
                            return;
                        toWait -= step;
                        if (GetFullOutboundConnectionCount() >= SeedOutboundConnectionThreshold)
                        {
                            Log.Info(found > 0 ? $"{found} addresses found from DNS seeds" : "P2P peers available. Skipped DNS seeding.");
                            if (found > 0)
                                Log.Info("P2P peers available. Finished DNS seeding.");
                            return;
                        }
                    }
                }
            }

            if (_interrupt.IsCancellationRequested)
                return;
            if (!_networkActive)
            {
                Log.Info("Waiting for network to be reactivated before querying DNS seeds.");
                do
                {
                    if (!SleepFor(TimeSpan.FromSeconds(1)))
                        return;
                }
                while (!_networkActive);
            }

            Log.Info($"Loading addresses from DNS seed {seed}");
            if (_options.Proxies.NameProxy is not null)
            {
                AddAddrFetch(seed);
            }
            else
            {
                var host = $"x{(ulong)(ServiceFlags.Network | ServiceFlags.Witness):x}.{seed}";
                var source = NetAddress.CreateInternal(host);
                if (source is null)
                    continue;
                var addresses = HostResolver.LookupHosts(host, allowLookup: true, maxResults: 32);
                if (addresses.Count > 0)
                {
                    long now = NetTime.NowSeconds();
                    var add = addresses.Select(ip => new PeerAddress(new ServiceAddress(ip, _options.DefaultPort),
                        ServiceFlags.Network | ServiceFlags.Witness | ServiceFlags.P2PV2,
                        now - (3 * 24 * 3600) - Random.Shared.NextInt64(4 * 24 * 3600))).ToList();
                    found += add.Count;
                    AddrMan.Add(add, source);
                }
                else
                {
                    AddAddrFetch(seed);
                }
            }

            seedsRightNow--;
        }

        Log.Info($"{found} addresses found from DNS seeds");
    }
}
