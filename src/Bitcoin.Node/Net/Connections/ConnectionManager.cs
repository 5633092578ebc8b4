using System.Security.Cryptography;
using Bitcoin.Common.Logging;
using Bitcoin.Node.Net.Addresses;
using Bitcoin.Node.Net.Bans;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Util;

namespace Bitcoin.Node.Net.Connections;

/// <summary>
/// The connection manager (Core's CConnman): listens, opens outbound connections (-connect, -addnode, -seednode,
/// automatic ones from the address manager), keeps the list of peers, runs the message handler thread that feeds
/// net processing, enforces limits, evicts inbound peers, disconnects inactive ones, and counts bandwidth.
/// </summary>
public sealed partial class ConnectionManager : IDisposable
{
    private const int MaxOutboundFullRelayConnections = 8;
    private const int MaxBlockRelayOnlyConnections = 2;
    private const int MaxFeelerConnections = 1;
    private const int MaxAddnodeConnections = 8;

    private const ulong RandomizerIdNetGroup = 0x6c0edd8036ef4036UL;
    private const ulong RandomizerIdLocalHostNonce = 0xd93e69e2bbfa5735UL;
    private const ulong RandomizerIdNetworkKey = 0x0e8a2b136c592a7dUL;

    private readonly Lock _nodesLock = new();
    private readonly List<PeerConnection> _nodes = [];
    private readonly List<PeerConnection> _disconnected = [];
    private readonly ulong _seed0;
    private readonly ulong _seed1;
    private readonly CancellationTokenSource _interrupt = new();
    private readonly AutoResetEvent _housekeepingSignal = new(false);
    private readonly object _messageHandlerLock = new();
    private readonly Dictionary<NetKind, int> _networkConnectionCounts = [];
    private ConnectionManagerOptions _options = new();
    private INetEventsHandler? _handler;
    private BanMan? _banMan;
    private long _lastNodeId = -1;
    private volatile bool _networkActive;
    private bool _messageHandlerWake;
    private bool _started;
    private bool _stopped;
    private SemaphoreSlim? _outboundSlots;
    private SemaphoreSlim? _addnodeSlots;
    private int _maxOutboundFullRelay;
    private int _maxOutboundBlockRelay;
    private int _maxAutomaticOutbound;
    private int _maxInbound;
    private int _maxInboundFullRelay;
    private readonly List<Thread> _threads = [];

    /// <summary>Creates the manager around the address manager, without starting anything.</summary>
    public ConnectionManager(AddrMan addrMan, ReadOnlyMemory<byte> magic, ReachableNetworks reachable, bool networkActive = true)
    {
        ArgumentNullException.ThrowIfNull(addrMan);
        ArgumentNullException.ThrowIfNull(reachable);
        AddrMan = addrMan;
        Magic = magic;
        Reachable = reachable;
        LocalAddresses = new LocalAddresses(reachable);
        var seeds = RandomNumberGenerator.GetBytes(16);
        _seed0 = BitConverter.ToUInt64(seeds, 0);
        _seed1 = BitConverter.ToUInt64(seeds, 8);
        _networkActive = networkActive;
    }

    /// <summary>The address manager.</summary>
    public AddrMan AddrMan { get; }

    /// <summary>The network magic (message start).</summary>
    public ReadOnlyMemory<byte> Magic { get; }

    /// <summary>The networks we may connect to.</summary>
    public ReachableNetworks Reachable { get; }

    /// <summary>Our own addresses.</summary>
    public LocalAddresses LocalAddresses { get; }

    /// <summary>The options given to <see cref="Start"/>.</summary>
    public ConnectionManagerOptions Options => _options;

    /// <summary>The services we offer (getnetworkinfo "localservices").</summary>
    public ServiceFlags LocalServices => _options.LocalServices;

    /// <summary>True when we offer BIP324 (NODE_P2P_V2): outbound connections try v2 first and inbound ones accept it.</summary>
    public bool OffersV2Transport => (_options.LocalServices & ServiceFlags.P2PV2) != 0;

