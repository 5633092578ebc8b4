using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Protocol.Messages;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

// What goes out to a peer on each message-handler pass (Core's SendMessages): the handshake, pings, addresses,
// sendheaders, block announcements, transaction announcements, stall and timeout checks, block and transaction
// requests, feefilter.
public sealed partial class PeerManager
{
    /// <inheritdoc/>
    public void SendMessages(PeerConnection node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var peer = GetPeer(node.Id);
        if (peer is null)
            return;
        // Misbehaviour is acted on even before the handshake finished.
        if (MaybeDiscourageAndDisconnect(node, peer))
            return;
        if (!node.IsInbound && !peer.OutboundVersionMessageSent)
        {
            PushNodeVersion(node, peer);
            peer.OutboundVersionMessageSent = true;
        }

        if (!node.SuccessfullyConnected || node.IsDisconnectRequested)
            return;

        long now = NetTime.NowMicros();
        ProcessInvBacklog(now);
        if (node.IsAddrFetch && now - node.ConnectedMicros > 10 * AvgAddressBroadcastIntervalMicros)
        {
            Log.Debug(LogCategory.Net, $"addrfetch connection timeout, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return;
        }

        MaybeSendPing(node, peer, now);
        if (node.IsDisconnectRequested)
            return;
        MaybeSendAddr(node, peer, now);
        MaybeSendSendHeaders(node, peer);

        lock (_chainman.Lock)
        {
            var state = State(node.Id)!;
            var bestHeader = _chainman.BestHeader ?? _chainman.ActiveChain.Tip!;

            bool syncFromPeer = false;
            if (state.PreferredDownload)
                syncFromPeer = true;
            else if (CanServeBlocks(peer) && !node.IsAddrFetch && (_numPreferredDownloadPeers == 0 || _blocksInFlight.Count == 0))
                syncFromPeer = true; // typically inbound: only when no outbound peer serves us

            if (!state.SyncStarted && CanServeBlocks(peer) && !_chainman.Blockman.LoadingBlocks)
            {
                // One headers-sync peer at a time, unless our best header is recent.
                if ((_syncStarted == 0 && syncFromPeer) || bestHeader.BlockTime > NetTime.NowSeconds() - (24 * 3600))
                {
                    // Start one block back so the answer is never empty and the peer's best block becomes known.
                    var start = bestHeader.Previous ?? bestHeader;
                    if (MaybeSendGetHeaders(node, ActiveChain.LocatorEntries(start), peer))
                    {
                        Log.Debug(LogCategory.Net, $"initial getheaders ({start.Height}) to peer={node.Id}");
                        state.SyncStarted = true;
                        long behind = NetTime.NowSeconds() - bestHeader.BlockTime;
                        peer.HeadersSyncTimeoutMicros = now + HeadersDownloadTimeoutBaseMicros +
                                                        (HeadersDownloadTimeoutPerHeaderMicros * behind / _chainParams.Consensus.PowTargetSpacing);
                        _syncStarted++;
                    }
                }
            }

            SendBlockAnnouncements(node, peer, state);
            var inventory = new List<Inventory>();
            lock (peer.BlockInvLock)
            {
                foreach (var hash in peer.BlocksForInvRelay)
                {
                    inventory.Add(new Inventory(InventoryType.Block, hash));
                    if (inventory.Count == MaxInvSize)
                    {
                        Push(node, NetMessageType.Inv, Payloads.Inventories(inventory));
                        inventory.Clear();
                    }
                }

                peer.BlocksForInvRelay.Clear();
            }

            AddTransactionAnnouncements(node, peer, inventory, now);
            if (inventory.Count > 0)
                Push(node, NetMessageType.Inv, Payloads.Inventories(inventory));

            long stallingTimeout = Interlocked.Read(ref _blockStallingTimeoutMicros);
            if (state.StallingSinceMicros != 0 && state.StallingSinceMicros < now - stallingTimeout)
            {
                // The download window cannot move because of this peer.
                Log.Info($"Peer is stalling block download, {node.DisconnectMessage()}");
                node.RequestDisconnect();
                long doubled = Math.Min(2 * stallingTimeout, BlockStallingTimeoutMaxMicros);
                if (doubled != stallingTimeout && Interlocked.CompareExchange(ref _blockStallingTimeoutMicros, doubled, stallingTimeout) == stallingTimeout)
                    Log.Debug(LogCategory.Net, $"Increased stalling timeout temporarily to {doubled / 1_000_000} seconds");
                return;
            }

            if (state.BlocksInFlight.First is { } firstInFlight)
            {
                int otherPeersDownloading = _peersDownloadingFrom - 1;
                long allowed = (long)(_chainParams.Consensus.PowTargetSpacing * 1_000_000 * (BlockDownloadTimeoutBase + (BlockDownloadTimeoutPerPeer * otherPeersDownloading)));
                if (now > state.DownloadingSinceMicros + allowed)
                {
                    Log.Info($"Timeout downloading block {firstInFlight.Value.Index.Hash}, {node.DisconnectMessage()}");
                    node.RequestDisconnect();
                    return;
                }
            }

            if (state.SyncStarted && peer.HeadersSyncTimeoutMicros < long.MaxValue)
            {
                if (bestHeader.BlockTime <= NetTime.NowSeconds() - (24 * 3600))
                {
                    if (now > peer.HeadersSyncTimeoutMicros && _syncStarted == 1 && _numPreferredDownloadPeers - (state.PreferredDownload ? 1 : 0) >= 1)
                    {
                        // Our only headers-sync peer is too slow and others could serve us.
                        if (!node.HasPermission(NetPermissionFlags.NoBan))
                        {
                            Log.Info($"Timeout downloading headers, {node.DisconnectMessage()}");
                            node.RequestDisconnect();
                            return;
                        }

                        Log.Info($"Timeout downloading headers from noban peer, not {node.DisconnectMessage()}");
                        state.SyncStarted = false;
                        _syncStarted--;
                        peer.HeadersSyncTimeoutMicros = 0;
                    }
                }
                else
                {
                    // Caught up once: no more headers-sync timeouts for this peer.
                    peer.HeadersSyncTimeoutMicros = long.MaxValue;
                }
            }

            ConsiderEviction(node, peer, NetTime.NowSeconds());

            var getData = new List<Inventory>();
            if (CanServeBlocks(peer) && ((syncFromPeer && !IsLimitedPeer(peer)) || !_chainman.IsInitialBlockDownload) &&
                state.BlocksInFlight.Count < MaxBlocksInTransitPerPeer)
            {
                var toDownload = new List<BlockIndex>();
                long staller = -1;
                FindNextBlocksToDownload(peer, MaxBlocksInTransitPerPeer - state.BlocksInFlight.Count, toDownload, ref staller);
                foreach (var index in toDownload)
                {
                    getData.Add(new Inventory(InventoryType.Block | GetFetchFlags(peer), index.Hash));
                    BlockRequested(node.Id, index, out _);
                    Log.Debug(LogCategory.Net, $"Requesting block {index.Hash} ({index.Height}) peer={node.Id}");
                }

                if (state.BlocksInFlight.Count == 0 && staller != -1 && State(staller) is { } stallerState && stallerState.StallingSinceMicros == 0)
                {
                    stallerState.StallingSinceMicros = now;
                    Log.Debug(LogCategory.Net, $"Stall started peer={staller}");
                }
            }

            foreach (var request in TxDownloadRequestsToSend(node.Id, now))
            {
                getData.Add(request.IsWtxid ? new Inventory(InventoryType.Wtx, request.Hash) : new Inventory(InventoryType.Tx | GetFetchFlags(peer), request.Hash));
                if (getData.Count >= MaxGetDataSize)
                {
                    Push(node, NetMessageType.GetData, Payloads.Inventories(getData));
                    getData.Clear();
                }
            }

            if (getData.Count > 0)
                Push(node, NetMessageType.GetData, Payloads.Inventories(getData));
        }

        MaybeSendFeeFilter(node, peer, now);
    }

    private void MaybeSendSendHeaders(PeerConnection node, Peer peer)
    {
        // Only after syncing headers with the peer: announcements during the sync would confuse its state.
        if (peer.SentSendHeaders || node.CommonVersion < ProtocolVersion.SendHeaders)
            return;
        lock (_chainman.Lock)
        {
            var state = State(node.Id)!;
            if (state.BestKnownBlock is not null && state.BestKnownBlock.ChainWork > _chainman.MinimumChainWork)
            {
                Push(node, NetMessageType.SendHeaders);
                peer.SentSendHeaders = true;
            }
        }
    }

    // Announce new blocks by headers, a compact block or inv (Core's "Try sending block announcements via headers").
    private void SendBlockAnnouncements(PeerConnection node, Peer peer, NodeState state)
    {
        lock (peer.BlockInvLock)
        {
            var toAnnounce = peer.BlocksForHeadersRelay;
            bool revertToInv = (!peer.PrefersHeaders && (!state.RequestedHighBandwidthCompactBlocks || toAnnounce.Count > 1)) ||
                               toAnnounce.Count > MaxBlocksToAnnounce;
            BlockIndex? bestIndex = null;
            var headers = new List<BlockHeader>();
            ProcessBlockAvailability(node.Id);
            var chain = _chainman.ActiveChain;
            if (!revertToInv)
            {
                bool foundStart = false;
                foreach (var hash in toAnnounce)
                {
                    var index = _chainman.Blockman.LookupBlockIndex(hash)!;
                    if (chain[index.Height] != index)
                    {
                        revertToInv = true; // reorged away
                        break;
                    }

                    if (bestIndex is not null && index.Previous != bestIndex)
                    {
                        revertToInv = true; // the list does not connect (invalidate/reconsider repeated)
                        break;
                    }

                    bestIndex = index;
                    if (foundStart)
                    {
                        headers.Add(index.GetBlockHeader());
                    }
                    else if (PeerHasHeader(state, index))
                    {
                        continue;
                    }
                    else if (index.Previous is null || PeerHasHeader(state, index.Previous))
                    {
                        foundStart = true;
                        headers.Add(index.GetBlockHeader());
                    }
                    else
                    {
                        revertToInv = true; // nothing would connect
                        break;
                    }
                }
            }

            if (!revertToInv && headers.Count > 0)
            {
                if (headers.Count == 1 && state.RequestedHighBandwidthCompactBlocks)
                {
                    Log.Debug(LogCategory.Net, $"SendMessages sending header-and-ids {headers[0].GetHash()} to peer={node.Id}");
                    CompactBlock? cached = null;
                    lock (_mostRecentBlockLock)
                    {
                        if (_mostRecentBlockHash is not null && _mostRecentBlockHash == bestIndex!.Hash)
                            cached = _mostRecentCompactBlock;
                    }

                    if (cached is null)
                    {
                        var block = _chainman.Blockman.ReadBlock(bestIndex!)
                                    ?? throw new InvalidOperationException($"Cannot read block {bestIndex!.Hash} to announce it.");
                        cached = CompactBlock.FromBlock(block, NewNonce());
                    }

                    Push(node, NetMessageType.CmpctBlock, cached.Serialize());
                    state.BestHeaderSent = bestIndex;
                }
                else if (peer.PrefersHeaders)
                {
                    if (headers.Count > 1)
                        Log.Debug(LogCategory.Net, $"SendMessages: {headers.Count} headers, range ({headers[0].GetHash()}, {headers[^1].GetHash()}), to peer={node.Id}");
                    else
                        Log.Debug(LogCategory.Net, $"SendMessages: sending header {headers[0].GetHash()} to peer={node.Id}");
                    Push(node, NetMessageType.Headers, Payloads.Headers(headers));
                    state.BestHeaderSent = bestIndex;
                }
                else
                {
                    revertToInv = true;
                }
            }

            if (revertToInv && toAnnounce.Count > 0)
            {
                // Announce only the last one, which was our tip when it was queued.
                var hash = toAnnounce[^1];
                var index = _chainman.Blockman.LookupBlockIndex(hash)!;
                if (chain[index.Height] != index)
                    Log.Debug(LogCategory.Net, $"Announcing block {hash} not on main chain (tip={chain.Tip!.Hash})");
                if (!PeerHasHeader(state, index))
                {
                    peer.BlocksForInvRelay.Add(hash);
                    Log.Debug(LogCategory.Net, $"SendMessages: sending inv peer={node.Id} hash={hash}");
                }
            }

            toAnnounce.Clear();
        }
    }
}
