using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.FeeEstimation;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Policy;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Protocol.Messages;
using Bitcoin.Node.Net.TxDownload;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

// Transaction relay (Core's inv/tx/notfound/mempool/feefilter handling, ProcessOrphanTx, the inventory buckets of
// InitiateTxBroadcastToAll and the trickled announcements of SendMessages): transactions are requested by wtxid from
// peers that relay by wtxid, validated into the mempool, and announced to every peer after a random delay, at most
// -txsendrate per second to inbound peers.
public sealed partial class PeerManager
{
    private const long InboundInventoryBroadcastIntervalMicros = 5_000_000;
    private const long OutboundInventoryBroadcastIntervalMicros = 2_000_000;
    private const double OutboundInventoryBucketMultiplier = 5.0 / 2.0;
    private const long InventoryBucketCheckDelayMicros = 100_000;
    private const int InventoryBucketBacklogHeartbeatMin = 100;
    private const long InventoryBucketBacklogHeartbeatMicros = 2_000_000;
    private const long AvgFeeFilterBroadcastIntervalMicros = 10L * 60 * 1_000_000;
    private const long MaxFeeFilterChangeDelayMicros = 5L * 60 * 1_000_000;
    private const int MaxStandardTxWeightForExtra = 100_000;

    private readonly Lock _txDownloadLock = new();
    private TxDownloadManager? _txDownload;
    private readonly Lock _invToSendLock = new();
    private InvToSendBucket? _inboundInvBucket;
    private InvToSendBucket? _outboundInvBucket;
    private long _nextInvBucketCheckMicros = long.MinValue;
    private long? _nextInvBucketHeartbeatMicros;
    private FeeFilterRounder? _feeFilterRounder;
    private long? _maxFeeFilter;

    private TxDownloadManager TxDownloads => _txDownload ??= new TxDownloadManager(_mempool);

    private InvToSendBucket InboundInvBucket => _inboundInvBucket ??= new InvToSendBucket(_options.TxSendRate, 1.0);

    private InvToSendBucket OutboundInvBucket => _outboundInvBucket ??= new InvToSendBucket(_options.TxSendRate, OutboundInventoryBucketMultiplier);

    private FeeFilterRounder Rounder => _feeFilterRounder ??= new FeeFilterRounder(_mempool?.Options.IncrementalRelayFeeRate.FeePerKvB ?? _options.MinRelayFeePerKvB);

    /// <summary>Number of orphan transactions kept.</summary>
    public int OrphanCount
    {
        get
        {
            lock (_txDownloadLock)
                return TxDownloads.OrphanCount;
        }
    }

    /// <summary>The orphan transactions with the peers that announced them (Core's GetOrphanTransactions, for getorphantxs).</summary>
    public List<(Transaction Tx, IReadOnlySet<long> Announcers)> GetOrphanTransactions()
    {
        lock (_txDownloadLock)
            return TxDownloads.GetOrphanTransactions();
    }

    /// <summary>The state of the inbound and outbound announcement buckets (getnetworkinfo's inv_buckets).</summary>
    public (InvBucketInfo Inbound, InvBucketInfo Outbound) GetInvBucketInfo()
    {
        lock (_invToSendLock)
            return (InboundInvBucket.Info(), OutboundInvBucket.Info());
    }

    /// <summary>
    /// Queues the announcement of a mempool transaction to every peer (Core's InitiateTxBroadcastToAll); the
    /// announcement buckets release it as their rate allows.
    /// </summary>
    public void InitiateTxBroadcastToAll(uint256 wtxid)
    {
        ArgumentNullException.ThrowIfNull(wtxid);
        lock (_invToSendLock)
        {
            InboundInvBucket.Backlog.Add(wtxid);
            OutboundInvBucket.Backlog.Add(wtxid);
        }

        ProcessInvBacklog(NetTime.NowMicros(), backlogBumped: true);
    }

    /// <summary>Same as <see cref="InitiateTxBroadcastToAll(uint256)"/>, for callers that know both ids.</summary>
    public void InitiateTxBroadcastToAll(uint256 txid, uint256 wtxid) => InitiateTxBroadcastToAll(wtxid);