    /// <summary>True while P2P networking is enabled (setnetworkactive).</summary>
    public bool NetworkActive => _networkActive;

    /// <summary>Largest number of inbound connections.</summary>
    public int MaxInbound => _maxInbound;

    /// <summary>Raised with the new number of connections when it changes.</summary>
    public event Action<int>? ConnectionCountChanged;

    /// <summary>Raised when networking is switched on or off.</summary>
    public event Action<bool>? NetworkActiveChanged;

    /// <summary>Enables or disables networking (Core's SetNetworkActive): disabling disconnects everyone.</summary>
    public void SetNetworkActive(bool active)
    {
        Log.Info($"SetNetworkActive: {(active ? "true" : "false")}");
        if (_networkActive == active)
            return;
        _networkActive = active;
        SignalHousekeeping();
        NetworkActiveChanged?.Invoke(active);
    }

    /// <summary>
    /// Starts listening and the threads (Core's CConnman::Start). Returns false after logging Core's message when no
    /// listening socket could be bound or the options conflict.
    /// </summary>
    public bool Start(ConnectionManagerOptions options, INetEventsHandler handler, BanMan? banMan, out string error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        error = "";
        _options = options;
        _handler = handler;
        _banMan = banMan;
        _maxOutboundFullRelay = Math.Min(MaxOutboundFullRelayConnections, options.MaxAutomaticConnections);
        _maxOutboundBlockRelay = Math.Min(MaxBlockRelayOnlyConnections, options.MaxAutomaticConnections - _maxOutboundFullRelay);
        _maxAutomaticOutbound = _maxOutboundFullRelay + _maxOutboundBlockRelay + MaxFeelerConnections;
        _maxInbound = Math.Max(0, options.MaxAutomaticConnections - _maxAutomaticOutbound);
        _maxInboundFullRelay = Math.Max(0, (int)(options.FullRelayInboundPercent / 100.0 * _maxInbound));
        LocalAddresses.Listen = options.Listen;
        lock (_addedNodesLock)
        {
            foreach (var added in options.AddedNodes)
                _addedNodes.Add(new AddedNodeParams(added, UseV2Transport: OffersV2Transport));
        }

        if (options.Listen && !InitBinds(options))
        {
            error = "Failed to listen on any port. Use -listen=0 if you want this.";
            return false;
        }

        if (options.UseAddrmanOutgoing && options.SpecifiedOutgoing.Count > 0)
        {
            error = "Cannot provide specific connections and have addrman find outgoing connections at the same time.";
            return false;
        }

        _outboundSlots = new SemaphoreSlim(Math.Max(0, Math.Min(_maxAutomaticOutbound, options.MaxAutomaticConnections)));
        _addnodeSlots = new SemaphoreSlim(MaxAddnodeConnections);
        _started = true;

        StartThread("net", HousekeepingThread);
        if (!options.DnsSeed)
            Log.Info("DNS seeding disabled");
        else
            StartThread("dnsseed", DnsSeedThread);
        StartThread("addcon", OpenAddedConnectionsThread);
        if (options.UseAddrmanOutgoing || options.SpecifiedOutgoing.Count > 0)
        {
            var seedNodes = options.SeedNodes.OrderBy(_ => Random.Shared.Next()).ToList();
            StartThread("opencon", () => OpenConnectionsThread(options.SpecifiedOutgoing, seedNodes));
        }

        StartThread("msghand", MessageHandlerThread);
        foreach (var listener in _listeners)
            listener.StartAccepting(this);
        return true;
    }

    private void StartThread(string name, Action body)
    {
        var thread = ThreadNames.StartThread(name, () =>
        {
            try
            {
                body();
            }
            catch (OperationCanceledException) when (_interrupt.IsCancellationRequested)
            {
                // Shutting down.
            }
        });
        _threads.Add(thread);
    }

