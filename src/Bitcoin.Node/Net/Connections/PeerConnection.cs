using Bitcoin.Common.Logging;
using Bitcoin.Node.Net.Addresses;
using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Connections;

/// <summary>
/// One connection to a peer (Core's CNode): who it is, how it was made, its permissions and statistics, the queue of
/// received messages waiting for the message handler and the queue of messages waiting to be sent. Created and
/// owned by <see cref="ConnectionManager"/>; net processing reads and sets its flags.
/// </summary>
public sealed partial class PeerConnection
{
    private readonly Lock _statsLock = new();
    private readonly Dictionary<string, long> _recvBytesPerType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _sendBytesPerType = new(StringComparer.Ordinal);
    private string _cleanSubVersion = "";
    private ServiceAddress? _addrLocal;
    private volatile bool _disconnect;
    private long _lastSendMicros;
    private long _lastRecvMicros;
    private long _lastBlockTime;
    private long _lastTxTime;
    private long _lastPingMicros;
    private long _minPingMicros = long.MaxValue;
    private long _bytesSent;
    private long _bytesRecv;
    private int _version;
    private int _commonVersion = ProtocolVersion.Initial;
    private int _refCount;

    internal PeerConnection(PeerConnectionInfo info)
    {
        Id = info.Id;
        Address = info.Address;
        BindAddress = info.BindAddress;
        AddrName = info.Destination.Length > 0 ? info.Destination : info.Address.Service.ToStringAddrPort();
        Destination = info.Destination;
        ConnectionType = info.ConnectionType;
        InboundOnion = info.InboundOnion;
        Permissions = info.Permissions;
        LocalNonce = info.LocalNonce;
        KeyedNetGroup = info.KeyedNetGroup;
        NetworkKey = info.NetworkKey;
        PreferEvict = info.PreferEvict;
        ConnectedMicros = NetTime.NowMicros();
        foreach (var type in NetMessageType.All)
            _recvBytesPerType[type] = 0;
        _recvBytesPerType[NetMessageType.Other] = 0;
        if (Log.LogIps)
            Log.Debug(LogCategory.Net, $"Added connection to {AddrName} peer={Id}");
        else
            Log.Debug(LogCategory.Net, $"Added connection peer={Id}");
    }

    /// <summary>The node id (getpeerinfo "id").</summary>
    public long Id { get; }

    /// <summary>The peer's address (for outbound peers with the services addrman knew).</summary>
    public PeerAddress Address { get; }

    /// <summary>Our end of the connection.</summary>
    public ServiceAddress BindAddress { get; }

    /// <summary>The name we connected to, or the address (getpeerinfo "addr").</summary>
    public string AddrName { get; }

    /// <summary>The name given to -addnode/-connect/addnode, empty for connections by address.</summary>
    public string Destination { get; }

    /// <summary>Why the connection exists.</summary>
    public ConnectionType ConnectionType { get; }

    /// <summary>True for an inbound connection through a Tor onion bind.</summary>
    public bool InboundOnion { get; }

    /// <summary>Permissions granted by -whitebind/-whitelist.</summary>
    public NetPermissionFlags Permissions { get; }

    /// <summary>The nonce in our version message, to detect connecting to ourselves.</summary>
    public ulong LocalNonce { get; }

    /// <summary>A keyed hash of the peer's network group (eviction).</summary>
    public ulong KeyedNetGroup { get; }

    /// <summary>A keyed hash of the network and our local address (shared transaction-announcement timers).</summary>
    public ulong NetworkKey { get; }

    /// <summary>True if the address was discouraged when it connected: evicted first.</summary>
    public bool PreferEvict { get; }

    /// <summary>When the connection was made, microseconds on the node's clock.</summary>
    public long ConnectedMicros { get; }

    /// <summary>True once disconnection was requested (Core's fDisconnect).</summary>
    public bool IsDisconnectRequested => _disconnect;

