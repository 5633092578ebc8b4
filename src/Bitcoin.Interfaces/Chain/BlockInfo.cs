using NBitcoin;

namespace Bitcoin.Interfaces;

/// <summary>
/// A block as chain notifications describe it (Core's <c>interfaces::BlockInfo</c>). The block object is shared with
/// the node in one process: treat it as read-only.
/// </summary>
/// <param name="Hash">The block hash.</param>
public sealed record BlockInfo(uint256 Hash)
{
    /// <summary>The previous block's hash; null only for the genesis block.</summary>
    public uint256? PrevHash { get; init; }

    /// <summary>The block height, or -1 if unknown.</summary>
    public int Height { get; init; } = -1;

    /// <summary>The number of the blk file holding the block, or -1.</summary>
    public int FileNumber { get; init; } = -1;

    /// <summary>The block's position in its blk file.</summary>
    public uint DataPos { get; init; }

    /// <summary>The block (always set for connected and disconnected notifications).</summary>
    public Block? Data { get; init; }

    /// <summary>The block's undo data in Core's serialization, when the notification carries it; usually null.</summary>
    public byte[]? UndoData { get; init; }

    /// <summary>The greatest header time of the block and its ancestors.</summary>
    public uint ChainTimeMax { get; init; }
}