    /// <summary>First half of shutdown (Core's Interrupt): wakes and stops every thread's loop.</summary>
    public void Interrupt()
    {
        lock (_messageHandlerLock)
        {
            _interrupt.Cancel();
            Monitor.PulseAll(_messageHandlerLock);
        }

        _housekeepingSignal.Set();
    }

    /// <summary>Second half of shutdown (Core's Stop): joins the threads, writes peers.dat, closes every connection.</summary>
    public void Stop(Action? dumpAddresses = null)
    {
        if (_stopped)
            return;
        _stopped = true;
        Interrupt();
        foreach (var listener in _listeners)
            listener.Dispose();
        foreach (var thread in _threads)
            thread.Join();
        _threads.Clear();
        if (_started)
            dumpAddresses?.Invoke();

        List<PeerConnection> nodes;
        lock (_nodesLock)
        {
            nodes = [.. _nodes];
            _nodes.Clear();
        }

        foreach (var node in nodes)
        {
            Log.Debug(LogCategory.Net, $"Stopping node, {node.DisconnectMessage()}");
            node.CloseSocketDisconnect();
            DeleteNode(node);
        }

        foreach (var node in _disconnected)
            DeleteNode(node);
        _disconnected.Clear();
        DropQueuedReconnections();
        _listeners.Clear();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Stop();
        _interrupt.Dispose();
        _housekeepingSignal.Dispose();
        _outboundSlots?.Dispose();
        _addnodeSlots?.Dispose();
    }

    /// <summary>A keyed hash seeded from this manager's secret (Core's GetDeterministicRandomizer).</summary>
    public SipHasher GetDeterministicRandomizer(ulong id) => new SipHasher(_seed0, _seed1).Write(id);

    private ulong CalculateKeyedNetGroup(NetAddress address) =>
        GetDeterministicRandomizer(RandomizerIdNetGroup).Write(NetGroup.GetGroup(address)).Finalize();

    private long NewNodeId() => Interlocked.Increment(ref _lastNodeId);

    /// <summary>Wakes the message handler (new messages arrived, or there is something to send).</summary>
    public void WakeMessageHandler()
    {
        lock (_messageHandlerLock)
        {
            _messageHandlerWake = true;
            Monitor.Pulse(_messageHandlerLock);
        }
    }

    internal void SignalHousekeeping()
    {
        try
        {
            _housekeepingSignal.Set();
        }
        catch (ObjectDisposedException)
        {
            // Shut down already.
        }
    }

