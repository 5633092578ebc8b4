using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Protocol.Messages;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

// Serving data to peers: getdata (blocks, compact blocks, transactions), getheaders, getblocks, getblocktxn.
public sealed partial class PeerManager
{
    private readonly Lock _mostRecentBlockLock = new();
    private Block? _mostRecentBlock;
    private CompactBlock? _mostRecentCompactBlock;
    private uint256? _mostRecentBlockHash;
    private Dictionary<uint256, Transaction>? _mostRecentBlockTxs;

    private void ProcessGetDataMessage(Peer peer, PeerConnection node, byte[] payload, CancellationToken interrupt)
    {
        var items = Payloads.ReadInventories(payload);
        if (items.Count > MaxInvSize)
        {
            Misbehaving(peer, $"getdata message size = {items.Count}");
            return;
        }

        Log.Debug(LogCategory.Net, $"received getdata ({items.Count} invsz) peer={node.Id}");
        if (items.Count > 0)
            Log.Debug(LogCategory.Net, $"received getdata for: {items[0]} peer={node.Id}");
        lock (peer.GetDataLock)
        {
            foreach (var item in items)
                peer.GetDataRequests.AddLast(item);
            ProcessGetData(node, peer, interrupt);
        }
    }

    /// <summary>Answers queued getdata items: transactions in a batch, then at most one block (Core's ProcessGetData). Hold the peer's getdata lock.</summary>
    private void ProcessGetData(PeerConnection node, Peer peer, CancellationToken interrupt)
    {
        var txRelay = peer.TxRelay;
        var notFound = new List<Inventory>();
        var requests = peer.GetDataRequests;
        while (requests.First is { } first && first.Value.IsGenTx)
        {
            if (interrupt.IsCancellationRequested)
                return;
            // A full send buffer pushes back: continue on a later pass.
            if (node.PauseSend)
                break;
            requests.RemoveFirst();
            var item = first.Value;
            if (txRelay is null)
                continue; // block-relay-only peers and peers that asked for no transactions
            var tx = FindTxForGetData(txRelay, item);
            if (tx is not null)
            {
                Push(node, NetMessageType.Tx, WireSerialization.SerializeTransaction(tx, witness: !item.IsTx));
                _mempool?.RemoveUnbroadcastTx(tx.GetHash());
            }
            else
            {
                notFound.Add(item);
            }
        }

        if (requests.First is { } next && !node.PauseSend)
        {
            requests.RemoveFirst();
            // An unknown type is dropped here so a malformed getdata cannot stall the queue.
            if (next.Value.IsGenBlock)
                ProcessGetBlockData(node, peer, next.Value);
        }

        if (notFound.Count > 0)
            Push(node, NetMessageType.NotFound, Payloads.Inventories(notFound));
    }

