using Bitcoin.Kernel.Chain;
using NBitcoin;

namespace Bitcoin.Kernel.Validation;

/// <summary>
/// Everything a <see cref="ChainstateManager"/> needs, filled in by the node from its arguments (the kernel reads
/// no arguments itself). Defaults are Core's.
/// </summary>
public sealed record ChainstateManagerOptions
{
    /// <summary>The chain (main, testnet, regtest, ...).</summary>
    public required ChainParams ChainParams { get; init; }

    /// <summary>The network data directory (e.g. <c>~/.bitcoin/regtest</c>): chainstate/, blocks/index and indexes/ go here.</summary>
    public required string DataDir { get; init; }

    /// <summary>Where blk/rev files go (-blocksdir + "/blocks" with the network subdirectory); defaults to DataDir/blocks.</summary>
    public string? BlocksDir { get; init; }

    /// <summary>Total database cache in bytes (-dbcache converted with <see cref="CacheSizes.DbCacheBytesFromMiB"/>); Core's default 450 MiB.</summary>
    public long DbCacheBytes { get; init; } = CacheSizes.DefaultDbCacheMiB * 1024 * 1024;

    /// <summary>-reindex: rebuild the block index from blk files and the chainstate from the blocks.</summary>
    public bool Reindex { get; init; }

    /// <summary>-reindex-chainstate: rebuild only the chainstate from the stored blocks.</summary>
    public bool ReindexChainstate { get; init; }

    /// <summary>-txindex: keep an index of all transactions (the node opens <see cref="Index.TxIndex"/>; this only sizes caches).</summary>
    public bool TxIndex { get; init; }

    /// <summary>-blockfilterindex=basic: keep the BIP158 filter index (the node opens <see cref="Index.BlockFilterIndex"/>; this only sizes caches).</summary>
    public bool BlockFilterIndex { get; init; }

    /// <summary>-par: script verification threads (0 = as many as cores, negative = leave that many cores free), as Core.</summary>
    public int ScriptCheckThreads { get; init; }

    /// <summary>-assumevalid: null for the chain's default, <see cref="uint256.Zero"/> to verify all scripts.</summary>
    public uint256? AssumeValid { get; init; }

    /// <summary>-minimumchainwork: null for the chain's default.</summary>
    public ArithUInt256? MinimumChainWork { get; init; }

    /// <summary>-checkblockindex: check the block tree every N-th time (0 never); null for the chain default (regtest: always).</summary>
    public int? CheckBlockIndex { get; init; }

    /// <summary>-checkblocks: how many blocks VerifyDB checks at start-up (0 = all); Core's default 6.</summary>
    public int CheckBlocks { get; init; } = 6;

    /// <summary>-checklevel: how thorough the start-up check is (0-4); Core's default 3.</summary>
    public int CheckLevel { get; init; } = 3;

    /// <summary>True when -checkblocks or -checklevel were given explicitly: a too-small cache then fails start-up.</summary>
    public bool RequireFullVerification { get; init; }

    /// <summary>-stopatheight: ask for shutdown once the tip reaches this height (0 = never).</summary>
    public int StopAtHeight { get; init; }

    /// <summary>-maxtipage: a tip older than this keeps the node in initial block download; Core's default 24 h.</summary>
    public TimeSpan MaxTipAge { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// -prune in bytes: 0 keeps every block (default), <see cref="Storage.BlockManager.PruneTargetManual"/> prunes only
    /// through <see cref="ChainstateManager.PruneBlockFilesManual"/> (-prune=1), anything else is the size in bytes
    /// the blk/rev files are kept under (at least <see cref="Storage.BlockManager.MinDiskSpaceForBlockFiles"/>).
    /// </summary>
    public ulong PruneTarget { get; init; }

    /// <summary>-fastprune: small block files for tests.</summary>
    public bool FastPrune { get; init; }

    /// <summary>-blocksxor: obfuscate a new blocks directory (default true).</summary>
    public bool UseXorBlocksDir { get; init; } = true;

    /// <summary>-dbbatchsize: largest coins database write batch, in bytes (Core's default 32 MiB).</summary>
    public long DbBatchSizeBytes { get; init; } = Coins.CoinsViewDb.DefaultBatchWriteBytes;

    /// <summary>-dbcrashratio: simulate a crash while flushing with probability 1/N (0 = never; tests only).</summary>
    public int DbCrashRatio { get; init; }

    /// <summary>The clock (mocktime in tests); defaults to the system clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Synchronous kernel notifications (tip, progress, warnings, fatal errors).</summary>
    public IKernelNotifications Notifications { get; init; } = NullKernelNotifications.Instance;

    /// <summary>Queued validation events; null to send none.</summary>
    public ValidationSignals? Signals { get; init; }

    /// <summary>The mempool to keep consistent with the chain; null for none.</summary>
    public IChainstateMempool? Mempool { get; init; }

    /// <summary>Cancelled when shutdown is requested; long operations stop early (Core's interrupt signal).</summary>
    public CancellationToken Interrupt { get; init; }
}