    /// <summary>Sends a message to a peer (Core's PushMessage).</summary>
    public void PushMessage(PeerConnection node, string type, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(payload);
        Log.Debug(LogCategory.Net, $"sending {type} ({payload.Length} bytes) peer={node.Id}");
        if (node.SocketClosed)
            return;
        node.Enqueue(new OutgoingMessage(type, payload));
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the fully connected peer <paramref name="id"/> (Core's ForNode); false when
    /// there is no such peer or it has not finished the handshake.
    /// </summary>
    public bool ForNode(long id, Func<PeerConnection, bool> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        PeerConnection? found;
        lock (_nodesLock)
            found = _nodes.Find(n => n.Id == id);
        return found is { SuccessfullyConnected: true, IsDisconnectRequested: false } && action(found);
    }

    /// <summary>Runs <paramref name="action"/> on every fully connected peer (Core's ForEachNode).</summary>
    public void ForEachNode(Action<PeerConnection> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var node in Snapshot())
        {
            if (node.SuccessfullyConnected && !node.IsDisconnectRequested)
                action(node);
        }
    }

    /// <summary>A copy of the current peer list.</summary>
    public IReadOnlyList<PeerConnection> Snapshot()
    {
        lock (_nodesLock)
            return [.. _nodes];
    }

    /// <summary>Number of connections in a direction.</summary>
    public int GetNodeCount(ConnectionDirection direction)
    {
        lock (_nodesLock)
        {
            if (direction == ConnectionDirection.Both)
                return _nodes.Count;
            return _nodes.Count(n => (direction & (n.IsInbound ? ConnectionDirection.In : ConnectionDirection.Out)) != 0);
        }
    }

    /// <summary>Disconnects the peer whose name is <paramref name="name"/> (Core's DisconnectNode by address string).</summary>
    public bool DisconnectNode(string name)
    {
        lock (_nodesLock)
        {
            var node = _nodes.Find(n => n.AddrName == name);
            if (node is null)
                return false;
            Log.Debug(LogCategory.Net, $"disconnect by address{(Log.LogIps ? "=" + name : "")} match, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return true;
        }
    }

    /// <summary>Disconnects every peer in the range; true if any.</summary>
    public bool DisconnectNode(SubNet subnet)
    {
        ArgumentNullException.ThrowIfNull(subnet);
        bool any = false;
        lock (_nodesLock)
        {
            foreach (var node in _nodes.Where(n => subnet.Match(n.Address.Address)))
            {
                Log.Debug(LogCategory.Net, $"disconnect by subnet{(Log.LogIps ? "=" + subnet : "")} match, {node.DisconnectMessage()}");
                node.RequestDisconnect();
                any = true;
            }
        }

        return any;
    }

    /// <summary>Disconnects every peer at the address; true if any.</summary>
    public bool DisconnectNode(NetAddress address) => DisconnectNode(SubNet.Single(address));

    /// <summary>Disconnects the peer with the id; false if there is none.</summary>
    public bool DisconnectNode(long id)
    {
        lock (_nodesLock)
        {
            var node = _nodes.Find(n => n.Id == id);
            if (node is null)
                return false;
            Log.Debug(LogCategory.Net, $"disconnect by id, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return true;
        }
    }

    /// <summary>False if <paramref name="nonce"/> is the nonce of one of our outbound handshakes in progress (we connected to ourselves).</summary>
    public bool CheckIncomingNonce(ulong nonce)
    {
        lock (_nodesLock)
        {
            return !_nodes.Any(n => !n.SuccessfullyConnected && !n.IsInbound && !n.IsPrivateBroadcast && n.LocalNonce == nonce);
        }
    }

    /// <summary>Number of outbound full-relay peers beyond the target (Core's GetExtraFullOutboundCount).</summary>
    public int GetExtraFullOutboundCount()
    {
        lock (_nodesLock)
            return Math.Max(_nodes.Count(n => n.SuccessfullyConnected && !n.IsDisconnectRequested && n.IsFullOutbound) - _maxOutboundFullRelay, 0);
    }

    /// <summary>Number of block-relay-only peers beyond the target.</summary>
    public int GetExtraBlockRelayCount()
    {
        lock (_nodesLock)
            return Math.Max(_nodes.Count(n => n.SuccessfullyConnected && !n.IsDisconnectRequested && n.IsBlockOnly) - _maxOutboundBlockRelay, 0);
    }

    /// <summary>Number of completed outbound full-relay connections.</summary>
    public int GetFullOutboundConnectionCount()
    {
        lock (_nodesLock)
            return _nodes.Count(n => n.SuccessfullyConnected && n.IsFullOutbound);
    }

    /// <summary>True if more than one manual or full outbound peer uses <paramref name="network"/>.</summary>
    public bool MultipleManualOrFullOutboundConnections(NetKind network)
    {
        lock (_nodesLock)
            return _networkConnectionCounts.TryGetValue(network, out var count) && count > 1;
    }

    /// <summary>
    /// If more inbound peers than allowed relay transactions, evicts one (never <paramref name="protect"/>); false
    /// when none could be chosen (Core's EvictTxPeerIfFull).
    /// </summary>
    public bool EvictTxPeerIfFull(long? protect)
    {
        int txInbound;
        lock (_nodesLock)
            txInbound = _nodes.Count(n => !n.IsDisconnectRequested && n.IsInbound && n.RelaysTxs);
        return txInbound <= _maxInboundFullRelay || AttemptToEvictConnection(evictTxRelayPeerOnly: true, protect);
    }

    private void DeleteNode(PeerConnection node)
    {
        _handler?.FinalizeNode(node);
    }
}
