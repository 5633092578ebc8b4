using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Protocol.Messages;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

// Receiving blocks: full blocks, compact blocks (BIP152) and the transactions completing them.
public sealed partial class PeerManager
{
    private readonly (uint256 Wtxid, Transaction Tx)?[] _extraTxnForCompact;
    private int _extraTxnForCompactNext;

    private void ProcessBlockMessage(Peer peer, PeerConnection node, byte[] payload)
    {
        if (_chainman.Blockman.LoadingBlocks)
        {
            Log.Debug(LogCategory.Net, $"Unexpected block message received from peer {node.Id}");
            return;
        }

        var block = WireSerialization.ReadBlock(payload, _factory);
        var hash = block.GetHash();
        Log.Debug(LogCategory.Net, $"received block {hash} peer={node.Id}");
        var previous = _chainman.LookupBlockIndex(block.Header.HashPrevBlock);
        if (previous is not null && MutatedBlockCheck.IsMutated(block, IsSegwitActiveAfter(previous)))
        {
            Log.Debug(LogCategory.Net, $"Received mutated block from peer={peer.Id}");
            Misbehaving(peer, "mutated block");
            lock (_chainman.Lock)
                RemoveBlockRequest(hash, peer.Id);
            return;
        }

        bool forceProcessing;
        bool minPowChecked = false;
        var threshold = GetAntiDoSWorkThreshold();
        lock (_chainman.Lock)
        {
            // Blocks we asked for are always processed, even when they are not candidates for a new tip.
            forceProcessing = IsBlockRequested(hash);
            RemoveBlockRequest(hash, node.Id);
            _blockSource.TryAdd(hash, (node.Id, true));
            if (previous is not null && previous.ChainWork + Pow.GetBlockProof(block.Header) >= threshold)
                minPowChecked = true;
        }

        ProcessBlock(node, block, forceProcessing, minPowChecked);
    }

    private IReadOnlyList<(uint256 Wtxid, Transaction Tx)> MempoolSnapshot()
    {
        if (_mempool is null)
            return [];
        return _mempool.EntriesInMiningOrder().Select(e => (e.Wtxid, e.Transaction)).ToList();
    }

    private List<(uint256 Wtxid, Transaction Tx)> ExtraTransactions() =>
        _extraTxnForCompact.Where(e => e is not null).Select(e => e!.Value).ToList();

    /// <summary>Keeps a transaction for compact block reconstruction (orphans, replaced and rejected ones).</summary>
    private void AddToCompactExtraTransactions(Transaction tx)
    {
        if (_extraTxnForCompact.Length == 0)
            return;
        _extraTxnForCompact[_extraTxnForCompactNext] = (tx.GetWitHash(), tx);
        _extraTxnForCompactNext = (_extraTxnForCompactNext + 1) % _extraTxnForCompact.Length;
    }

