using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Protocol.Messages;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

// Receiving headers (Core's ProcessHeadersMessage and helpers, with the low-work presync of HeadersSyncState).
public sealed partial class PeerManager
{
    private readonly Lock _headersPresyncLock = new();
    private readonly Dictionary<long, (ArithUInt256 Work, (long Height, long Time)? Presync)> _headersPresyncStats = [];
    private long _headersPresyncBestPeer = -1;
    private volatile bool _headersPresyncShouldSignal;
    private long _lastPresyncReportMicros;

    private void ProcessHeadersPayload(Peer peer, PeerConnection node, byte[] payload)
    {
        if (_chainman.Blockman.LoadingBlocks)
        {
            Log.Debug(LogCategory.Net, $"Unexpected headers message received from peer {node.Id}");
            return;
        }

        // Read the count first so an oversized message is refused before any header is decoded.
        ulong count = Payloads.ReadHeadersCount(payload);
        if (count > (ulong)_options.MaxHeadersResult)
        {
            Misbehaving(peer, $"headers message size = {count}");
            return;
        }

        var headers = Payloads.ReadHeaders(payload, _factory);
        ProcessHeadersMessage(node, peer, headers, viaCompactBlock: false);

        if (_headersPresyncShouldSignal)
        {
            _headersPresyncShouldSignal = false;
            (ArithUInt256 Work, (long Height, long Time)? Presync) stats = default;
            lock (_headersPresyncLock)
            {
                if (_headersPresyncStats.TryGetValue(_headersPresyncBestPeer, out var best))
                    stats = best;
            }

            if (stats.Presync is { } presync)
                ReportHeadersPresync(presync.Height, presync.Time);
        }
    }

    // Core's ChainstateManager::ReportHeadersPresync: at most four reports a second, only below minimum chain work.
    private void ReportHeadersPresync(long height, long timestamp)
    {
        lock (_chainman.Lock)
        {
            var best = _chainman.BestHeader;
            if (best is not null && best.ChainWork >= _chainParams.MinimumChainWork)
                return;
            long now = Environment.TickCount64 * 1000;
            if (now < _lastPresyncReportMicros + 250_000)
                return;
            _lastPresyncReportMicros = now;
        }

        bool ibd = _chainman.IsInitialBlockDownload;
        var state = ibd ? SynchronizationState.InitDownload : SynchronizationState.PostInit;
        _chainman.Options.Notifications.HeaderTip(state, height, timestamp, presync: true);
        if (ibd)
        {
            long blocksLeft = Math.Max(0, (NetTime.NowSeconds() - timestamp) / _chainParams.Consensus.PowTargetSpacing);
            double progress = 100.0 * height / (height + blocksLeft);
            Log.Info($"Pre-synchronizing blockheaders, height: {height} (~{progress.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)}%)");
        }
    }

    private bool CheckHeadersPoW(IReadOnlyList<BlockHeader> headers, Peer peer)
    {
        if (!Pow.HasValidProofOfWork(headers, _chainParams.Consensus))
        {
            Misbehaving(peer, "header with invalid proof of work");
            return false;
        }

        uint256? last = null;
        foreach (var header in headers)
        {
            if (last is not null && header.HashPrevBlock != last)
            {
                Misbehaving(peer, "non-continuous headers sequence");
                return false;
            }

            last = header.GetHash();
        }

        return true;
    }

    private void HandleUnconnectingHeaders(PeerConnection node, Peer peer, IReadOnlyList<BlockHeader> headers)
    {
        BlockIndex? best;
        lock (_chainman.Lock)
            best = _chainman.BestHeader;
        if (MaybeSendGetHeaders(node, ActiveChain.LocatorEntries(best), peer))
        {
            Log.Debug(LogCategory.Net, $"received header {headers[0].GetHash()}: missing prev block {headers[0].HashPrevBlock}, sending getheaders ({best?.Height}) to end (peer={node.Id})");
        }

        // Remember the announced block so this peer can serve it once the headers arrive from anyone.
        lock (_chainman.Lock)
            UpdateBlockAvailability(node.Id, headers[^1].GetHash());
    }

