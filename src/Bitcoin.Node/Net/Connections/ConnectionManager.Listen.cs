using System.Net;
using System.Net.Sockets;
using Bitcoin.Common.Logging;
using Bitcoin.Node.Net.Addresses;
using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Connections;

// Listening and accepting (Core's BindListenPort, AcceptConnection, CreateNodeFromAcceptedSocket, eviction).
public sealed partial class ConnectionManager
{
    private readonly List<Listener> _listeners = [];

    /// <summary>The addresses we listen on.</summary>
    public IReadOnlyList<ServiceAddress> ListeningAddresses => _listeners.Select(l => l.Bound).ToList();

    private bool InitBinds(ConnectionManagerOptions options)
    {
        foreach (var bind in options.Binds)
        {
            if (!Bind(bind, reportError: true, advertise: true, NetPermissionFlags.None))
                return false;
        }

        foreach (var whitebind in options.WhiteBinds)
        {
            if (!Bind(whitebind.Service, reportError: true, advertise: true, whitebind.Flags))
                return false;
        }

        foreach (var onion in options.OnionBinds)
        {
            if (!Bind(onion, reportError: true, advertise: false, NetPermissionFlags.None))
                return false;
        }

        if (options.BindOnAny)
        {
            // IPv6 may be missing on the host; only IPv4 failing is fatal.
            Bind(new ServiceAddress(NetAddress.FromIPAddress(IPAddress.IPv6Any), options.ListenPort), reportError: false, advertise: true, NetPermissionFlags.None);
            if (!Bind(new ServiceAddress(NetAddress.FromIPAddress(IPAddress.Any), options.ListenPort), reportError: true, advertise: true, NetPermissionFlags.None))
                return false;
        }

        return true;
    }

    private bool Bind(ServiceAddress address, bool reportError, bool advertise, NetPermissionFlags permissions)
    {
        var flipped = new ServiceAddress(address.Address.MaybeFlipToCjdns(Reachable.Contains(NetKind.Cjdns)), address.Port);
        if (!BindListenPort(flipped, permissions, out var error))
        {
            if (reportError)
                InitErrors.Add(error);
            return false;
        }

        if (flipped.IsRoutable && LocalAddresses.Discover && advertise && !NetPermissions.Has(permissions, NetPermissionFlags.NoBan))
            LocalAddresses.Add(flipped, LocalAddresses.ScoreBind);
        return true;
    }

    /// <summary>Errors met while binding, in Core's words (shown by start-up as "Error: ...").</summary>
    public List<string> InitErrors { get; } = [];

    private bool BindListenPort(ServiceAddress address, NetPermissionFlags permissions, out string error)
    {
        error = "";
        var endPoint = address.ToEndPoint();
        if (endPoint is null)
        {
            error = $"Bind address family for {address} not supported";
            Log.Error(error);
            return false;
        }

        Socket socket;
        try
        {
            socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException e)
        {
            error = $"Couldn't open socket for incoming connections (socket returned error {e.Message})";
            Log.Error(error);
            return false;
        }

        try
        {
            // Rebinding while old connections sit in TIME_WAIT must work after a restart.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
                socket.DualMode = false;
            socket.Bind(endPoint);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            error = e.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? $"Unable to bind to {address} on this computer. Bitcoin Core is probably already running."
                : $"Unable to bind to {address} on this computer (bind returned error {e.Message})";
            Log.Error(error);
            return false;
        }

        Log.Info($"Bound to {address}");
        try
        {
            socket.Listen((int)SocketOptionName.MaxConnections);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            error = $"Listening for incoming connections failed (listen returned error {e.Message})";
            Log.Error(error);
            return false;
        }

        var bound = socket.LocalEndPoint is IPEndPoint local ? ServiceAddress.FromEndPoint(local) : address;
        _listeners.Add(new Listener(socket, bound, permissions));
        return true;
    }

    internal void AcceptConnection(Socket socket, NetPermissionFlags permissions)
    {
        bool cjdns = Reachable.Contains(NetKind.Cjdns);
        var remote = socket.RemoteEndPoint is IPEndPoint r ? ServiceAddress.FromEndPoint(r) : ServiceAddress.None;
        remote = new ServiceAddress(remote.Address.MaybeFlipToCjdns(cjdns), remote.Port);
        var local = socket.LocalEndPoint is IPEndPoint l ? ServiceAddress.FromEndPoint(l) : ServiceAddress.None;
        local = new ServiceAddress(local.Address.MaybeFlipToCjdns(cjdns), local.Port);
        CreateNodeFromAcceptedSocket(socket, permissions, local, remote);
    }