    /// <summary>
    /// Announces again every transaction of the mempool's unbroadcast set (Core's ReattemptInitialBroadcast); the
    /// caller schedules it every 10 to 15 minutes.
    /// </summary>
    public void ReattemptInitialBroadcast()
    {
        if (_mempool is null)
            return;
        foreach (var txid in _mempool.GetUnbroadcastTxs())
        {
            var tx = _mempool.Get(txid);
            if (tx is not null)
                InitiateTxBroadcastToAll(tx.GetWitHash());
            else
                _mempool.RemoveUnbroadcastTx(txid, unchecked_: true);
        }
    }

    private void ProcessInvBacklog(long nowMicros, bool backlogBumped = false)
    {
        if (!backlogBumped && nowMicros <= Interlocked.Read(ref _nextInvBucketCheckMicros))
            return;
        Interlocked.Exchange(ref _nextInvBucketCheckMicros, nowMicros + InventoryBucketCheckDelayMicros);
        List<uint256> forInbound = [];
        List<uint256> forOutbound = [];
        lock (_invToSendLock)
        {
            var inbound = InboundInvBucket;
            var outbound = OutboundInvBucket;
            inbound.Increment(nowMicros);
            outbound.Increment(nowMicros);
            if (_nextInvBucketHeartbeatMicros is null &&
                (inbound.Backlog.Count >= InventoryBucketBacklogHeartbeatMin || outbound.Backlog.Count >= InventoryBucketBacklogHeartbeatMin))
            {
                _nextInvBucketHeartbeatMicros = nowMicros;
            }

            if (_nextInvBucketHeartbeatMicros is { } heartbeat && nowMicros >= heartbeat)
            {
                Log.Debug(LogCategory.Net, $"Transaction rate-limiting backlog inbound={inbound.Backlog.Count} itok={inbound.CountTokens:F1} isz={inbound.SizeTokens:F1} outbound={outbound.Backlog.Count} otok={outbound.CountTokens:F1} osz={outbound.SizeTokens:F1}");
                _nextInvBucketHeartbeatMicros = inbound.Backlog.Count == 0 && outbound.Backlog.Count == 0
                    ? null
                    : nowMicros + InventoryBucketBacklogHeartbeatMicros;
            }

            bool inAvailable = inbound.Available;
            bool outAvailable = outbound.Available;
            if (!inAvailable && !outAvailable)
                return;
            if (inAvailable)
                forInbound = inbound.TakeForProcessing(this);
            if (outAvailable)
                forOutbound = outbound.TakeForProcessing(this);

            if (forInbound.Count == 0 && forOutbound.Count == 0)
                return;
            bool anyInbound = false;
            bool anyOutbound = false;
            foreach (var peer in GetAllPeers())
            {
                var txRelay = peer.TxRelay;
                if (txRelay is null)
                    continue;
                lock (txRelay.Lock)
                {
                    // Only after the handshake: what arrives during it would stand out in the first announcement.
                    if (txRelay.NextInvSendMicros == 0)
                        continue;
                    if (peer.IsInbound)
                        anyInbound = true;
                    else
                        anyOutbound = true;
                    txRelay.InventoryToSend.AddRange(peer.IsInbound ? forInbound : forOutbound);
                }
            }

            if (!anyInbound)
                inbound.Backlog.Clear();
            if (!anyOutbound)
                outbound.Backlog.Clear();
        }
    }

