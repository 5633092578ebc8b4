using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Protocol.Messages;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

// Validation events (Core's PeerManagerImpl as CValidationInterface): tip updates queue block announcements, new
// proof-of-work-valid blocks go out as compact blocks at once, checked blocks punish or reward their source.
public sealed partial class PeerManager
{
    /// <inheritdoc/>
    public void ActiveTipChange(BlockIndex newTip, bool initialDownload)
    {
        if (!initialDownload)
            TxDownloadActiveTipChange();
    }

    /// <inheritdoc/>
    public void BlockConnected(Block block, BlockIndex index)
    {
        Interlocked.Exchange(ref _lastTipUpdateSeconds, NetTime.NowSeconds());
        // After stalling timeouts grew, shrink them back slowly.
        long timeout = Interlocked.Read(ref _blockStallingTimeoutMicros);
        if (timeout != BlockStallingTimeoutDefaultMicros)
        {
            long reduced = Math.Max(timeout * 85 / 100 / 1_000_000 * 1_000_000, BlockStallingTimeoutDefaultMicros);
            if (Interlocked.CompareExchange(ref _blockStallingTimeoutMicros, reduced, timeout) == timeout)
                Log.Debug(LogCategory.Net, $"Decreased stalling timeout to {reduced / 1_000_000} seconds");
        }

        if (!_chainman.IsInitialBlockDownload)
            TxDownloadBlockConnected(block);
    }

    /// <inheritdoc/>
    public void BlockDisconnected(Block block, BlockIndex index) => TxDownloadBlockDisconnected();

    /// <inheritdoc/>
    public void NewPoWValidBlock(BlockIndex index, Block block)
    {
        var compact = CompactBlock.FromBlock(block, NewNonce());
        lock (_chainman.Lock)
        {
            if (index.Height <= _highestFastAnnounce)
                return;
            _highestFastAnnounce = index.Height;
            if (!IsSegwitActiveAt(index))
                return;
            var hash = block.GetHash();
            var txs = new Dictionary<uint256, Transaction>();
            foreach (var tx in block.Transactions)
            {
                txs[tx.GetHash()] = tx;
                txs[tx.GetWitHash()] = tx;
            }

            lock (_mostRecentBlockLock)
            {
                _mostRecentBlockHash = hash;
                _mostRecentBlock = block;
                _mostRecentCompactBlock = compact;
                _mostRecentBlockTxs = txs;
            }

            byte[]? serialized = null;
            _connman.ForEachNode(node =>
            {
                if (node.CommonVersion < ProtocolVersion.InvalidCompactBlockNoBan || node.IsDisconnectRequested)
                    return;
                ProcessBlockAvailability(node.Id);
                var state = State(node.Id);
                // Announce to high-bandwidth peers that have the parent but not this block.
                if (state is not null && state.RequestedHighBandwidthCompactBlocks && !PeerHasHeader(state, index) && PeerHasHeader(state, index.Previous))
                {
                    Log.Debug(LogCategory.Net, $"PeerManager::NewPoWValidBlock sending header-and-ids {hash} to peer={node.Id}");
                    serialized ??= compact.Serialize();
                    Push(node, NetMessageType.CmpctBlock, serialized);
                    state.BestHeaderSent = index;
                }
            });
        }
    }

    /// <inheritdoc/>
    public void UpdatedBlockTip(BlockIndex newTip, BlockIndex? fork, bool initialDownload)
    {
        SetBestBlock(newTip.Height, newTip.BlockTime);
        if (initialDownload)
            return;
        // The hashes of the blocks that joined the best chain, newest first, at most eight.
        var hashes = new List<uint256>();
        for (var walk = newTip; walk is not null && walk != fork; walk = walk.Previous)
        {
            hashes.Add(walk.Hash);
            if (hashes.Count == MaxBlocksToAnnounce)
                break;
        }

        hashes.Reverse();
        foreach (var peer in GetAllPeers())
        {
            lock (peer.BlockInvLock)
                peer.BlocksForHeadersRelay.AddRange(hashes);
        }

        _connman.WakeMessageHandler();
    }

    /// <inheritdoc/>
    public void BlockChecked(Block block, BlockValidationState state)
    {
        lock (_chainman.Lock)
        {
            var hash = block.GetHash();
            bool known = _blockSource.TryGetValue(hash, out var source);
            if (state.IsInvalid && known && State(source.PeerId) is not null)
            {
                MaybePunishNodeForBlock(source.PeerId, state, viaCompactBlock: !source.PunishIfInvalid);
            }
            else if (state.IsValid && !_chainman.IsInitialBlockDownload && InFlightCount(hash) == _blocksInFlightCount)
            {
                // A valid new best block with nothing else in flight: its source is a good compact block announcer.
                if (known)
                    MaybeSetPeerAsAnnouncingHeaderAndIds(source.PeerId);
            }

            if (known)
                _blockSource.Remove(hash);
        }
    }

    private int InFlightCount(uint256 hash) => _blocksInFlight.TryGetValue(hash, out var entries) ? entries.Count : 0;

    /// <summary>Asks a peer for high-bandwidth compact block announcements, keeping at most three such peers (BIP152).</summary>
    private void MaybeSetPeerAsAnnouncingHeaderAndIds(long peerId)
    {
        // Without a mempool (-blocksonly) compact blocks cannot be rebuilt.
        if (_options.IgnoreIncomingTxs)
            return;
        var state = State(peerId);
        var peer = GetPeer(peerId);
        if (state is null || !state.ProvidesCompactBlocks)
            return;
        int outboundHighBandwidth = 0;
        for (var node = _nodesAnnouncingHeaderAndIds.First; node is not null; node = node.Next)
        {
            if (node.Value == peerId)
            {
                _nodesAnnouncingHeaderAndIds.Remove(node);
                _nodesAnnouncingHeaderAndIds.AddLast(peerId);
                return;
            }

            if (GetPeer(node.Value) is { IsInbound: false })
                outboundHighBandwidth++;
        }

        if (peer is { IsInbound: true } && _nodesAnnouncingHeaderAndIds.Count >= 3 && outboundHighBandwidth == 1)
        {
            // Adding an inbound peer must not push out our last outbound one: move it to the second slot.
            var first = _nodesAnnouncingHeaderAndIds.First!;
            if (GetPeer(first.Value) is { IsInbound: false })
            {
                var second = first.Next!;
                (first.Value, second.Value) = (second.Value, first.Value);
            }
        }

        bool appended = _connman.ForNode(peerId, node =>
        {
            Push(node, NetMessageType.SendCmpct, Payloads.SendCmpct(true, CmpctBlocksVersion));
            node.Bip152HighBandwidthTo = true;
            _nodesAnnouncingHeaderAndIds.AddLast(node.Id);
            return true;
        });
        if (appended && _nodesAnnouncingHeaderAndIds.Count > 3)
        {
            long stopId = _nodesAnnouncingHeaderAndIds.First!.Value;
            _connman.ForNode(stopId, node =>
            {
                Push(node, NetMessageType.SendCmpct, Payloads.SendCmpct(false, CmpctBlocksVersion));
                node.Bip152HighBandwidthTo = false;
                return true;
            });
            _nodesAnnouncingHeaderAndIds.RemoveFirst();
        }
    }
}
