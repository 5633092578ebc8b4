using Bitcoin.Kernel.Chain;

namespace Bitcoin.Node.Net.Processing;

/// <summary>A block requested from a peer (Core's QueuedBlock), with the compact block state when fetched that way.</summary>
internal sealed class QueuedBlock(BlockIndex index, long peerId)
{
    public BlockIndex Index { get; } = index;

    public long PeerId { get; } = peerId;

    public PartiallyDownloadedBlock? PartialBlock { get; set; }
}