    private void ProcessCompactBlockMessage(Peer peer, PeerConnection node, byte[] payload)
    {
        if (_chainman.Blockman.LoadingBlocks)
        {
            Log.Debug(LogCategory.CmpctBlock, $"{node.LogPeer()} sent us a compact block even though we are still loading blocks!");
            return;
        }

        if (_options.IgnoreIncomingTxs)
        {
            Log.Debug(LogCategory.CmpctBlock, $"{node.LogPeer()} sent us a compact block even though we are blocksonly!");
            return;
        }

        lock (_chainman.Lock)
        {
            if (!State(node.Id)!.ProvidesCompactBlocks)
            {
                Log.Debug(LogCategory.CmpctBlock, $"{node.LogPeer()} sent us a compact block despite never having sent us a SENDCMPCT!");
                return;
            }
        }

        var compact = CompactBlock.Read(payload, _factory);
        var blockHash = compact.Header.GetHash();
        bool receivedNewHeader = false;
        var threshold = GetAntiDoSWorkThreshold();
        lock (_chainman.Lock)
        {
            var previous = _chainman.Blockman.LookupBlockIndex(compact.Header.HashPrevBlock);
            if (previous is null)
            {
                // Does not connect: ask for the headers in between rather than treating it as invalid.
                if (!_chainman.IsInitialBlockDownload)
                    MaybeSendGetHeaders(node, ActiveChain.LocatorEntries(_chainman.BestHeader), peer);
                return;
            }

            if (previous.ChainWork + Pow.GetBlockProof(compact.Header) < threshold)
            {
                Log.Debug(LogCategory.Net, $"Ignoring low-work compact block from peer {node.Id}");
                return;
            }

            if (_chainman.Blockman.LookupBlockIndex(blockHash) is null)
                receivedNewHeader = true;
        }

        var headerState = new BlockValidationState();
        if (!_chainman.ProcessNewBlockHeaders([compact.Header], minPowChecked: true, headerState, out var index) && headerState.IsInvalid)
        {
            MaybePunishNodeForBlock(node.Id, headerState, viaCompactBlock: true, "invalid header via cmpctblock");
            return;
        }

        if (index is null)
            return;
        if (receivedNewHeader)
            LogBlockHeader(index, node, viaCompactBlock: true);

        bool processBlockTxn = false;
        bool revertToHeaderProcessing = false;
        Block? reconstructed = null;
        lock (_chainman.Lock)
        {
            UpdateBlockAvailability(node.Id, index.Hash);
            var state = State(node.Id)!;
            var tip = _chainman.ActiveChain.Tip!;
            if (receivedNewHeader && index.ChainWork > tip.ChainWork)
                state.LastBlockAnnouncement = NetTime.NowSeconds();
            if ((index.Status & BlockStatus.HaveData) != 0)
                return;

            _blocksInFlight.TryGetValue(index.Hash, out var inFlight);
            int alreadyInFlight = inFlight?.Count ?? 0;
            bool firstInFlight = alreadyInFlight == 0 || inFlight![0].PeerId == node.Id;
            bool requestedFromThisPeer = inFlight?.Any(e => e.PeerId == node.Id) ?? false;
            if (!requestedFromThisPeer && !node.Bip152HighBandwidthTo)
            {
                Log.Debug(LogCategory.CmpctBlock, $"{node.LogPeer()}, not marked as high-bandwidth, sent us an unsolicited compact block!");
                return;
            }

            if (index.ChainWork <= tip.ChainWork || index.TxCount != 0)
            {
                // We know something better, or had this block: the mempool will not help, ask for the block itself.
                if (requestedFromThisPeer)
                    Push(node, NetMessageType.GetData, Payloads.Inventories([new Inventory(InventoryType.Block | GetFetchFlags(peer), blockHash)]));
                return;
            }

            if (alreadyInFlight == 0 && !CanDirectFetch())
                return;

            if (index.Height <= _chainman.ActiveChain.Height + 2)
            {
                if ((alreadyInFlight < MaxCmpctBlocksInFlightPerBlock && state.BlocksInFlight.Count < MaxBlocksInTransitPerPeer) || requestedFromThisPeer)
                {
                    if (!BlockRequested(node.Id, index, out var queued, forCompactBlock: true))
                    {
                        if (queued.PartialBlock is null)
                        {
                            queued.PartialBlock = new PartiallyDownloadedBlock(MempoolSnapshot);
                        }
                        else
                        {
                            Log.Debug(LogCategory.Net, "Peer sent us compact block we were already syncing!");
                            return;
                        }
                    }

                    var partial = queued.PartialBlock!;
                    var status = partial.InitData(compact, ExtraTransactions());
                    if (status == ReadStatus.Invalid)
                    {
                        RemoveBlockRequest(index.Hash, node.Id);
                        Misbehaving(peer, "invalid compact block");
                        return;
                    }

                    if (status == ReadStatus.Failed)
                    {
                        if (firstInFlight)
                            Push(node, NetMessageType.GetData, Payloads.Inventories([new Inventory(InventoryType.Block | GetFetchFlags(peer), blockHash)]));
                        else
                            RemoveBlockRequest(index.Hash, node.Id);
                        return;
                    }

                    var missing = new List<ushort>();
                    for (int i = 0; i < compact.BlockTxCount; i++)
                    {
                        if (!partial.IsTransactionAvailable(i))
                            missing.Add((ushort)i);
                    }

                    if (missing.Count == 0)
                    {
                        processBlockTxn = true;
                    }
                    else if (firstInFlight || (node.Bip152HighBandwidthTo &&
                                               (!node.IsInbound || IsBlockRequestedFromOutbound(blockHash) || alreadyInFlight < MaxCmpctBlocksInFlightPerBlock - 1)))
                    {
                        Push(node, NetMessageType.GetBlockTxn, new BlockTransactionsRequest(index.Hash, missing).Serialize());
                    }
                    else
                    {
                        RemoveBlockRequest(index.Hash, node.Id);
                    }
                }
                else
                {
                    // Already in flight elsewhere or this peer is busy: try to rebuild without a round trip.
                    var temporary = new PartiallyDownloadedBlock(MempoolSnapshot);
                    if (temporary.InitData(compact, ExtraTransactions()) != ReadStatus.Ok)
                        return;
                    var previous = _chainman.Blockman.LookupBlockIndex(compact.Header.HashPrevBlock);
                    if (temporary.FillBlock([], IsSegwitActiveAfter(previous), _factory, out var block) == ReadStatus.Ok)
                        reconstructed = block;
                }
            }
            else if (requestedFromThisPeer)
            {
                // Far ahead of our tip: our mempool will not help.
                Push(node, NetMessageType.GetData, Payloads.Inventories([new Inventory(InventoryType.Block | GetFetchFlags(peer), blockHash)]));
                return;
            }
            else
            {
                revertToHeaderProcessing = true;
            }
        }

        if (processBlockTxn)
        {
            ProcessCompactBlockTxns(node, peer, new Protocol.Messages.BlockTransactions(blockHash, []));
            return;
        }

        if (revertToHeaderProcessing)
        {
            // High-bandwidth peers may relay headers before validating the block; do not punish for an invalid one.
            ProcessHeadersMessage(node, peer, [compact.Header], viaCompactBlock: true);
            return;
        }

        if (reconstructed is not null)
        {
            lock (_chainman.Lock)
                _blockSource.TryAdd(reconstructed.GetHash(), (node.Id, false));
            // Safe to treat as requested: we only rebuild near our tip, for blocks with more work than it.
            ProcessBlock(node, reconstructed, forceProcessing: true, minPowChecked: true);
            lock (_chainman.Lock)
            {
                if (index.IsValid(BlockStatus.ValidTransactions))
                    RemoveBlockRequest(reconstructed.GetHash(), null);
            }
        }
    }

