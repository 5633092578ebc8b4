using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Protocol;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

// Which blocks are in flight from whom, what each peer has, and which blocks to ask for next (Core's
// BlockRequested, RemoveBlockRequest, FindNextBlocksToDownload, ProcessBlockAvailability, ...). Call with the
// chainstate lock held unless noted.
public sealed partial class PeerManager
{
    private bool IsBlockRequested(uint256 hash) => _blocksInFlight.ContainsKey(hash);

    private bool IsBlockRequestedFromOutbound(uint256 hash) =>
        _blocksInFlight.TryGetValue(hash, out var entries) && entries.Any(e => GetPeer(e.PeerId) is { IsInbound: false });

    /// <summary>Forgets a block request (all peers, or only <paramref name="fromPeer"/>).</summary>
    private void RemoveBlockRequest(uint256 hash, long? fromPeer)
    {
        if (!_blocksInFlight.TryGetValue(hash, out var entries))
            return;
        for (int i = 0; i < entries.Count; i++)
        {
            var (peerId, node) = entries[i];
            if (fromPeer is not null && fromPeer != peerId)
                continue;
            var state = State(peerId)!;
            if (state.BlocksInFlight.First == node)
            {
                // The first block arrived: the next one's download time starts now.
                state.DownloadingSinceMicros = Math.Max(state.DownloadingSinceMicros, NetTime.NowMicros());
            }

            state.BlocksInFlight.Remove(node);
            if (state.BlocksInFlight.Count == 0)
                _peersDownloadingFrom--;
            state.StallingSinceMicros = 0;
            entries.RemoveAt(i--);
            _blocksInFlightCount--;
        }

        if (entries.Count == 0)
            _blocksInFlight.Remove(hash);
    }

    /// <summary>
    /// Marks a block as requested from a peer; false (with <paramref name="queued"/> set) if it already was requested
    /// from that peer. <paramref name="forCompactBlock"/> creates the compact block state.
    /// </summary>
    private bool BlockRequested(long peerId, BlockIndex block, out QueuedBlock queued, bool forCompactBlock = false)
    {
        var hash = block.Hash;
        var state = State(peerId) ?? throw new InvalidOperationException($"No state for peer {peerId}.");
        if (_blocksInFlight.TryGetValue(hash, out var existing))
        {
            foreach (var (id, node) in existing)
            {
                if (id == peerId)
                {
                    queued = node.Value;
                    return false;
                }
            }
        }

        RemoveBlockRequest(hash, peerId);
        queued = new QueuedBlock(block, peerId)
        {
            PartialBlock = forCompactBlock ? new PartiallyDownloadedBlock(MempoolSnapshot) : null,
        };
        var listNode = state.BlocksInFlight.AddLast(queued);
        if (state.BlocksInFlight.Count == 1)
        {
            state.DownloadingSinceMicros = NetTime.NowMicros();
            _peersDownloadingFrom++;
        }

        if (!_blocksInFlight.TryGetValue(hash, out var entries))
            _blocksInFlight[hash] = entries = [];
        entries.Add((peerId, listNode));
        _blocksInFlightCount++;
        return true;
    }

    private bool TipMayBeStale()
    {
        long now = NetTime.NowSeconds();
        if (Interlocked.Read(ref _lastTipUpdateSeconds) == 0)
            Interlocked.Exchange(ref _lastTipUpdateSeconds, now);
        return Interlocked.Read(ref _lastTipUpdateSeconds) < now - (_chainParams.Consensus.PowTargetSpacing * 3) && _blocksInFlight.Count == 0;
    }

    /// <summary>Our tip is less than 20 block intervals old (Core's CanDirectFetch).</summary>
    private bool CanDirectFetch()
    {
        var tip = _chainman.ActiveChain.Tip;
        return tip is not null && tip.BlockTime > NetTime.NowSeconds() - (_chainParams.Consensus.PowTargetSpacing * 20);
    }

    private static bool PeerHasHeader(NodeState state, BlockIndex? index)
    {
        if (index is null)
            return false;
        if (state.BestKnownBlock is not null && index == state.BestKnownBlock.GetAncestor(index.Height))
            return true;
        return state.BestHeaderSent is not null && index == state.BestHeaderSent.GetAncestor(index.Height);
    }

