using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Net.Addresses;
using Bitcoin.Node.Net.Bans;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Protocol.Messages;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

/// <summary>
/// Net processing (Core's PeerManagerImpl): the version handshake, headers-first block sync with parallel block
/// download and stall detection, block announcements by headers, inv and compact blocks, serving blocks and headers,
/// address relay, transaction relay and the punishment of misbehaving peers. The connection manager's message
/// handler thread calls <see cref="ProcessMessages"/> and <see cref="SendMessages"/>; the chainstate calls the
/// validation events. Block-sync state is guarded by the chainstate lock, as Core guards it with cs_main.
/// </summary>
public sealed partial class PeerManager : INetEventsHandler, IValidationInterface, Mempool.ITxBroadcaster
{
    private const int MaxBlocksInTransitPerPeer = 16;
    private const int MaxCmpctBlocksInFlightPerBlock = 3;
    private const ulong CmpctBlocksVersion = 2;
    private const int MaxLocatorSize = 101;
    private const int MaxInvSize = 50000;
    private const int MaxGetDataSize = 1000;
    private const int BlockDownloadWindow = 1024;
    private const int MaxBlocksToAnnounce = 8;
    private const int NodeNetworkLimitedMinBlocks = 288;
    private const int NodeNetworkLimitedAllowConnBlocks = 144;
    private const int MaxCmpctBlockDepth = 5;
    private const int MaxBlockTxnDepth = 10;
    private const int MaxOutboundPeersToProtectFromDisconnect = 4;
    private const long StaleRelayAgeLimit = 30L * 24 * 60 * 60;
    private const long HistoricalBlockAge = 7L * 24 * 60 * 60;
    private const long HeadersDownloadTimeoutBaseMicros = 15L * 60 * 1_000_000;
    private const long HeadersDownloadTimeoutPerHeaderMicros = 1000;
    private const long HeadersResponseTimeMicros = 2L * 60 * 1_000_000;
    private const long ChainSyncTimeoutSeconds = 20 * 60;
    private const long StaleCheckIntervalSeconds = 10 * 60;
    private const long MinimumConnectTimeMicros = 30L * 1_000_000;
    private const long PingIntervalMicros = 2L * 60 * 1_000_000;
    private const long TimeoutIntervalMicros = 20L * 60 * 1_000_000;
    private const long BlockStallingTimeoutDefaultMicros = 2L * 1_000_000;
    private const long BlockStallingTimeoutMaxMicros = 64L * 1_000_000;
    private const double BlockDownloadTimeoutBase = 1;
    private const double BlockDownloadTimeoutPerPeer = 0.5;
    private const int MaxSubVersionLength = 256;
    private const int MaxFeatureIdLength = 80;
    private const int MaxFeatureDataLength = 512;

    private readonly ConnectionManager _connman;
    private readonly AddrMan _addrman;
    private readonly BanMan? _banman;
    private readonly ChainstateManager _chainman;
    private readonly TxMemPool? _mempool;
    private readonly ChainParams _chainParams;
    private readonly ConsensusFactory _factory;
    private readonly PeerManagerOptions _options;
    private readonly TimeOffsets _outboundTimeOffsets;
    private readonly Lock _peersLock = new();
    private readonly Dictionary<long, Peer> _peers = [];

    // Guarded by _chainman.Lock (Core's cs_main).
    private readonly Dictionary<long, NodeState> _nodeStates = [];
    private readonly Dictionary<uint256, List<(long PeerId, LinkedListNode<QueuedBlock> Node)>> _blocksInFlight = [];
    private readonly Dictionary<uint256, (long PeerId, bool PunishIfInvalid)> _blockSource = [];
    private readonly LinkedList<long> _nodesAnnouncingHeaderAndIds = new();
    private int _blocksInFlightCount;
    private int _syncStarted;
    private int _numPreferredDownloadPeers;
    private int _peersDownloadingFrom;
    private int _outboundPeersWithProtectFromDisconnect;
    private long _staleTipCheckTime;
    private bool _initialSyncFinished;
    private int _highestFastAnnounce;

    private int _wtxidRelayPeers;
    private long _blockStallingTimeoutMicros = BlockStallingTimeoutDefaultMicros;
    private long _lastTipUpdateSeconds;
    private int _bestHeight = -1;
    private long _bestBlockTime;
    private uint256 _lastBlockInvTriggeringHeadersSync = uint256.Zero;
    private readonly Dictionary<ulong, long> _nextInvToInbounds = [];