    /// <summary>
    /// The mempool entries of <paramref name="wtxids"/> (without duplicates or transactions no longer in the
    /// mempool), best mining score first with parents before children (Core's ExtractBestByMiningScoreWithTopology).
    /// The first <paramref name="count"/> are returned; the wtxids of the others are left in <paramref name="wtxids"/>.
    /// </summary>
    private List<MempoolEntry> ExtractBestByMiningScore(List<uint256> wtxids, int count)
    {
        var result = new List<MempoolEntry>();
        count = Math.Min(count, wtxids.Count);
        if (count <= 0 || _mempool is null)
        {
            if (_mempool is null)
                wtxids.Clear();
            return result;
        }

        var seen = new HashSet<uint256>();
        var entries = new List<(MempoolEntry Entry, FeeFrac Chunk, int Ancestors)>();
        lock (_mempool.Lock)
        {
            foreach (var wtxid in wtxids)
            {
                if (!seen.Add(wtxid))
                    continue;
                if (_mempool.GetEntryByWtxid(wtxid) is { } entry)
                    entries.Add((entry, _mempool.GetChunkFeeRate(entry), _mempool.GetAncestorCount(entry)));
            }
        }

        wtxids.Clear();
        entries.Sort((a, b) =>
        {
            // Higher chunk fee rate first; within a chunk, fewer ancestors (parents) first.
            int byRate = ((Int128)b.Chunk.Fee * a.Chunk.Size).CompareTo((Int128)a.Chunk.Fee * b.Chunk.Size);
            if (byRate != 0)
                return byRate;
            int byAncestors = a.Ancestors.CompareTo(b.Ancestors);
            return byAncestors != 0 ? byAncestors : a.Entry.Sequence.CompareTo(b.Entry.Sequence);
        });
        for (int i = 0; i < entries.Count; i++)
        {
            if (i < count)
                result.Add(entries[i].Entry);
            else
                wtxids.Add(entries[i].Entry.Wtxid);
        }

        return result;
    }

    // Called from SendMessages with cs_main held: inventory already holds the block announcements.
    private void AddTransactionAnnouncements(PeerConnection node, Peer peer, List<Inventory> inventory, long nowMicros)
    {
        var txRelay = peer.TxRelay;
        if (txRelay is null)
            return;
        lock (txRelay.Lock)
        {
            bool sendTrickle = node.HasPermission(NetPermissionFlags.NoBan);
            if (txRelay.NextInvSendMicros < nowMicros)
            {
                sendTrickle = true;
                txRelay.NextInvSendMicros = node.IsInbound
                    ? NextInvToInbounds(nowMicros, InboundInventoryBroadcastIntervalMicros, node.NetworkKey)
                    : nowMicros + RandomExponential(OutboundInventoryBroadcastIntervalMicros);
            }

            if (sendTrickle && !txRelay.RelayTxs)
                txRelay.InventoryToSend.Clear();

            long filterRate = txRelay.FeeFilterReceived;
            if (sendTrickle && txRelay.SendMempool && _mempool is not null)
            {
                // BIP35: announce the whole mempool once.
                var all = _mempool.EntriesInMiningOrder();
                txRelay.LastInvSequence = _mempool.Sequence;
                txRelay.SendMempool = false;
                txRelay.InventoryToSend.Clear();
                foreach (var entry in all)
                {
                    var item = peer.WtxidRelay ? new Inventory(InventoryType.Wtx, entry.Wtxid) : new Inventory(InventoryType.Tx, entry.Txid);
                    if (entry.Fee < TxFeeRate.FromSatoshisPerKvB(filterRate).GetFee(entry.VirtualSize))
                        continue;
                    if (!PassesBloomFilter(txRelay, entry.Transaction))
                        continue;
                    txRelay.InventoryKnown.Insert(item.Hash.ToBytes());
                    inventory.Add(item);
                    if (inventory.Count == MaxInvSize)
                    {
                        Push(node, NetMessageType.Inv, Payloads.Inventories(inventory));
                        inventory.Clear();
                    }
                }
            }

            if (sendTrickle && txRelay.InventoryToSend.Count > 0 && _mempool is not null)
            {
                var entries = ExtractBestByMiningScore(txRelay.InventoryToSend, txRelay.InventoryToSend.Count);
                var feeFilter = TxFeeRate.FromSatoshisPerKvB(filterRate);
                txRelay.LastInvSequence = _mempool.Sequence;
                foreach (var entry in entries)
                {
                    // Below the peer's fee filter: skipped, but a higher fee rate child may follow.
                    if (entry.Fee < feeFilter.GetFee(entry.VirtualSize))
                        continue;
                    var item = peer.WtxidRelay ? new Inventory(InventoryType.Wtx, entry.Wtxid) : new Inventory(InventoryType.Tx, entry.Txid);
                    var key = item.Hash.ToBytes();
                    if (txRelay.InventoryKnown.Contains(key))
                        continue;
                    if (!PassesBloomFilter(txRelay, entry.Transaction))
                        continue;
                    inventory.Add(item);
                    if (inventory.Count == MaxInvSize)
                    {
                        Push(node, NetMessageType.Inv, Payloads.Inventories(inventory));
                        inventory.Clear();
                    }

                    txRelay.InventoryKnown.Insert(key);
                }
            }
            else if (sendTrickle && _mempool is null)
            {
                txRelay.InventoryToSend.Clear();
            }
        }
    }