    private void ProcessCompactBlockTxns(PeerConnection node, Peer peer, Protocol.Messages.BlockTransactions transactions)
    {
        Block? block = null;
        lock (_chainman.Lock)
        {
            if (!_blocksInFlight.TryGetValue(transactions.BlockHash, out var inFlight))
                inFlight = [];
            bool firstInFlight = inFlight.Count == 0 || inFlight[0].PeerId == node.Id;
            QueuedBlock? queued = inFlight.FirstOrDefault(e => e.PeerId == node.Id && e.Node.Value.PartialBlock is not null).Node?.Value;
            if (queued is null)
            {
                Log.Debug(LogCategory.Net, $"Peer {node.Id} sent us block transactions for block we weren't expecting");
                return;
            }

            var partial = queued.PartialBlock!;
            if (partial.Header is null)
            {
                RemoveBlockRequest(transactions.BlockHash, node.Id);
                Misbehaving(peer, "previous compact block reconstruction attempt failed");
                Log.Debug(LogCategory.Net, $"Peer {node.Id} sent compact block transactions multiple times");
                return;
            }

            var previous = _chainman.Blockman.LookupBlockIndex(partial.Header.HashPrevBlock);
            var status = partial.FillBlock(transactions.Transactions, IsSegwitActiveAfter(previous), _factory, out block);
            if (status == ReadStatus.Invalid)
            {
                RemoveBlockRequest(transactions.BlockHash, node.Id);
                Misbehaving(peer, "invalid compact block/non-matching block transactions");
                return;
            }

            if (status == ReadStatus.Failed)
            {
                if (firstInFlight)
                {
                    // A short id collision: fall back to the full block, still counted as this request.
                    Push(node, NetMessageType.GetData, Payloads.Inventories([new Inventory(InventoryType.Block | GetFetchFlags(peer), transactions.BlockHash)]));
                }
                else
                {
                    RemoveBlockRequest(transactions.BlockHash, node.Id);
                    Log.Debug(LogCategory.Net, $"Peer {node.Id} sent us a compact block but it failed to reconstruct, waiting on first download to complete");
                }

                return;
            }

            RemoveBlockRequest(transactions.BlockHash, node.Id);
            // BIP152 lets peers relay compact blocks before validating them: do not punish if the block is invalid.
            _blockSource.TryAdd(transactions.BlockHash, (node.Id, false));
        }

        if (block is not null)
            ProcessBlock(node, block, forceProcessing: true, minPowChecked: true);
    }
}