    private void CreateNodeFromAcceptedSocket(Socket socket, NetPermissionFlags permissions, ServiceAddress bind, ServiceAddress address)
    {
        bool inboundOnion = _options.OnionBinds.Contains(bind);
        // Tor inbound connections hide the peer's address: address-based permissions do not apply.
        permissions = AddWhitelistPermissionFlags(permissions, inboundOnion ? null : address.Address, _options.WhitelistedRangeIncoming);
        int inbound;
        lock (_nodesLock)
            inbound = _nodes.Count(n => n.IsInbound);

        if (!_networkActive)
        {
            Log.Debug(LogCategory.Net, $"connection from {address} dropped: not accepting new connections");
            socket.Dispose();
            return;
        }

        socket.NoDelay = true;
        bool banned = _banMan?.IsBanned(address.Address) ?? false;
        if (!NetPermissions.Has(permissions, NetPermissionFlags.NoBan) && banned)
        {
            Log.Debug(LogCategory.Net, $"connection from {address} dropped (banned)");
            socket.Dispose();
            return;
        }

        bool discouraged = _banMan?.IsDiscouraged(address.Address) ?? false;
        if (!NetPermissions.Has(permissions, NetPermissionFlags.NoBan) && inbound + 1 >= _maxInbound && discouraged)
        {
            Log.Debug(LogCategory.Net, $"connection from {address} dropped (discouraged)");
            socket.Dispose();
            return;
        }

        if (inbound >= _maxInbound && !AttemptToEvictConnection(evictTxRelayPeerOnly: false, protect: null))
        {
            Log.Debug(LogCategory.Net, "failed to find an eviction candidate - connection dropped (full)");
            socket.Dispose();
            return;
        }

        long id = NewNodeId();
        ulong nonce = GetDeterministicRandomizer(RandomizerIdLocalHostNonce).Write((ulong)id).Finalize();
        ulong networkKey = GetDeterministicRandomizer(RandomizerIdNetworkKey)
            .Write((ulong)(inboundOnion ? NetKind.Onion : address.Address.GetNetClass()))
            .Write(bind.Address.GetAddrBytes())
            .Write(bind.Port)
            .Finalize();
        var node = new PeerConnection(new PeerConnectionInfo(
            id, new PeerAddress(address, ServiceFlags.None), bind, "", ConnectionType.Inbound, inboundOnion, permissions,
            nonce, CalculateKeyedNetGroup(address.Address), networkKey, PreferEvict: discouraged));
        // A v2 transport also serves v1 peers (it detects them by their first bytes), so use it whenever we offer v2.
        node.Attach(this, socket, Magic.Span, _options.ReceiveFloodSize, _options.SendBufferMaxSize,
            useV2Transport: (_options.LocalServices & ServiceFlags.P2PV2) != 0);
        _handler!.InitializeNode(node, _options.LocalServices);
        lock (_nodesLock)
            _nodes.Add(node);
        node.StartIo();
        Log.Debug(LogCategory.Net, $"connection from {address} accepted");
    }

    private NetPermissionFlags AddWhitelistPermissionFlags(NetPermissionFlags flags, NetAddress? address, IReadOnlyList<WhitelistPermission> ranges)
    {
        if (address is not null)
        {
            foreach (var range in ranges)
            {
                if (range.Subnet.Match(address))
                    flags |= range.Flags;
            }
        }

        if (NetPermissions.Has(flags, NetPermissionFlags.Implicit))
        {
            flags &= ~NetPermissionFlags.Implicit;
            if (_options.WhitelistForceRelay)
                flags |= NetPermissionFlags.ForceRelay;
            if (_options.WhitelistRelay)
                flags |= NetPermissionFlags.Relay;
            flags |= NetPermissionFlags.Mempool | NetPermissionFlags.NoBan;
        }

        return flags;
    }

    /// <summary>
    /// Picks an inbound peer to drop to make room (Core's AttemptToEvictConnection); false when every candidate is
    /// protected.
    /// </summary>
    public bool AttemptToEvictConnection(bool evictTxRelayPeerOnly, long? protect)
    {
        var candidates = new List<EvictionCandidate>();
        lock (_nodesLock)
        {
            foreach (var node in _nodes)
            {
                if (node.IsDisconnectRequested || node.Id == protect)
                    continue;
                if (evictTxRelayPeerOnly && !node.RelaysTxs)
                    continue;
                candidates.Add(new EvictionCandidate(
                    node.Id, node.ConnectedMicros, node.MinPingMicros, node.LastBlockTime, node.LastTxTime, node.HasAllWantedServices,
                    node.RelaysTxs, node.BloomFilterLoaded, node.KeyedNetGroup, node.PreferEvict, node.Address.Address.IsLocal,
                    node.ConnectedThroughNetwork, node.HasPermission(NetPermissionFlags.NoBan), node.ConnectionType));
            }
        }

        var evict = EvictionSelector.SelectNodeToEvict(candidates);
        if (evict is null)
            return false;
        lock (_nodesLock)
        {
            var node = _nodes.Find(n => n.Id == evict);
            if (node is null)
                return false;
            Log.Debug(LogCategory.Net, $"selected {ConnectionTypes.ToText(node.ConnectionType)} connection for eviction, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return true;
        }
    }
}