    /// <summary>
    /// Continues a low-work headers sync; true when the headers were handled by it (the list then holds any headers
    /// now ready for storing, possibly none).
    /// </summary>
    private bool IsContinuationOfLowWorkHeadersSync(Peer peer, PeerConnection node, ref List<BlockHeader> headers)
    {
        var sync = peer.HeadersSync;
        if (sync is null)
            return false;
        var result = sync.ProcessNextHeaders(headers, headers.Count == _options.MaxHeadersResult);
        if (result.Success)
            peer.LastGetHeadersMicros = 0;
        if (result.RequestMore)
        {
            var locator = sync.NextHeadersRequestLocator();
            if (locator.Count > 0)
            {
                MaybeSendGetHeaders(node, locator, peer);
                Log.Debug(LogCategory.Net, $"more getheaders (from {locator[0]}) to peer={node.Id}");
            }
        }

        if (sync.Phase == HeadersSyncPhase.Final)
        {
            peer.HeadersSync = null;
            lock (_headersPresyncLock)
                _headersPresyncStats.Remove(node.Id);
        }
        else
        {
            (ArithUInt256 Work, (long Height, long Time)? Presync) stats =
                (sync.PresyncWork, sync.Phase == HeadersSyncPhase.Presync ? (sync.PresyncHeight, sync.PresyncTime) : null);
            lock (_headersPresyncLock)
            {
                _headersPresyncStats[node.Id] = stats;
                bool bestUpdated = false;
                if (!_headersPresyncStats.TryGetValue(_headersPresyncBestPeer, out var best))
                {
                    long bestPeer = -1;
                    (ArithUInt256 Work, (long Height, long Time)? Presync)? bestStats = null;
                    foreach (var (id, s) in _headersPresyncStats)
                    {
                        if (bestStats is null || Greater(s, bestStats.Value))
                        {
                            bestPeer = id;
                            bestStats = s;
                        }
                    }

                    _headersPresyncBestPeer = bestPeer;
                    bestUpdated = bestPeer == node.Id;
                }
                else if (_headersPresyncBestPeer == node.Id || Greater(stats, best))
                {
                    _headersPresyncBestPeer = node.Id;
                    bestUpdated = true;
                }

                if (bestUpdated && stats.Presync is not null)
                    _headersPresyncShouldSignal = true;
            }
        }

        if (result.Success)
            headers = result.PowValidatedHeaders;
        return result.Success;

        // Core compares (work, optional(height, time)) pairs; a missing second part sorts first.
        static bool Greater((ArithUInt256 Work, (long Height, long Time)? Presync) a, (ArithUInt256 Work, (long Height, long Time)? Presync) b)
        {
            if (a.Work != b.Work)
                return a.Work > b.Work;
            if (a.Presync is null)
                return false;
            if (b.Presync is null)
                return true;
            return a.Presync.Value.CompareTo(b.Presync.Value) > 0;
        }
    }

    /// <summary>Starts a low-work headers sync when the headers' chain lacks the work we require; true if the headers were consumed.</summary>
    private bool TryLowWorkHeadersSync(Peer peer, PeerConnection node, BlockIndex chainStart, ref List<BlockHeader> headers)
    {
        var totalWork = chainStart.ChainWork + Pow.CalculateClaimedHeadersWork(headers);
        var minimumWork = GetAntiDoSWorkThreshold();
        if (totalWork >= minimumWork)
            return false;
        if (headers.Count == _options.MaxHeadersResult)
        {
            lock (peer.HeadersSyncLock)
            {
                peer.HeadersSync = new HeadersSyncState(peer.Id, _chainParams.Consensus, _chainParams.HeadersSync, chainStart, minimumWork);
                IsContinuationOfLowWorkHeadersSync(peer, node, ref headers);
            }
        }
        else
        {
            Log.Debug(LogCategory.Net, $"Ignoring low-work chain (height={chainStart.Height + headers.Count}) from peer={node.Id}");
        }

        headers = [];
        return true;
    }