    private void ProcessBlockAvailability(long peerId)
    {
        var state = State(peerId)!;
        if (state.LastUnknownBlockHash is null)
            return;
        var index = _chainman.Blockman.LookupBlockIndex(state.LastUnknownBlockHash);
        if (index is not null && !index.ChainWork.IsZero)
        {
            if (state.BestKnownBlock is null || index.ChainWork >= state.BestKnownBlock.ChainWork)
                state.BestKnownBlock = index;
            state.LastUnknownBlockHash = null;
        }
    }

    private void UpdateBlockAvailability(long peerId, uint256 hash)
    {
        var state = State(peerId)!;
        ProcessBlockAvailability(peerId);
        var index = _chainman.Blockman.LookupBlockIndex(hash);
        if (index is not null && !index.ChainWork.IsZero)
        {
            if (state.BestKnownBlock is null || index.ChainWork >= state.BestKnownBlock.ChainWork)
                state.BestKnownBlock = index;
        }
        else
        {
            // Unknown: assume the last one announced is the best.
            state.LastUnknownBlockHash = hash;
        }
    }

    private void FindNextBlocksToDownload(Peer peer, int count, List<BlockIndex> blocks, ref long staller)
    {
        if (count == 0)
            return;
        var state = State(peer.Id)!;
        ProcessBlockAvailability(peer.Id);
        var tip = _chainman.ActiveChain.Tip!;
        if (state.BestKnownBlock is null || state.BestKnownBlock.ChainWork < tip.ChainWork ||
            state.BestKnownBlock.ChainWork < _chainman.MinimumChainWork)
        {
            return;
        }

        // The last common block is an ancestor of the peer's best block at least as far as the fork point.
        var fork = BlockIndex.LastCommonAncestor(state.BestKnownBlock, tip);
        if (state.LastCommonBlock is null || fork.ChainWork > state.LastCommonBlock.ChainWork ||
            state.BestKnownBlock.GetAncestor(state.LastCommonBlock.Height) != state.LastCommonBlock)
        {
            state.LastCommonBlock = fork;
        }

        if (state.LastCommonBlock == state.BestKnownBlock)
            return;
        int windowEnd = state.LastCommonBlock.Height + BlockDownloadWindow;
        FindNextBlocks(blocks, peer, state, state.LastCommonBlock, count, windowEnd, useActiveChain: true, ref staller);
    }

    private void FindNextBlocks(List<BlockIndex> blocks, Peer peer, NodeState state, BlockIndex walk, int count, int windowEnd,
        bool useActiveChain, ref long staller)
    {
        var best = state.BestKnownBlock!;
        int maxHeight = Math.Min(best.Height, windowEnd + 1);
        bool limitedPeer = IsLimitedPeer(peer);
        long waitingFor = -1;
        var chain = _chainman.ActiveChain;
        var toFetch = new List<BlockIndex>();
        while (walk.Height < maxHeight)
        {
            // Read up to 128 successors towards the peer's best block at a time.
            int fetch = Math.Min(maxHeight - walk.Height, Math.Max(count - blocks.Count, 128));
            walk = best.GetAncestor(walk.Height + fetch)!;
            toFetch.Clear();
            for (var index = walk; toFetch.Count < fetch; index = index.Previous!)
                toFetch.Add(index);
            toFetch.Reverse();

            foreach (var index in toFetch)
            {
                if (!index.IsValid(BlockStatus.ValidTree))
                    return; // the peer's chain is invalid
                if (!CanServeWitnesses(peer) && IsSegwitActiveAt(index))
                    return;
                if ((index.Status & BlockStatus.HaveData) != 0 || (useActiveChain && chain.Contains(index)))
                {
                    if (useActiveChain && index.HaveNumChainTxs)
                        state.LastCommonBlock = index;
                    continue;
                }

                if (IsBlockRequested(index.Hash))
                {
                    if (waitingFor == -1)
                        waitingFor = _blocksInFlight[index.Hash][0].PeerId;
                    continue;
                }

                if (index.Height > windowEnd)
                {
                    // Nothing fits the window, but would if it were one larger: the first in-flight peer stalls us.
                    if (blocks.Count == 0 && waitingFor != peer.Id)
                        staller = waitingFor;
                    return;
                }

                if (limitedPeer && best.Height - index.Height >= NodeNetworkLimitedMinBlocks - 2)
                    continue;
                blocks.Add(index);
                if (blocks.Count == count)
                    return;
            }
        }
    }