    private long NextInvToInbounds(long nowMicros, long averageIntervalMicros, ulong networkKey)
    {
        lock (_nextInvToInbounds)
        {
            long timer = _nextInvToInbounds.GetValueOrDefault(networkKey);
            if (timer < nowMicros)
            {
                timer = nowMicros + RandomExponential(averageIntervalMicros);
                _nextInvToInbounds[networkKey] = timer;
            }

            return timer;
        }
    }

    /// <summary>The transaction a getdata item asks for, if the peer may have it (Core's FindTxForGetData).</summary>
    private Transaction? FindTxForGetData(TxRelayState txRelay, Inventory item)
    {
        if (_mempool is not null)
        {
            ulong lastInvSequence;
            lock (txRelay.Lock)
                lastInvSequence = txRelay.LastInvSequence;
            // Only transactions that were in the mempool at our last announcement to this peer.
            var entry = item.IsWtx ? _mempool.GetEntryByWtxid(item.Hash) : _mempool.GetEntry(item.Hash);
            if (entry is not null && entry.Sequence < lastInvSequence)
                return entry.Transaction;
        }

        lock (_mostRecentBlockLock)
        {
            if (_mostRecentBlockTxs is not null && _mostRecentBlockTxs.TryGetValue(item.Hash, out var tx))
                return tx;
        }

        return null;
    }

    private static void AddKnownTx(Peer peer, uint256 hash)
    {
        var txRelay = peer.TxRelay;
        if (txRelay is null)
            return;
        lock (txRelay.Lock)
            txRelay.InventoryKnown.Insert(hash.ToBytes());
    }

    private static GenTxid ToGenTxid(Inventory item) => new(item.IsWtx, item.Hash);

    private void ProcessInv(Peer peer, PeerConnection node, byte[] payload, CancellationToken interrupt)
    {
        var items = Payloads.ReadInventories(payload);
        if (items.Count > MaxInvSize)
        {
            Misbehaving(peer, $"inv message size = {items.Count}");
            return;
        }

        bool rejectTxInvs = RejectIncomingTxs(node);
        var seenTxids = new HashSet<uint256>();
        var seenWtxids = new HashSet<uint256>();
        lock (_chainman.Lock)
        {
            lock (_txDownloadLock)
            {
                long now = NetTime.NowMicros();
                uint256? bestBlock = null;
                foreach (var item in items)
                {
                    if (interrupt.IsCancellationRequested)
                        return;
                    // Announcements must match the relay mode agreed on with wtxidrelay.
                    if (peer.WtxidRelay ? item.IsTx : item.IsWtx)
                        continue;
                    if (item.IsBlock)
                    {
                        bool alreadyHave = AlreadyHaveBlock(item.Hash);
                        Log.Debug(LogCategory.Net, $"got inv: {item} {(alreadyHave ? "have" : "new")} peer={node.Id}");
                        UpdateBlockAvailability(node.Id, item.Hash);
                        if (!alreadyHave && !_chainman.Blockman.LoadingBlocks && !IsBlockRequested(item.Hash))
                            bestBlock = item.Hash;
                    }
                    else if (item.IsGenTx)
                    {
                        if (rejectTxInvs)
                        {
                            Log.Debug(LogCategory.Net, $"transaction ({item.Hash}) inv sent in violation of protocol, {node.DisconnectMessage()}");
                            node.RequestDisconnect();
                            return;
                        }

                        if (!(item.IsWtx ? seenWtxids : seenTxids).Add(item.Hash))
                            continue;
                        AddKnownTx(peer, item.Hash);
                        if (!_chainman.IsInitialBlockDownload)
                        {
                            bool alreadyHave = TxDownloads.AddTxAnnouncement(node.Id, ToGenTxid(item), now);
                            Log.Debug(LogCategory.Net, $"got inv: {item} {(alreadyHave ? "have" : "new")} peer={node.Id}");
                        }
                    }
                    else
                    {
                        Log.Debug(LogCategory.Net, $"Unknown inv type \"{item}\" received from peer={node.Id}");
                    }
                }

                if (bestBlock is not null)
                {
                    // Headers-first: an inv'd block we lack means the peer has headers we do not.
                    var state = State(node.Id)!;
                    if (state.SyncStarted || (!peer.InvTriggeredGetHeadersBeforeSync && bestBlock != _lastBlockInvTriggeringHeadersSync))
                    {
                        var bestHeader = _chainman.BestHeader ?? _chainman.ActiveChain.Tip!;
                        if (MaybeSendGetHeaders(node, Bitcoin.Kernel.Chain.ActiveChain.LocatorEntries(bestHeader), peer))
                            Log.Debug(LogCategory.Net, $"getheaders ({bestHeader.Height}) {bestBlock} to peer={node.Id}");
                        if (!state.SyncStarted)
                        {
                            peer.InvTriggeredGetHeadersBeforeSync = true;
                            _lastBlockInvTriggeringHeadersSync = bestBlock;
                        }
                    }
                }
            }
        }
    }