    /// <summary>Sends getheaders unless one was sent less than two minutes ago; true if sent.</summary>
    private bool MaybeSendGetHeaders(PeerConnection node, IReadOnlyList<uint256> locator, Peer peer)
    {
        long now = NetTime.NowMicros();
        if (now - peer.LastGetHeadersMicros > HeadersResponseTimeMicros)
        {
            Push(node, NetMessageType.GetHeaders, new LocatorMessage(locator, uint256.Zero).Serialize());
            peer.LastGetHeadersMicros = now;
            return true;
        }

        return false;
    }

    private void HeadersDirectFetchBlocks(PeerConnection node, Peer peer, BlockIndex lastHeader)
    {
        lock (_chainman.Lock)
        {
            var state = State(node.Id)!;
            var chain = _chainman.ActiveChain;
            if (!CanDirectFetch() || !lastHeader.IsValid(BlockStatus.ValidTree) || chain.Tip!.ChainWork > lastHeader.ChainWork)
                return;
            var toFetch = new List<BlockIndex>();
            BlockIndex? walk = lastHeader;
            while (walk is not null && !chain.Contains(walk) && toFetch.Count <= MaxBlocksInTransitPerPeer)
            {
                if ((walk.Status & BlockStatus.HaveData) == 0 && !IsBlockRequested(walk.Hash) &&
                    (!IsSegwitActiveAt(walk) || CanServeWitnesses(peer)))
                {
                    toFetch.Add(walk);
                }

                walk = walk.Previous;
            }

            if (walk is null || !chain.Contains(walk))
            {
                Log.Debug(LogCategory.Net, $"Large reorg, won't direct fetch to {lastHeader.Hash} ({lastHeader.Height})");
                return;
            }

            var getData = new List<Inventory>();
            for (int i = toFetch.Count - 1; i >= 0; i--)
            {
                if (state.BlocksInFlight.Count >= MaxBlocksInTransitPerPeer)
                    break;
                var index = toFetch[i];
                getData.Add(new Inventory(InventoryType.Block | GetFetchFlags(peer), index.Hash));
                BlockRequested(node.Id, index, out _);
                Log.Debug(LogCategory.Net, $"Requesting block {index.Hash} from peer={node.Id}");
            }

            if (getData.Count > 1)
                Log.Debug(LogCategory.Net, $"Downloading blocks toward {lastHeader.Hash} ({lastHeader.Height}) via headers direct fetch");
            if (getData.Count > 0)
            {
                if (!_options.IgnoreIncomingTxs && state.ProvidesCompactBlocks && getData.Count == 1 && _blocksInFlightCount == 1 &&
                    lastHeader.Previous!.IsValid(BlockStatus.ValidChain))
                {
                    // A single new block extending the tip: a compact block is much cheaper.
                    getData[0] = new Inventory(InventoryType.CmpctBlock, getData[0].Hash);
                }

                Push(node, NetMessageType.GetData, Payloads.Inventories(getData));
            }
        }
    }

    private void UpdatePeerStateForReceivedHeaders(PeerConnection node, BlockIndex lastHeader, bool receivedNewHeader, bool mayHaveMoreHeaders)
    {
        lock (_chainman.Lock)
        {
            var state = State(node.Id)!;
            UpdateBlockAvailability(node.Id, lastHeader.Hash);
            var tip = _chainman.ActiveChain.Tip!;
            if (receivedNewHeader && lastHeader.ChainWork > tip.ChainWork)
                state.LastBlockAnnouncement = NetTime.NowSeconds();

            if (_chainman.IsInitialBlockDownload && !mayHaveMoreHeaders && state.BestKnownBlock is not null &&
                state.BestKnownBlock.ChainWork < _chainman.MinimumChainWork && node.IsOutboundOrBlockRelay)
            {
                // An outbound peer whose whole chain has less than the minimum work cannot help us sync.
                Log.Info($"outbound peer headers chain has insufficient work, {node.DisconnectMessage()}");
                node.RequestDisconnect();
            }

            if (!node.IsDisconnectRequested && node.IsFullOutbound && state.BestKnownBlock is not null &&
                _outboundPeersWithProtectFromDisconnect < MaxOutboundPeersToProtectFromDisconnect &&
                state.BestKnownBlock.ChainWork >= tip.ChainWork && !state.ChainSyncProtect)
            {
                Log.Debug(LogCategory.Net, $"Protecting outbound peer={node.Id} from eviction");
                state.ChainSyncProtect = true;
                _outboundPeersWithProtectFromDisconnect++;
            }
        }
    }

