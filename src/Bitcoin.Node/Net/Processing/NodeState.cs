using Bitcoin.Kernel.Chain;
using NBitcoin;

namespace Bitcoin.Node.Net.Processing;

/// <summary>
/// Block-sync state of one peer (Core's CNodeState), guarded by the chainstate lock: the best block it has, the
/// blocks requested from it, stalling and the outbound chain-sync timeout.
/// </summary>
internal sealed class NodeState
{
    public BlockIndex? BestKnownBlock { get; set; }

    public uint256? LastUnknownBlockHash { get; set; }

    public BlockIndex? LastCommonBlock { get; set; }

    public BlockIndex? BestHeaderSent { get; set; }

    public bool SyncStarted { get; set; }

    /// <summary>Since when the peer stalls the download window (microseconds), 0 if not.</summary>
    public long StallingSinceMicros { get; set; }

    /// <summary>Blocks in flight from this peer, oldest request first.</summary>
    public LinkedList<QueuedBlock> BlocksInFlight { get; } = new();

    /// <summary>When the first block in flight started downloading (microseconds).</summary>
    public long DownloadingSinceMicros { get; set; }

    public bool PreferredDownload { get; set; }

    public bool RequestedHighBandwidthCompactBlocks { get; set; }

    public bool ProvidesCompactBlocks { get; set; }

    // CHAIN_SYNC_TIMEOUT state for outbound peers (Core's ChainSyncTimeoutState).
    public long ChainSyncTimeoutSeconds { get; set; }

    public BlockIndex? ChainSyncWorkHeader { get; set; }

    public bool ChainSyncSentGetHeaders { get; set; }

    public bool ChainSyncProtect { get; set; }

    /// <summary>When the peer last announced a new block with more work than our tip (seconds).</summary>
    public long LastBlockAnnouncement { get; set; }
}