    private void ProcessGetBlockData(PeerConnection node, Peer peer, Inventory item)
    {
        if (item.IsFilteredBlock && (peer.OurServices & ServiceFlags.Bloom) == 0)
        {
            Log.Debug(LogCategory.Net, $"filtered block request received when NODE_BLOOM service disabled, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return;
        }

        Block? recentBlock;
        CompactBlock? recentCompact;
        lock (_mostRecentBlockLock)
        {
            recentBlock = _mostRecentBlock;
            recentCompact = _mostRecentCompactBlock;
        }

        bool needActivateChain = false;
        lock (_chainman.Lock)
        {
            var candidate = _chainman.Blockman.LookupBlockIndex(item.Hash);
            // Stored with all its parents but not yet connected: we may be in the middle of connecting it.
            if (candidate is not null && candidate.HaveNumChainTxs && !candidate.IsValid(BlockStatus.ValidScripts) &&
                candidate.IsValid(BlockStatus.ValidTree))
            {
                needActivateChain = true;
            }
        }

        if (needActivateChain)
        {
            var activateState = _chainman.ActivateBestChain();
            if (!activateState.IsValid)
                Log.Debug(LogCategory.Net, $"failed to activate chain ({activateState})");
        }

        BlockIndex index;
        BlockIndex tip;
        bool canDirectFetch;
        lock (_chainman.Lock)
        {
            var found = _chainman.Blockman.LookupBlockIndex(item.Hash);
            if (found is null)
                return;
            index = found;
            if (!BlockRequestAllowed(index))
            {
                Log.Debug(LogCategory.Net, $"ProcessGetBlockData: ignoring request from peer={node.Id} for old block that isn't in the main chain");
                return;
            }

            var best = _chainman.BestHeader;
            if (_connman.OutboundTargetReached(historicalBlockServingLimit: true) &&
                ((best is not null && best.BlockTime - index.BlockTime > HistoricalBlockAge) || item.IsFilteredBlock) &&
                !node.HasPermission(NetPermissionFlags.Download))
            {
                Log.Debug(LogCategory.Net, $"historical block serving limit reached, {node.DisconnectMessage()}");
                node.RequestDisconnect();
                return;
            }

            tip = _chainman.ActiveChain.Tip!;
            if (!node.HasPermission(NetPermissionFlags.NoBan) &&
                (peer.OurServices & ServiceFlags.NetworkLimited) == ServiceFlags.NetworkLimited &&
                (peer.OurServices & ServiceFlags.Network) != ServiceFlags.Network &&
                tip.Height - index.Height > NodeNetworkLimitedMinBlocks + 2)
            {
                Log.Debug(LogCategory.Net, $"Ignore block request below NODE_NETWORK_LIMITED threshold, {node.DisconnectMessage()}");
                node.RequestDisconnect();
                return;
            }

            if ((index.Status & BlockStatus.HaveData) == 0)
                return;
            canDirectFetch = CanDirectFetch();
        }

        Block? block = null;
        if (recentBlock is not null && recentBlock.GetHash() == item.Hash)
        {
            block = recentBlock;
        }
        else if (item.IsWitnessBlock)
        {
            // The wire format with witnesses is the disk format: send the stored bytes as they are.
            var raw = _chainman.ReadRawBlock(index);
            if (raw is null)
            {
                Log.Error($"Cannot load block from disk, {node.DisconnectMessage()}");
                node.RequestDisconnect();
                return;
            }

            Push(node, NetMessageType.Block, raw);
        }
        else
        {
            block = _chainman.ReadBlock(index);
            if (block is null)
            {
                Log.Error($"Cannot load block from disk, {node.DisconnectMessage()}");
                node.RequestDisconnect();
                return;
            }
        }

        if (block is not null)
        {
            if (item.IsBlock)
            {
                Push(node, NetMessageType.Block, WireSerialization.SerializeBlock(block, witness: false));
            }
            else if (item.IsWitnessBlock)
            {
                Push(node, NetMessageType.Block, WireSerialization.SerializeBlock(block, witness: true));
            }
            else if (item.IsFilteredBlock)
            {
                SendMerkleBlock(node, peer, block);
            }
            else if (item.IsCmpctBlock)
            {
                // Peers asking for old blocks will not have the transactions: send those in full.
                if (canDirectFetch && index.Height >= tip.Height - MaxCmpctBlockDepth)
                {
                    var compact = recentCompact is not null && recentCompact.Header.GetHash() == item.Hash
                        ? recentCompact
                        : CompactBlock.FromBlock(block, NewNonce());
                    Push(node, NetMessageType.CmpctBlock, compact.Serialize());
                }
                else
                {
                    Push(node, NetMessageType.Block, WireSerialization.SerializeBlock(block, witness: true));
                }
            }
        }

        lock (peer.BlockInvLock)
        {
            // The last block of a getblocks batch was asked for: announce our tip so the peer asks for the next batch.
            if (peer.ContinuationBlock is not null && item.Hash == peer.ContinuationBlock)
            {
                Push(node, NetMessageType.Inv, Payloads.Inventories([new Inventory(InventoryType.Block, tip.Hash)]));
                peer.ContinuationBlock = null;
            }
        }
    }

    private static ulong NewNonce() => (ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue);

    private void ProcessGetBlocks(Peer peer, PeerConnection node, byte[] payload)
    {
        var request = LocatorMessage.Read(payload);
        if (request.Locator.Count > MaxLocatorSize)
        {
            Log.Debug(LogCategory.Net, $"getblocks locator size {request.Locator.Count} > {MaxLocatorSize}, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return;
        }

        // A compact block we announced may still be connecting; answer from the best chain.
        var activateState = _chainman.ActivateBestChain();
        if (!activateState.IsValid)
            Log.Debug(LogCategory.Net, $"failed to activate chain ({activateState})");

        lock (_chainman.Lock)
        {
            var chain = _chainman.ActiveChain;
            var index = FindForkInGlobalIndex(request.Locator);
            if (index is not null)
                index = chain.Next(index);
            int limit = 500;
            var stop = request.Stop == uint256.Zero ? "end" : request.Stop.ToString();
            Log.Debug(LogCategory.Net, $"getblocks {index?.Height ?? -1} to {stop} limit {limit} from peer={node.Id}");
            for (; index is not null; index = chain.Next(index))
            {
                if (index.Hash == request.Stop)
                {
                    Log.Debug(LogCategory.Net, $" getblocks stopping at {index.Height} {index.Hash}");
                    break;
                }

                lock (peer.BlockInvLock)
                    peer.BlocksForInvRelay.Add(index.Hash);
                if (--limit <= 0)
                {
                    // Asking for this block later makes us announce the next batch.
                    Log.Debug(LogCategory.Net, $" getblocks stopping at limit {index.Height} {index.Hash}");
                    lock (peer.BlockInvLock)
                        peer.ContinuationBlock = index.Hash;
                    break;
                }
            }
        }
    }

    private void ProcessGetHeaders(PeerConnection node, byte[] payload)
    {
        var request = LocatorMessage.Read(payload);
        if (request.Locator.Count > MaxLocatorSize)
        {
            Log.Debug(LogCategory.Net, $"getheaders locator size {request.Locator.Count} > {MaxLocatorSize}, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return;
        }

        if (_chainman.Blockman.LoadingBlocks)
        {
            Log.Debug(LogCategory.Net, $"Ignoring getheaders from peer={node.Id} while importing/reindexing");
            return;
        }

        lock (_chainman.Lock)
        {
            var tip = _chainman.ActiveChain.Tip;
            if (tip is null || (tip.ChainWork < _chainman.MinimumChainWork && !node.HasPermission(NetPermissionFlags.Download)))
            {
                // Tell the peer to go away without looking unresponsive.
                Log.Debug(LogCategory.Net, $"Ignoring getheaders from peer={node.Id} because active chain has too little work; sending empty response");
                Push(node, NetMessageType.Headers, Payloads.Headers([]));
                return;
            }

            var state = State(node.Id)!;
            var chain = _chainman.ActiveChain;
            BlockIndex? index;
            if (request.Locator.Count == 0)
            {
                index = _chainman.Blockman.LookupBlockIndex(request.Stop);
                if (index is null)
                    return;
                if (!BlockRequestAllowed(index))
                {
                    Log.Debug(LogCategory.Net, $"ProcessMessage: ignoring request from peer={node.Id} for old block header that isn't in the main chain");
                    return;
                }
            }
            else
            {
                index = FindForkInGlobalIndex(request.Locator);
                if (index is not null)
                    index = chain.Next(index);
            }

            var headers = new List<BlockHeader>();
            int limit = _options.MaxHeadersResult;
            var stop = request.Stop == uint256.Zero ? "end" : request.Stop.ToString();
            Log.Debug(LogCategory.Net, $"getheaders {index?.Height ?? -1} to {stop} from peer={node.Id}");
            for (; index is not null; index = chain.Next(index))
            {
                headers.Add(index.GetBlockHeader());
                if (--limit <= 0 || index.Hash == request.Stop)
                    break;
            }

            // Reset, not max: a compact block announcement may be ahead of this answer and must be repeated.
            state.BestHeaderSent = index ?? chain.Tip;
            Push(node, NetMessageType.Headers, Payloads.Headers(headers));
        }
    }

    private void ProcessGetBlockTxn(Peer peer, PeerConnection node, byte[] payload)
    {
        var request = BlockTransactionsRequest.Read(payload);
        if (request.Indexes.Count == 0)
        {
            Log.Debug(LogCategory.Net, $"getblocktxn received with no transaction indexes, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return;
        }

        Block? recent = null;
        lock (_mostRecentBlockLock)
        {
            if (_mostRecentBlockHash is not null && _mostRecentBlockHash == request.BlockHash)
                recent = _mostRecentBlock;
        }

        if (recent is not null)
        {
            SendBlockTransactions(node, peer, recent, request);
            return;
        }

        BlockIndex? index;
        bool recentEnough;
        lock (_chainman.Lock)
        {
            index = _chainman.Blockman.LookupBlockIndex(request.BlockHash);
            if (index is null || (index.Status & BlockStatus.HaveData) == 0)
            {
                Log.Debug(LogCategory.Net, $"Peer {node.Id} sent us a getblocktxn for a block we don't have");
                return;
            }

            recentEnough = index.Height >= _chainman.ActiveChain.Height - MaxBlockTxnDepth;
        }

        if (recentEnough)
        {
            var block = _chainman.ReadBlock(index);
            if (block is not null)
            {
                SendBlockTransactions(node, peer, block, request);
                return;
            }
        }

        // Older blocks are answered with the full block, which costs the requester as much as us.
        Log.Debug(LogCategory.Net, $"Peer {node.Id} sent us a getblocktxn for a block > {MaxBlockTxnDepth} deep");
        lock (peer.GetDataLock)
            peer.GetDataRequests.AddLast(new Inventory(InventoryType.WitnessBlock, request.BlockHash));
    }

    private void SendBlockTransactions(PeerConnection node, Peer peer, Block block, BlockTransactionsRequest request)
    {
        var txs = new List<Transaction>(request.Indexes.Count);
        foreach (var index in request.Indexes)
        {
            if (index >= block.Transactions.Count)
            {
                Misbehaving(peer, "getblocktxn with out-of-bounds tx indices");
                return;
            }

            txs.Add(block.Transactions[index]);
        }

        Log.Debug(LogCategory.CmpctBlock, $"{node.LogPeer()} sent us a GETBLOCKTXN for block {block.GetHash()}, sending a BLOCKTXN with {txs.Count} txns.");
        Push(node, NetMessageType.BlockTxn, new Protocol.Messages.BlockTransactions(block.GetHash(), txs).Serialize());
    }
}
