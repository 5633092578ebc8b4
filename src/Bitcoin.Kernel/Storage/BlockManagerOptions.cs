using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Validation;

namespace Bitcoin.Kernel.Storage;

/// <summary>Settings of a <see cref="BlockManager"/> (Core's BlockManager::Options plus the block tree DBParams).</summary>
public sealed record BlockManagerOptions
{
    /// <summary>The chain whose blocks are stored (network magic, genesis, proof-of-work limits).</summary>
    public required ChainParams ChainParams { get; init; }

    /// <summary>Directory of blk/rev files (<c>-blocksdir</c>/blocks, normally <c>&lt;datadir&gt;/blocks</c>).</summary>
    public required string BlocksDir { get; init; }

    /// <summary>Directory of the block index database (<c>&lt;datadir&gt;/blocks/index</c>, always under the datadir).</summary>
    public required string BlockTreeDbPath { get; init; }

    /// <summary>Memory for the block index database, in bytes.</summary>
    public long BlockTreeDbCacheBytes { get; init; } = 2L * 1024 * 1024;

    /// <summary>Wipe the block index database and rebuild it from the blk files (-reindex).</summary>
    public bool WipeBlockTreeDb { get; init; }

    /// <summary>
    /// Bytes of blk/rev files to stay under (-prune converted to bytes): 0 keeps every block,
    /// <see cref="BlockManager.PruneTargetManual"/> prunes only when asked (-prune=1, the pruneblockchain RPC).
    /// </summary>
    public ulong PruneTarget { get; init; }

    /// <summary>Use small block files (64 KiB, 16 KiB chunks) for tests (-fastprune).</summary>
    public bool FastPrune { get; init; }

    /// <summary>XOR-obfuscate new block directories with a random key (-blocksxor, default true).</summary>
    public bool UseXor { get; init; } = true;

    /// <summary>Where fatal and flush errors are reported.</summary>
    public IKernelNotifications Notifications { get; init; } = NullKernelNotifications.Instance;
}