    private void ProcessHeadersMessage(PeerConnection node, Peer peer, List<BlockHeader> headers, bool viaCompactBlock)
    {
        int count = headers.Count;
        if (count == 0)
        {
            // Nothing new: the peer may have switched to our chain; this answers our last getheaders.
            lock (peer.HeadersSyncLock)
            {
                if (peer.HeadersSync is not null)
                {
                    peer.HeadersSync = null;
                    lock (_headersPresyncLock)
                        _headersPresyncStats.Remove(node.Id);
                }
            }

            peer.LastGetHeadersMicros = 0;
            return;
        }

        if (!CheckHeadersPoW(headers, peer))
            return;

        bool alreadyValidatedWork;
        bool haveHeadersSync;
        lock (peer.HeadersSyncLock)
        {
            alreadyValidatedWork = IsContinuationOfLowWorkHeadersSync(peer, node, ref headers);
            if (headers.Count == 0)
                return;
            haveHeadersSync = peer.HeadersSync is not null;
        }

        BlockIndex? chainStart;
        lock (_chainman.Lock)
            chainStart = _chainman.Blockman.LookupBlockIndex(headers[0].HashPrevBlock);
        if (chainStart is null)
        {
            // Possibly a BIP130 announcement racing the 2-hour future limit: fetch the missing headers.
            HandleUnconnectingHeaders(node, peer, headers);
            return;
        }

        peer.LastGetHeadersMicros = 0;
        BlockIndex? lastReceived;
        lock (_chainman.Lock)
        {
            lastReceived = _chainman.Blockman.LookupBlockIndex(headers[^1].GetHash());
            alreadyValidatedWork = alreadyValidatedWork || IsAncestorOfBestHeaderOrTip(lastReceived);
        }

        if (node.HasPermission(NetPermissionFlags.NoBan))
            alreadyValidatedWork = true;
        if (!alreadyValidatedWork && TryLowWorkHeadersSync(peer, node, chainStart, ref headers))
            return;

        bool receivedNewHeader = lastReceived is null;
        var state = new BlockValidationState();
        bool processed = _chainman.ProcessNewBlockHeaders(headers, minPowChecked: true, state, out var last);
        if (!processed && state.IsInvalid)
        {
            if (!node.IsInbound && state.Result == BlockValidationResult.CachedInvalid)
            {
                Log.Warning($"{state.DebugMessage} (received from peer={node.Id}). If this happens with all peers, consider database corruption (that -reindex may fix) or a potential consensus incompatibility.");
            }

            MaybePunishNodeForBlock(node.Id, state, viaCompactBlock, "invalid header received");
            return;
        }

        if (last is null)
            return;
        if (processed && receivedNewHeader)
            LogBlockHeader(last, node, viaCompactBlock: false);

        if (count == _options.MaxHeadersResult && !haveHeadersSync)
        {
            // A full message: the peer probably has more.
            List<uint256> locator;
            lock (_chainman.Lock)
                locator = ActiveChain.LocatorEntries(last);
            if (MaybeSendGetHeaders(node, locator, peer))
                Log.Debug(LogCategory.Net, $"more getheaders ({last.Height}) to end to peer={node.Id}");
        }

        UpdatePeerStateForReceivedHeaders(node, last, receivedNewHeader, count == _options.MaxHeadersResult);
        HeadersDirectFetchBlocks(node, peer, last);
    }

    private void LogBlockHeader(BlockIndex index, PeerConnection node, bool viaCompactBlock)
    {
        var message = $"Saw new {(viaCompactBlock ? "cmpctblock " : "")}header hash={index.Hash} height={index.Height} {node.LogPeer()}";
        if (_chainman.IsInitialBlockDownload)
            Log.Debug(LogCategory.Validation, message);
        else
            Log.Info(message);
    }
}