    /// <summary>
    /// Whether a block may be served: in the active chain, or fully validated and less than a month older (in time
    /// and work) than our best header, to prevent fingerprinting (Core's BlockRequestAllowed).
    /// </summary>
    private bool BlockRequestAllowed(BlockIndex index)
    {
        if (_chainman.ActiveChain.Contains(index))
            return true;
        var best = _chainman.BestHeader;
        return index.IsValid(BlockStatus.ValidScripts) && best is not null &&
               best.BlockTime - index.BlockTime < StaleRelayAgeLimit &&
               Pow.GetBlockProofEquivalentTime(best, index, best, _chainParams.Consensus) < StaleRelayAgeLimit;
    }

    private bool AlreadyHaveBlock(uint256 hash) => _chainman.Blockman.LookupBlockIndex(hash) is not null;

    /// <summary>The block-index entry the locator and our active chain share (Core's FindForkInGlobalIndex).</summary>
    private BlockIndex? FindForkInGlobalIndex(IReadOnlyList<uint256> locator)
    {
        var chain = _chainman.ActiveChain;
        foreach (var hash in locator)
        {
            var index = _chainman.Blockman.LookupBlockIndex(hash);
            if (index is null)
                continue;
            if (chain.Contains(index))
                return index;
            if (chain.Tip is not null && index.GetAncestor(chain.Height) == chain.Tip)
                return chain.Tip;
        }

        return chain.Genesis;
    }

    /// <summary>The anti-DoS work threshold for headers chains (Core's GetAntiDoSWorkThreshold): near our tip or the minimum chain work.</summary>
    private ArithUInt256 GetAntiDoSWorkThreshold()
    {
        var nearTip = ArithUInt256.Zero;
        lock (_chainman.Lock)
        {
            var tip = _chainman.ActiveChain.Tip;
            if (tip is not null)
            {
                var buffer = Pow.GetBlockProof(tip) * new ArithUInt256(144);
                nearTip = tip.ChainWork - (buffer < tip.ChainWork ? buffer : tip.ChainWork);
            }
        }

        var minimum = _chainman.MinimumChainWork;
        return nearTip > minimum ? nearTip : minimum;
    }

    private bool IsAncestorOfBestHeaderOrTip(BlockIndex? header)
    {
        if (header is null)
            return false;
        var best = _chainman.BestHeader;
        if (best is not null && header == best.GetAncestor(header.Height))
            return true;
        return _chainman.ActiveChain.Contains(header);
    }

    /// <summary>
    /// Asks a peer for a block now (the getblockfrompeer RPC, Core's FetchBlock); null on success, else Core's reason.
    /// Call without the chainstate lock.
    /// </summary>
    public string? FetchBlock(long peerId, BlockIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (_chainman.Blockman.LoadingBlocks)
            return "Loading blocks ...";
        lock (_chainman.Lock)
        {
            var peer = GetPeer(peerId);
            if (peer is null)
                return "Peer does not exist";
            if (!CanServeWitnesses(peer))
                return "Pre-SegWit peer";
            RemoveBlockRequest(index.Hash, null);
            if (!BlockRequested(peerId, index, out _))
                return "Already requested from this peer";
            var invs = new List<Inventory> { new(InventoryType.WitnessBlock, index.Hash) };
            bool sent = _connman.ForNode(peerId, node =>
            {
                Push(node, NetMessageType.GetData, Protocol.Messages.Payloads.Inventories(invs));
                return true;
            });
            if (!sent)
                return "Peer not fully connected";
            Log.Debug(LogCategory.Net, $"Requesting block {index.Hash} from peer={peerId}");
            return null;
        }
    }

    /// <summary>Hands a block to validation and clears the requests for it (Core's ProcessBlock). Call without the lock.</summary>
    private void ProcessBlock(PeerConnection node, Block block, bool forceProcessing, bool minPowChecked)
    {
        var result = _chainman.ProcessNewBlock(block, forceProcessing, minPowChecked);
        lock (_chainman.Lock)
        {
            if (result.IsNewBlock)
            {
                node.LastBlockTime = NetTime.NowSeconds();
                // Stored: no need to wait for it from anyone else.
                RemoveBlockRequest(block.GetHash(), null);
            }
            else
            {
                _blockSource.Remove(block.GetHash());
            }
        }
    }
}