    private void ProcessTxMessage(Peer peer, PeerConnection node, byte[] payload)
    {
        if (RejectIncomingTxs(node))
        {
            Log.Debug(LogCategory.Net, $"transaction sent in violation of protocol, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return;
        }

        // Unsolicited transactions during initial block download are dropped, not punished.
        if (_chainman.IsInitialBlockDownload || _mempool is null)
            return;
        var reader = new Bitcoin.Kernel.Serialization.SpanReader(payload);
        var tx = WireSerialization.ReadTransaction(ref reader, _factory);
        var txid = tx.GetHash();
        var wtxid = tx.GetWitHash();
        AddKnownTx(peer, peer.WtxidRelay ? wtxid : txid);

        lock (_chainman.Lock)
        {
            lock (_txDownloadLock)
            {
                var (shouldValidate, package) = TxDownloads.ReceivedTx(node.Id, tx);
                if (!shouldValidate)
                {
                    if (node.HasPermission(NetPermissionFlags.ForceRelay))
                    {
                        // A forcerelay peer's transactions are relayed even when we have them already.
                        if (!_mempool.Exists(txid))
                        {
                            Log.Info($"Not relaying non-mempool transaction {txid} (wtxid={wtxid}) from forcerelay peer={node.Id}");
                        }
                        else
                        {
                            Log.Info($"Force relaying tx {txid} (wtxid={wtxid}) from peer={node.Id}");
                            InitiateTxBroadcastToAll(wtxid);
                        }
                    }

                    if (package is { } p)
                        ValidatePackage(p);
                    return;
                }

                var result = _mempool.AcceptToMemoryPool(tx);
                if (result.ResultType == MempoolAcceptResultType.Valid)
                {
                    ProcessValidTx(node.Id, tx, result.ReplacedTransactions);
                    node.LastTxTime = NetTime.NowSeconds();
                }

                if (result.State.IsInvalid && ProcessInvalidTx(node.Id, tx, result.State, firstTimeFailure: true) is { } toValidate)
                    ValidatePackage(toValidate);
            }
        }
    }

    // Hold cs_main and the tx download lock.
    private void ValidatePackage((Transaction Parent, Transaction Child, long Sender) package)
    {
        var txs = new List<Transaction> { package.Parent, package.Child };
        var result = _mempool!.ProcessNewPackage(txs, testAccept: false);
        Log.Debug(LogCategory.TxPackages, $"package evaluation for parent {package.Parent.GetHash()} (wtxid={package.Parent.GetWitHash()}, sender={package.Sender}) + child {package.Child.GetHash()} (wtxid={package.Child.GetWitHash()}, sender={package.Sender}): {(result.State.IsValid ? "package accepted" : "package rejected")}");
        if (result.State.IsInvalid)
            TxDownloads.MempoolRejectedPackage(txs);
        // Children first, so in-package descendants leave the orphanage before their parents' children are queued.
        for (int i = txs.Count - 1; i >= 0; i--)
        {
            var tx = txs[i];
            if (!result.TxResults.TryGetValue(tx.GetWitHash(), out var txResult))
                continue;
            switch (txResult.ResultType)
            {
                case MempoolAcceptResultType.Valid:
                    ProcessValidTx(package.Sender, tx, txResult.ReplacedTransactions);
                    break;
                case MempoolAcceptResultType.Invalid:
                case MempoolAcceptResultType.DifferentWitness:
                    ProcessInvalidTx(package.Sender, tx, txResult.State, firstTimeFailure: false);
                    break;
            }
        }
    }

    // Hold the tx download lock.
    private (Transaction Parent, Transaction Child, long Sender)? ProcessInvalidTx(long peerId, Transaction tx, TxValidationState state, bool firstTimeFailure)
    {
        Log.Debug(LogCategory.MempoolRej, $"{tx.GetHash()} (wtxid={tx.GetWitHash()}) from peer={peerId} was not accepted: {state}");
        var (addExtra, parents, package) = TxDownloads.MempoolRejectedTx(tx, state, peerId, firstTimeFailure);
        if (addExtra && tx.GetSerializedSize() < MaxStandardTxWeightForExtra)
            AddToCompactExtraTransactions(tx);
        var peer = GetPeer(peerId);
        if (peer is not null)
        {
            foreach (var parent in parents)
                AddKnownTx(peer, parent);
        }

        return package;
    }

    // Hold the tx download lock.
    private void ProcessValidTx(long peerId, Transaction tx, IReadOnlyList<Transaction> replaced)
    {
        TxDownloads.MempoolAcceptedTx(tx);
        Log.Debug(LogCategory.Mempool, $"AcceptToMemoryPool: peer={peerId}: accepted {tx.GetHash()} (wtxid={tx.GetWitHash()}) (poolsz {_mempool!.Count} txn, {_mempool.DynamicMemoryUsage / 1000} kB)");
        InitiateTxBroadcastToAll(tx.GetWitHash());
        foreach (var removed in replaced)
            AddToCompactExtraTransactions(removed);
    }

    /// <summary>Reconsiders one orphan of the peer whose parents arrived (Core's ProcessOrphanTx); true if one was processed.</summary>
    private bool ProcessOrphanTx(Peer peer)
    {
        if (_mempool is null)
            return false;
        lock (_chainman.Lock)
        {
            lock (_txDownloadLock)
            {
                while (TxDownloads.GetTxToReconsider(peer.Id) is { } orphan)
                {
                    var result = _mempool.AcceptToMemoryPool(orphan);
                    var state = result.State;
                    if (result.ResultType == MempoolAcceptResultType.Valid)
                    {
                        Log.Debug(LogCategory.TxPackages, $"   accepted orphan tx {orphan.GetHash()} (wtxid={orphan.GetWitHash()})");
                        ProcessValidTx(peer.Id, orphan, result.ReplacedTransactions);
                        return true;
                    }

                    if (state.Result != TxValidationResult.MissingInputs)
                    {
                        Log.Debug(LogCategory.TxPackages, $"   invalid orphan tx {orphan.GetHash()} (wtxid={orphan.GetWitHash()}) from peer={peer.Id}. {state}");
                        if (state.IsInvalid && state.Result is not (TxValidationResult.Unknown or TxValidationResult.NoMempool or TxValidationResult.ResultUnset))
                            ProcessInvalidTx(peer.Id, orphan, state, firstTimeFailure: false);
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private void ProcessNotFound(Peer peer, byte[] payload)
    {
        var items = Payloads.ReadInventories(payload);
        var ids = new List<GenTxid>();
        if (items.Count <= TxDownloadManager.MaxPeerTxAnnouncements + MaxBlocksInTransitPerPeer)
        {
            foreach (var item in items)
            {
                if (item.IsGenTx)
                    ids.Add(ToGenTxid(item));
            }
        }

        lock (_txDownloadLock)
            TxDownloads.ReceivedNotFound(peer.Id, ids);
    }

    private void ProcessMempoolRequest(Peer peer, PeerConnection node)
    {
        // BIP35 is served only with NODE_BLOOM or the mempool permission.
        if ((peer.OurServices & ServiceFlags.Bloom) == 0 && !node.HasPermission(NetPermissionFlags.Mempool))
        {
            if (!node.HasPermission(NetPermissionFlags.NoBan))
            {
                Log.Debug(LogCategory.Net, $"mempool request with bloom filters disabled, {node.DisconnectMessage()}");
                node.RequestDisconnect();
            }

            return;
        }

        if (_connman.OutboundTargetReached(false) && !node.HasPermission(NetPermissionFlags.Mempool))
        {
            if (!node.HasPermission(NetPermissionFlags.NoBan))
            {
                Log.Debug(LogCategory.Net, $"mempool request with bandwidth limit reached, {node.DisconnectMessage()}");
                node.RequestDisconnect();
            }

            return;
        }

        if (peer.TxRelay is { } txRelay)
        {
            lock (txRelay.Lock)
                txRelay.SendMempool = true;
        }
    }

    private static void ProcessFeeFilter(Peer peer, PeerConnection node, byte[] payload)
    {
        long feeFilter = (long)Payloads.ReadUInt64(payload);
        if (!ConsensusConstants.MoneyRange(feeFilter))
            return;
        if (peer.TxRelay is { } txRelay)
            txRelay.FeeFilterReceived = feeFilter;
        Log.Debug(LogCategory.Net, $"received: feefilter of {FormatFeeRate(feeFilter)} from peer={node.Id}");
    }

    // CFeeRate::ToString: "0.00001000 BTC/kvB".
    private static string FormatFeeRate(long perKvB) =>
        $"{(perKvB < 0 ? "-" : "")}{Math.Abs(perKvB) / ConsensusConstants.Coin}.{Math.Abs(perKvB) % ConsensusConstants.Coin:D8} BTC/kvB";

    private void MaybeSendFeeFilter(PeerConnection node, Peer peer, long nowMicros)
    {
        if (_options.IgnoreIncomingTxs || _mempool is null)
            return;
        if (node.CommonVersion < ProtocolVersion.FeeFilter)
            return;
        if (node.HasPermission(NetPermissionFlags.ForceRelay))
            return;
        if (node.IsBlockOnly)
            return;
        long currentFilter = _mempool.GetMinFee().FeePerKvB;
        if (_chainman.IsInitialBlockDownload)
        {
            // Transaction invs are ignored during initial block download: ask for none.
            currentFilter = ConsensusConstants.MaxMoney;
        }
        else
        {
            // Core rounds MAX_MONEY once (a static): the filter we sent during initial block download.
            _maxFeeFilter ??= Rounder.Round(ConsensusConstants.MaxMoney);
            if (peer.FeeFilterSent == _maxFeeFilter)
                peer.NextSendFeeFilterMicros = 0;
        }

        if (nowMicros > peer.NextSendFeeFilterMicros)
        {
            long filterToSend = Rounder.Round(currentFilter);
            filterToSend = Math.Max(filterToSend, _mempool.Options.MinRelayFeeRate.FeePerKvB);
            if (filterToSend != peer.FeeFilterSent)
            {
                Push(node, NetMessageType.FeeFilter, Payloads.UInt64((ulong)filterToSend));
                peer.FeeFilterSent = filterToSend;
            }

            peer.NextSendFeeFilterMicros = nowMicros + RandomExponential(AvgFeeFilterBroadcastIntervalMicros);
        }
        else if (nowMicros + MaxFeeFilterChangeDelayMicros < peer.NextSendFeeFilterMicros &&
                 (currentFilter < 3 * peer.FeeFilterSent / 4 || currentFilter > 4 * peer.FeeFilterSent / 3))
        {
            peer.NextSendFeeFilterMicros = nowMicros + Random.Shared.NextInt64(MaxFeeFilterChangeDelayMicros);
        }
    }

    private bool TxDownloadHaveMoreWork(long peerId)
    {
        lock (_txDownloadLock)
            return TxDownloads.HaveMoreWork(peerId);
    }

    private void TxDownloadDisconnectedPeer(long peerId)
    {
        lock (_txDownloadLock)
            TxDownloads.DisconnectedPeer(peerId);
    }

    private void TxDownloadConnectedPeer(long peerId, bool preferred, bool relayPermissions, bool wtxidRelay)
    {
        lock (_txDownloadLock)
            TxDownloads.ConnectedPeer(peerId, preferred, relayPermissions, wtxidRelay);
    }

    private List<GenTxid> TxDownloadRequestsToSend(long peerId, long nowMicros)
    {
        lock (_txDownloadLock)
            return TxDownloads.GetRequestsToSend(peerId, nowMicros);
    }

    private void TxDownloadActiveTipChange()
    {
        lock (_txDownloadLock)
            TxDownloads.ActiveTipChange();
    }

    private void TxDownloadBlockConnected(Block block)
    {
        lock (_txDownloadLock)
            TxDownloads.BlockConnected(block);
    }

    private void TxDownloadBlockDisconnected()
    {
        lock (_txDownloadLock)
            TxDownloads.BlockDisconnected();
    }

    /// <summary>Announcement bucket state for getnetworkinfo (Core's PeerManagerInfo::InvBucketInfo).</summary>
    /// <param name="BacklogCount">Transactions waiting.</param>
    /// <param name="CountTokens">Transactions that may go out now.</param>
    /// <param name="SizeTokens">Bytes that may go out now.</param>
    public readonly record struct InvBucketInfo(int BacklogCount, double CountTokens, double SizeTokens);

    // Core's InvToSendBucket: a backlog released at most at a count rate and a byte rate.
    private sealed class InvToSendBucket(int rate, double multiplier)
    {
        private const double SizeInit = 12_000_000;
        private const double SizeCap = 50_000_000;
        private const double SizeRefill = 20_000;
        private const double InboundCountSeconds = 30;

        private readonly double _countFloor = -1.0 * rate * (InboundInventoryBroadcastIntervalMicros / 1e6);
        private readonly TokenBucket _size = new(SizeRefill * multiplier, SizeInit, SizeCap);
        private readonly TokenBucket _count = new(rate * multiplier, rate * InboundCountSeconds, rate * InboundCountSeconds);

        public List<uint256> Backlog { get; } = [];

        public double CountTokens => _count.Value;

        public double SizeTokens => _size.Value;

        public bool Available => Backlog.Count > 0 && _size.Value > 0 && _count.Value > 0;

        public void Increment(long nowMicros)
        {
            _size.Increment(nowMicros);
            _count.Increment(nowMicros);
        }

        public List<uint256> TakeForProcessing(PeerManager manager)
        {
            int toTake = (int)Math.Min(int.MaxValue, Math.Max(_count.Value - _countFloor, 0));
            var best = new List<uint256>();
            var entries = manager.ExtractBestByMiningScore(Backlog, toTake);
            bool tokensLeft = true;
            foreach (var entry in entries)
            {
                if (tokensLeft)
                {
                    best.Add(entry.Wtxid);
                    bool sizeOk = _size.Decrement(entry.Transaction.GetSerializedSize(), -50e3);
                    bool countOk = _count.Decrement(1, _countFloor);
                    if (!sizeOk || !countOk)
                        tokensLeft = false;
                }
                else
                {
                    Backlog.Add(entry.Wtxid);
                }
            }

            return best;
        }

        public InvBucketInfo Info() => new(Backlog.Count, _count.Value, _size.Value);
    }

    // Core's util::TokenBucket.
    private sealed class TokenBucket(double rate, double value, double cap)
    {
        private long _lastUpdatedMicros = long.MinValue;

        public double Value { get; private set; } = Math.Min(value, cap);

        public void Increment(long nowMicros)
        {
            if (nowMicros > _lastUpdatedMicros && Value < cap && _lastUpdatedMicros > long.MinValue)
                Value = Math.Min(cap, Value + (rate * (nowMicros - _lastUpdatedMicros) / 1e6));
            _lastUpdatedMicros = nowMicros;
        }

        public bool Decrement(double n, double floor)
        {
            Value -= n;
            return Value > floor;
        }
    }
}