    /// <summary>True once the version handshake completed (verack received).</summary>
    public volatile bool SuccessfullyConnected;

    /// <summary>The peer's relay flag or a loaded bloom filter: it wants transactions.</summary>
    public volatile bool RelaysTxs;

    /// <summary>A BIP37 filter is loaded.</summary>
    public volatile bool BloomFilterLoaded;

    /// <summary>The peer offers every service we want from it.</summary>
    public volatile bool HasAllWantedServices;

    /// <summary>We selected the peer as a BIP152 high-bandwidth peer.</summary>
    public volatile bool Bip152HighBandwidthTo;

    /// <summary>The peer selected us as a BIP152 high-bandwidth peer.</summary>
    public volatile bool Bip152HighBandwidthFrom;

    /// <summary>The version the peer announced (0 before its version message).</summary>
    public int Version
    {
        get => Volatile.Read(ref _version);
        set => Volatile.Write(ref _version, value);
    }

    /// <summary>The lower of the peer's and our version (209 before the handshake).</summary>
    public int CommonVersion
    {
        get => Volatile.Read(ref _commonVersion);
        set => Volatile.Write(ref _commonVersion, value);
    }

    /// <summary>The version we announce.</summary>
    public int AdvertisedVersion => ProtocolVersion.Current;

    /// <summary>The peer's sanitized user agent.</summary>
    public string CleanSubVersion
    {
        get
        {
            lock (_statsLock)
                return _cleanSubVersion;
        }

        set
        {
            lock (_statsLock)
                _cleanSubVersion = value;
        }
    }

    /// <summary>Our address as the peer sees it (from its version message), or null.</summary>
    public ServiceAddress? AddrLocal
    {
        get
        {
            lock (_statsLock)
                return _addrLocal;
        }
    }

    /// <summary>Last message sent, microseconds (0 if none).</summary>
    public long LastSendMicros => Interlocked.Read(ref _lastSendMicros);

    /// <summary>Last bytes received, microseconds (0 if none).</summary>
    public long LastRecvMicros => Interlocked.Read(ref _lastRecvMicros);

    /// <summary>When the peer last gave us a new block, seconds (0 if never).</summary>
    public long LastBlockTime
    {
        get => Interlocked.Read(ref _lastBlockTime);
        set => Interlocked.Exchange(ref _lastBlockTime, value);
    }

    /// <summary>When the peer last gave us a new mempool transaction, seconds (0 if never).</summary>
    public long LastTxTime
    {
        get => Interlocked.Read(ref _lastTxTime);
        set => Interlocked.Exchange(ref _lastTxTime, value);
    }

    /// <summary>Last ping round trip, microseconds (0 if none).</summary>
    public long LastPingMicros => Interlocked.Read(ref _lastPingMicros);

    /// <summary>Lowest ping round trip, microseconds (<see cref="long.MaxValue"/> if none).</summary>
    public long MinPingMicros => Interlocked.Read(ref _minPingMicros);

    /// <summary>Total bytes sent.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Total bytes received.</summary>
    public long BytesRecv => Interlocked.Read(ref _bytesRecv);

    /// <summary>Initiated by the peer.</summary>
    public bool IsInbound => ConnectionType == ConnectionType.Inbound;

    /// <summary>Outbound full-relay or block-relay-only.</summary>
    public bool IsOutboundOrBlockRelay => ConnectionType is ConnectionType.OutboundFullRelay or ConnectionType.BlockRelay;

    /// <summary>Outbound full-relay.</summary>
    public bool IsFullOutbound => ConnectionType == ConnectionType.OutboundFullRelay;

    /// <summary>Manual (-addnode, -connect, addnode).</summary>
    public bool IsManual => ConnectionType == ConnectionType.Manual;

    /// <summary>Manual or outbound full-relay.</summary>
    public bool IsManualOrFullOutbound => ConnectionType is ConnectionType.Manual or ConnectionType.OutboundFullRelay;