    /// <summary>Creates net processing over the connection manager, address manager, ban manager and chainstate.</summary>
    public PeerManager(ConnectionManager connman, AddrMan addrman, BanMan? banman, ChainstateManager chainman, TxMemPool? mempool,
        PeerManagerOptions options, TimeOffsets timeOffsets, string userAgent)
    {
        ArgumentNullException.ThrowIfNull(connman);
        ArgumentNullException.ThrowIfNull(addrman);
        ArgumentNullException.ThrowIfNull(chainman);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeOffsets);
        ArgumentNullException.ThrowIfNull(userAgent);
        _connman = connman;
        _addrman = addrman;
        _banman = banman;
        _chainman = chainman;
        _mempool = mempool;
        _chainParams = chainman.ChainParams;
        _factory = chainman.ChainParams.Network.Consensus.ConsensusFactory;
        _options = options;
        _outboundTimeOffsets = timeOffsets;
        UserAgent = userAgent;
        _extraTxnForCompact = new (uint256, Transaction)?[Math.Max(0, options.MaxExtraTxs)];
    }

    /// <summary>Our user agent ("subversion").</summary>
    public string UserAgent { get; }

    /// <summary>True in -blocksonly mode.</summary>
    public bool IgnoresIncomingTxs => _options.IgnoreIncomingTxs;

    /// <summary>-txsendrate.</summary>
    public int TxSendRate => _options.TxSendRate;

    /// <summary>The median clock offset of outbound peers, seconds.</summary>
    public long MedianOutboundTimeOffset => _outboundTimeOffsets.Median();

    /// <summary>Records the tip the node starts with (Core's SetBestBlock).</summary>
    public void SetBestBlock(int height, long blockTime)
    {
        Volatile.Write(ref _bestHeight, height);
        Interlocked.Exchange(ref _bestBlockTime, blockTime);
    }

    private Peer? GetPeer(long id)
    {
        lock (_peersLock)
            return _peers.GetValueOrDefault(id);
    }

    private List<Peer> GetAllPeers()
    {
        lock (_peersLock)
            return [.. _peers.Values];
    }

    private NodeState? State(long id) => _nodeStates.GetValueOrDefault(id);

    /// <inheritdoc/>
    public void InitializeNode(PeerConnection node, ServiceFlags ourServices)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_chainman.Lock)
            _nodeStates[node.Id] = new NodeState();
        if (node.HasPermission(NetPermissionFlags.BloomFilter))
            ourServices |= ServiceFlags.Bloom;
        var peer = new Peer(node.Id, ourServices, node.IsInbound);
        lock (_peersLock)
            _peers[node.Id] = peer;
    }

    /// <inheritdoc/>
    public void FinalizeNode(PeerConnection node)
    {
        ArgumentNullException.ThrowIfNull(node);
        long id = node.Id;
        lock (_chainman.Lock)
        {
            Peer? peer;
            lock (_peersLock)
            {
                _peers.Remove(id, out peer);
            }

            if (peer is not null && peer.WtxidRelay)
                Interlocked.Decrement(ref _wtxidRelayPeers);
            if (_nodeStates.TryGetValue(id, out var state))
            {
                if (state.SyncStarted)
                    _syncStarted--;
                foreach (var queued in state.BlocksInFlight)
                {
                    var hash = queued.Index.Hash;
                    if (_blocksInFlight.TryGetValue(hash, out var entries))
                    {
                        int removed = entries.RemoveAll(e => e.PeerId == id);
                        _blocksInFlightCount -= removed;
                        if (entries.Count == 0)
                            _blocksInFlight.Remove(hash);
                    }
                }

                _numPreferredDownloadPeers -= state.PreferredDownload ? 1 : 0;
                _peersDownloadingFrom -= state.BlocksInFlight.Count > 0 ? 1 : 0;
                _outboundPeersWithProtectFromDisconnect -= state.ChainSyncProtect ? 1 : 0;
                _nodeStates.Remove(id);
            }

            TxDownloadDisconnectedPeer(id);
            if (_nodeStates.Count == 0)
            {
                // With the last peer gone every counter must be back to zero.
                System.Diagnostics.Debug.Assert(_blocksInFlight.Count == 0 && _numPreferredDownloadPeers == 0 && _peersDownloadingFrom == 0);
            }
        }

        if (node.SuccessfullyConnected && !node.IsBlockOnly && !node.IsPrivateBroadcast && !node.IsInbound)
            _addrman.Connected(node.Address.Service);
        lock (_headersPresyncLock)
            _headersPresyncStats.Remove(id);
        Log.Debug(LogCategory.Net, $"Cleared nodestate for peer={id}");
    }

    /// <inheritdoc/>
    public bool HasAllDesirableServiceFlags(ServiceFlags services) => (GetDesirableServiceFlags(services) & ~services) == 0;

    /// <summary>The services we want from an outbound peer offering <paramref name="services"/> (Core's GetDesirableServiceFlags).</summary>
    public ServiceFlags GetDesirableServiceFlags(ServiceFlags services)
    {
        if ((services & ServiceFlags.NetworkLimited) != 0 && ApproximateBestBlockDepth() < NodeNetworkLimitedAllowConnBlocks)
            return ServiceFlags.NetworkLimited | ServiceFlags.Witness;
        return ServiceFlags.Network | ServiceFlags.Witness;
    }

    private long ApproximateBestBlockDepth() =>
        (NetTime.NowSeconds() - Interlocked.Read(ref _bestBlockTime)) / _chainParams.Consensus.PowTargetSpacing;

    /// <summary>Statistics of a peer for getpeerinfo; null if it is gone (Core's GetNodeStateStats).</summary>
    public PeerStateStats? GetNodeStateStats(long id)
    {
        int syncHeight, commonHeight;
        List<int> inFlight;
        lock (_chainman.Lock)
        {
            var state = State(id);
            if (state is null)
                return null;
            syncHeight = state.BestKnownBlock?.Height ?? -1;
            commonHeight = state.LastCommonBlock?.Height ?? -1;
            inFlight = state.BlocksInFlight.Select(q => q.Index.Height).ToList();
        }

        var peer = GetPeer(id);
        if (peer is null)
            return null;
        long pingWait = 0;
        if (peer.PingNonceSent != 0 && peer.PingStartMicros > 0)
            pingWait = NetTime.NowMicros() - peer.PingStartMicros;
        bool relayTxs = false;
        long feeFilter = 0;
        int invToSend = 0;
        ulong lastInvSequence = 0;
        if (peer.TxRelay is { } txRelay)
        {
            lock (txRelay.Lock)
            {
                relayTxs = txRelay.RelayTxs;
                invToSend = txRelay.InventoryToSend.Count;
                lastInvSequence = txRelay.LastInvSequence;
            }

            feeFilter = txRelay.FeeFilterReceived;
        }

        long presyncHeight = -1;
        lock (peer.HeadersSyncLock)
        {
            if (peer.HeadersSync is { } sync)
                presyncHeight = sync.PresyncHeight;
        }

        return new PeerStateStats
        {
            SyncHeight = syncHeight,
            CommonHeight = commonHeight,
            HeightsInFlight = inFlight,
            PingWaitMicros = pingWait,
            RelayTxs = relayTxs,
            FeeFilterReceived = feeFilter,
            InvToSend = invToSend,
            LastInvSequence = lastInvSequence,
            AddrProcessed = peer.AddrProcessed,
            AddrRateLimited = peer.AddrRateLimited,
            AddrRelayEnabled = peer.AddrRelayEnabled,
            TheirServices = peer.TheirServices,
            PresyncHeight = presyncHeight,
            TimeOffsetSeconds = peer.TimeOffsetSeconds,
        };
    }

    /// <summary>Asks every peer for a ping on the next pass (the ping RPC).</summary>
    public void SendPings()
    {
        foreach (var peer in GetAllPeers())
            peer.PingQueued = true;
        _connman.WakeMessageHandler();
    }

    private static bool CanServeBlocks(Peer peer) => (peer.TheirServices & (ServiceFlags.Network | ServiceFlags.NetworkLimited)) != 0;

    private static bool IsLimitedPeer(Peer peer) =>
        (peer.TheirServices & ServiceFlags.Network) == 0 && (peer.TheirServices & ServiceFlags.NetworkLimited) != 0;

    private static bool CanServeWitnesses(Peer peer) => (peer.TheirServices & ServiceFlags.Witness) != 0;

    private static uint GetFetchFlags(Peer peer) => CanServeWitnesses(peer) ? InventoryType.WitnessFlag : 0;

    private bool RejectIncomingTxs(PeerConnection node)
    {
        if (node.IsBlockOnly || node.IsFeeler)
            return true;
        return _options.IgnoreIncomingTxs && !node.HasPermission(NetPermissionFlags.Relay);
    }

    private void Push(PeerConnection node, string type, byte[] payload) => _connman.PushMessage(node, type, payload);

    private void Push(PeerConnection node, string type) => _connman.PushMessage(node, type, Payloads.Empty);

    private bool IsSegwitActiveAt(BlockIndex index) => Deployments.IsActiveAt(index, _chainParams.Consensus, BuriedDeployment.Segwit);

    private bool IsSegwitActiveAfter(BlockIndex? previous) => Deployments.IsActiveAfter(previous, _chainParams.Consensus, BuriedDeployment.Segwit);
}
