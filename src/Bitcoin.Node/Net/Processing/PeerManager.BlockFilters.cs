using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Index;
using Bitcoin.Node.Net.Connections;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Protocol.Messages;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

// Serving BIP157 compact block filters from the block filter index (Core's ProcessGetCFilters, ProcessGetCFHeaders,
// ProcessGetCFCheckPt and PrepareBlockFilterRequest).
public sealed partial class PeerManager
{
    private const string BasicFilterTypeName = BlockFilterIndex.FilterTypeName;

    private void ProcessGetCFilters(Peer peer, PeerConnection node, byte[] payload)
    {
        var request = BlockFilterRangeRequest.Read(payload);
        if (!PrepareBlockFilterRequest(peer, node, request.FilterType, request.StartHeight, request.StopHash,
                BlockFilterRequestCheck.MaxGetCFilters, out var stopIndex, out var filterIndex))
            return;

        var filters = new List<BasicBlockFilter>();
        foreach (var index in RangeOf(stopIndex, request.StartHeight))
        {
            if (filterIndex.LookupFilter(index) is not { } filter)
            {
                Log.Debug(LogCategory.Net, $"Failed to find block filter in index: filter_type={BasicFilterTypeName}, start_height={request.StartHeight}, stop_hash={request.StopHash}");
                return;
            }
            filters.Add(filter);
        }

        // Found all or nothing, as Core: a partial answer would look like a complete one to the peer.
        foreach (var filter in filters)
            Push(node, NetMessageType.CFilter, new BlockFilterMessage(request.FilterType, filter.BlockHash, filter.Encoded.ToArray()).Serialize());
    }

    private void ProcessGetCFHeaders(Peer peer, PeerConnection node, byte[] payload)
    {
        var request = BlockFilterRangeRequest.Read(payload);
        if (!PrepareBlockFilterRequest(peer, node, request.FilterType, request.StartHeight, request.StopHash,
                BlockFilterRequestCheck.MaxGetCFHeaders, out var stopIndex, out var filterIndex))
            return;

        var previousHeader = uint256.Zero;
        if (request.StartHeight > 0)
        {
            var previous = stopIndex.GetAncestor((int)request.StartHeight - 1)!;
            if (filterIndex.LookupFilterHeader(previous) is not { } header)
            {
                Log.Debug(LogCategory.Net, $"Failed to find block filter header in index: filter_type={BasicFilterTypeName}, block_hash={previous.Hash}");
                return;
            }
            previousHeader = header;
        }

        var hashes = new List<uint256>();
        foreach (var index in RangeOf(stopIndex, request.StartHeight))
        {
            if (filterIndex.LookupFilterHash(index) is not { } hash)
            {
                Log.Debug(LogCategory.Net, $"Failed to find block filter hashes in index: filter_type={BasicFilterTypeName}, start_height={request.StartHeight}, stop_hash={request.StopHash}");
                return;
            }
            hashes.Add(hash);
        }

        Push(node, NetMessageType.CFHeaders, new BlockFilterHeadersMessage(request.FilterType, stopIndex.Hash, previousHeader, hashes).Serialize());
    }

    private void ProcessGetCFCheckpt(Peer peer, PeerConnection node, byte[] payload)
    {
        var request = BlockFilterCheckpointRequest.Read(payload);
        if (!PrepareBlockFilterRequest(peer, node, request.FilterType, startHeight: 0, request.StopHash, maxHeightDiff: uint.MaxValue,
                out var stopIndex, out var filterIndex))
            return;

        var headers = new uint256[stopIndex.Height / BlockFilterRequestCheck.CheckpointInterval];
        var index = stopIndex;
        for (int i = headers.Length - 1; i >= 0; i--)
        {
            index = index.GetAncestor((i + 1) * BlockFilterRequestCheck.CheckpointInterval)!;
            if (filterIndex.LookupFilterHeader(index) is not { } header)
            {
                Log.Debug(LogCategory.Net, $"Failed to find block filter header in index: filter_type={BasicFilterTypeName}, block_hash={index.Hash}");
                return;
            }
            headers[i] = header;
        }

        Push(node, NetMessageType.CFCheckpt, new BlockFilterCheckpointMessage(request.FilterType, stopIndex.Hash, headers).Serialize());
    }

    // Validates a request (disconnecting the peer when it is bad) and finds its stop block and the index to answer from.
    private bool PrepareBlockFilterRequest(Peer peer, PeerConnection node, byte filterType, uint startHeight, uint256 stopHash,
        uint maxHeightDiff, out BlockIndex stopIndex, out BlockFilterIndex filterIndex)
    {
        stopIndex = null!;
        filterIndex = null!;
        bool servesBasicFilters = (peer.OurServices & ServiceFlags.CompactFilters) != 0;
        BlockIndex? found = null;
        bool allowed = false;
        // The stop block is only looked up for a supported type: an unsupported one is refused whatever it names.
        if (filterType == BlockFilterRequestCheck.BasicFilterType && servesBasicFilters)
        {
            lock (_chainman.Lock)
            {
                found = _chainman.Blockman.LookupBlockIndex(stopHash);
                allowed = found is not null && BlockRequestAllowed(found);
            }
        }

        if (BlockFilterRequestCheck.Check(filterType, servesBasicFilters, stopHash, found, allowed, startHeight, maxHeightDiff) is { } reason)
        {
            Log.Debug(LogCategory.Net, $"{reason}, {node.DisconnectMessage()}");
            node.RequestDisconnect();
            return false;
        }

        if (_options.BlockFilterIndex is not { } index)
        {
            Log.Debug(LogCategory.Net, $"Filter index for supported type {BasicFilterTypeName} not found");
            return false;
        }

        stopIndex = found!;
        filterIndex = index;
        return true;
    }

    // The stop block's ancestors from startHeight up to it, lowest first (the request was checked: startHeight <= its height).
    private static BlockIndex[] RangeOf(BlockIndex stopIndex, uint startHeight)
    {
        var range = new BlockIndex[stopIndex.Height - (int)startHeight + 1];
        var index = stopIndex;
        for (int i = range.Length - 1; i >= 0; i--)
        {
            range[i] = index;
            index = index.Previous!;
        }
        return range;
    }
}