    /// <summary>Block-relay-only.</summary>
    public bool IsBlockOnly => ConnectionType == ConnectionType.BlockRelay;

    /// <summary>Feeler.</summary>
    public bool IsFeeler => ConnectionType == ConnectionType.Feeler;

    /// <summary>Address fetch.</summary>
    public bool IsAddrFetch => ConnectionType == ConnectionType.AddrFetch;

    /// <summary>Private broadcast.</summary>
    public bool IsPrivateBroadcast => ConnectionType == ConnectionType.PrivateBroadcast;

    /// <summary>Connections where the peer must offer our desirable services (Core's ExpectServicesFromConn).</summary>
    public bool ExpectServicesFromConnection => ConnectionType is ConnectionType.OutboundFullRelay or ConnectionType.BlockRelay or ConnectionType.AddrFetch;

    /// <summary>The network the connection goes through (onion for onion binds).</summary>
    public NetKind ConnectedThroughNetwork => InboundOnion ? NetKind.Onion : Address.Address.GetNetClass();

    /// <summary>True when connected over Tor or I2P.</summary>
    public bool IsConnectedThroughPrivacyNet => InboundOnion || Address.Address.IsPrivacyNet;

    /// <summary>True if the peer has <paramref name="flag"/>.</summary>
    public bool HasPermission(NetPermissionFlags flag) => NetPermissions.Has(Permissions, flag);

    /// <summary>"peer=N" (with the address when -logips), for log lines.</summary>
    public string LogPeer() => Log.LogIps ? $"peer={Id}, peeraddr={Address.Service.ToStringAddrPort()}" : $"peer={Id}";

    /// <summary>"disconnecting peer=N", for log lines.</summary>
    public string DisconnectMessage() => "disconnecting " + LogPeer();

    /// <summary>Requests disconnection (Core's fDisconnect = true); the connection manager closes it soon after.</summary>
    public void RequestDisconnect()
    {
        _disconnect = true;
        _manager?.SignalHousekeeping();
    }

    /// <summary>Records our address as the peer reports it (once).</summary>
    public void SetAddrLocal(ServiceAddress address)
    {
        lock (_statsLock)
            _addrLocal ??= address;
    }

    /// <summary>Records a completed ping round trip.</summary>
    public void PongReceived(long pingMicros)
    {
        Interlocked.Exchange(ref _lastPingMicros, pingMicros);
        long min;
        do
        {
            min = Interlocked.Read(ref _minPingMicros);
            if (pingMicros >= min)
                return;
        }
        while (Interlocked.CompareExchange(ref _minPingMicros, pingMicros, min) != min);
    }

    /// <summary>A copy of the per-message-type counters (sent, received), non-zero entries only.</summary>
    public (IReadOnlyDictionary<string, long> Sent, IReadOnlyDictionary<string, long> Received) ByteCountsPerType()
    {
        lock (_statsLock)
        {
            return (new SortedDictionary<string, long>(_sendBytesPerType.Where(p => p.Value > 0).ToDictionary(), StringComparer.Ordinal),
                    new SortedDictionary<string, long>(_recvBytesPerType.Where(p => p.Value > 0).ToDictionary(), StringComparer.Ordinal));
        }
    }

    internal void AddRef() => Interlocked.Increment(ref _refCount);

    internal void Release() => Interlocked.Decrement(ref _refCount);

    internal int RefCount => Volatile.Read(ref _refCount);

    private void AccountReceived(string? type, int rawSize)
    {
        lock (_statsLock)
        {
            var key = type is not null && _recvBytesPerType.ContainsKey(type) ? type : NetMessageType.Other;
            _recvBytesPerType[key] += rawSize;
        }
    }

    private void AccountSent(string type, int bytes)
    {
        lock (_statsLock)
        {
            _sendBytesPerType.TryGetValue(type, out var total);
            _sendBytesPerType[type] = total + bytes;
        }
    }
}
