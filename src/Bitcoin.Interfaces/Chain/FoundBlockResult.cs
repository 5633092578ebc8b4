using NBitcoin;

namespace Bitcoin.Interfaces;

/// <summary>
/// What a <c>find*</c> call of <see cref="IChain"/> returned for one block (the IPC <c>FoundBlockResult</c>). Only the
/// members asked for in the matching <see cref="FoundBlockRequest"/> are set; the others keep their defaults.
/// </summary>
public sealed record FoundBlockResult
{
    /// <summary>Nothing found.</summary>
    public static FoundBlockResult NotFound { get; } = new();

    /// <summary>The block hash (when asked for).</summary>
    public uint256? Hash { get; init; }

    /// <summary>The block height (when asked for).</summary>
    public int Height { get; init; }

    /// <summary>The header time (when asked for).</summary>
    public long Time { get; init; }

    /// <summary>The greatest header time of the block and its ancestors (when asked for).</summary>
    public long MaxTime { get; init; }

    /// <summary>The median time past (when asked for).</summary>
    public long MtpTime { get; init; }

    /// <summary>Whether the block is in the active chain (when asked for).</summary>
    public bool InActiveChain { get; init; }

    /// <summary>A locator of the block when asked for and the block is in the active chain; otherwise null.</summary>
    public BlockLocator? Locator { get; init; }

    /// <summary>The next block of the active chain when asked for; null when this block is the tip or not in the active chain.</summary>
    public FoundBlockResult? NextBlock { get; init; }

    /// <summary>
    /// The block read from disk when asked for; null when its data is not available (e.g. pruned). Callers must not
    /// modify it: in one process it is the node's own object.
    /// </summary>
    public Block? Data { get; init; }

    /// <summary>True if the block was found.</summary>
    public bool Found { get; init; }
}
