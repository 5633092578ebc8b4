using System.Globalization;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Serialization;
using Bitcoin.Kernel.Storage;
using Bitcoin.Kernel.Storage.Database;

namespace Bitcoin.Kernel.Validation;

// Start-up: opening the databases, loading the block index and chain tip, replaying, verifying (Core's
// InitAndLoadChainstate, LoadChainstate and VerifyLoadedChainstate).
public sealed partial class ChainstateManager
{
    /// <summary>
    /// Opens the block storage and chainstate described by <paramref name="options"/>, replays an interrupted flush,
    /// loads the tip and runs the start-up verification (-checkblocks/-checklevel). With -reindex the block index
    /// is wiped and <see cref="ImportBlocks"/> must then be run to rebuild it; with -reindex-chainstate the coins
    /// are wiped and rebuilt by <see cref="ImportBlocks"/> (or any ActivateBestChain).
    /// </summary>
    /// <exception cref="KernelInitException">Loading failed; the message is Core's text for the user.</exception>
    public static ChainstateManager Load(ChainstateManagerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var assumeValid = options.AssumeValid ?? options.ChainParams.DefaultAssumeValid;
        if (assumeValid != NBitcoin.uint256.Zero) Log.Info($"Assuming ancestors of block {assumeValid} have valid signatures.");
        else Log.Info("Validating signatures for all blocks.");
        var minimumWork = options.MinimumChainWork ?? options.ChainParams.MinimumChainWork;
        Log.Info($"Setting nMinimumChainWork={minimumWork}");
        if (minimumWork < options.ChainParams.MinimumChainWork)
            Log.Warning($"nMinimumChainWork set below default value of {options.ChainParams.MinimumChainWork}");
        if (options.PruneTarget == BlockManager.PruneTargetManual)
            Log.Info("Block pruning enabled. Use RPC call pruneblockchain(height) to manually prune block and undo files.");
        else if (options.PruneTarget != 0)
            Log.Info($"Prune configured to target {options.PruneTarget / (1024 * 1024)} MiB on disk for block and undo files.");

        var cacheSizes = CacheSizes.Calculate(options.DbCacheBytes, options.TxIndex, options.BlockFilterIndex ? 1 : 0);
        Log.Info("Cache configuration:");
        Log.Info($"* Using {Mib(cacheSizes.BlockTreeDb)} MiB for block index database");
        if (options.TxIndex) Log.Info($"* Using {Mib(cacheSizes.TxIndex)} MiB for transaction index database");
        if (options.BlockFilterIndex) Log.Info($"* Using {Mib(cacheSizes.FilterIndex)} MiB for basic block filter index database");
        Log.Info($"* Using {Mib(cacheSizes.CoinsDb)} MiB for chain state database");
        Log.Info($"* Using {Mib(cacheSizes.Coins)} MiB for in-memory UTXO set (plus up to {Mib(options.Mempool?.MaxSizeBytes ?? 0)} MiB of unused mempool space)");

        BlockManager blockman;
        try
        {
            blockman = new BlockManager(new BlockManagerOptions
            {
                ChainParams = options.ChainParams,
                BlocksDir = options.BlocksDir ?? Path.Combine(options.DataDir, "blocks"),
                BlockTreeDbPath = Path.Combine(options.DataDir, "blocks", "index"),
                BlockTreeDbCacheBytes = cacheSizes.BlockTreeDb,
                WipeBlockTreeDb = options.Reindex,
                PruneTarget = options.PruneTarget,
                FastPrune = options.FastPrune,
                UseXor = options.UseXorBlocksDir,
                Notifications = options.Notifications,
            });
        }
        catch (DatabaseException e)
        {
            throw new KernelInitException(ChainstateLoadStatus.Failure, "Error opening block database", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new KernelInitException(ChainstateLoadStatus.FailureFatal, $"Failed to initialize ChainstateManager: {e.Message}", e);
        }

        var chainman = new ChainstateManager(options, cacheSizes, blockman);
        try
        {
            Log.Info("init message: Loading block index…");
            chainman.LoadChainstate();
            Log.Info("init message: Verifying blocks…");
            chainman.VerifyLoadedChainstate();
            Log.Info("Block index and chainstate loaded");
            return chainman;
        }
        catch (KernelInitException)
        {
            chainman.CloseWithoutFlush();
            throw;
        }
        catch (Exception e) when (e is DatabaseException or SerializationException or IOException or UnauthorizedAccessException)
        {
            Log.Error(e.Message);
            chainman.CloseWithoutFlush();
            throw new KernelInitException(ChainstateLoadStatus.Failure, "Error loading databases", e);
        }
    }

    private void LoadChainstate()
    {
        lock (Lock)
        {
            if (!LoadBlockIndex())
            {
                if (Options.Interrupt.IsCancellationRequested) throw new KernelInitException(ChainstateLoadStatus.Interrupted, "Interrupted");
                throw new KernelInitException(ChainstateLoadStatus.Failure, "Error loading block database");
            }
            if (Blockman.BlockIndexCount > 0 && Blockman.LookupBlockIndex(ChainParams.Consensus.HashGenesisBlock) is null)
            {
                // Most likely a datadir of another network.
                throw new KernelInitException(ChainstateLoadStatus.FailureIncompatibleDb, "Incorrect or no genesis block found. Wrong datadir for network?");
            }
            // Blocks pruned earlier cannot come back without downloading them again: running unpruned on such a
            // data directory needs a reindex (which wipes the block index and with it the pruned flag).
            if (Blockman.HavePruned && Options.PruneTarget == 0)
            {
                throw new KernelInitException(ChainstateLoadStatus.Failure,
                    "You need to rebuild the database using -reindex to go back to unpruned mode.  This will redownload the entire blockchain");
            }
            // Outside a reindex, make sure the genesis block is stored (a reindex stores it when it reads blk00000.dat).
            if (Blockman.BlockFilesIndexed && !LoadGenesisBlock())
                throw new KernelInitException(ChainstateLoadStatus.Failure, "Error initializing block database");

            bool wipeCoins = Options.Reindex || Options.ReindexChainstate;
            Log.Info($"Initializing chainstate {DescribeChainstate()}");
            try
            {
                ActiveChainstate.InitCoinsDb(CacheSizes.CoinsDb, wipeCoins);
            }
            catch (DatabaseException e)
            {
                throw new KernelInitException(ChainstateLoadStatus.Failure, "Error opening coins database", e);
            }
            if (ActiveChainstate.CoinsDb.NeedsUpgrade())
            {
                throw new KernelInitException(ChainstateLoadStatus.FailureIncompatibleDb,
                    "Unsupported chainstate database format found. Please restart with -reindex-chainstate. This will rebuild the chainstate database.");
            }
            if (!ActiveChainstate.ReplayBlocks())
            {
                throw new KernelInitException(ChainstateLoadStatus.Failure,
                    "Unable to replay blocks. You will need to rebuild the database using -reindex-chainstate.");
            }
            ActiveChainstate.InitCoinsCache(CacheSizes.Coins);
            if (!ActiveChainstate.CoinsViewEmpty && !ActiveChainstate.LoadChainTip())
                throw new KernelInitException(ChainstateLoadStatus.Failure, "Error initializing block database");

            // After LoadChainTip changed sequence ids: the candidate set's order depends on them.
            ActiveChainstate.PopulateBlockIndexCandidates();
            if (ActiveChainstate.NeedsRedownload())
            {
                throw new KernelInitException(ChainstateLoadStatus.Failure,
                    $"Witness data for blocks after height {ChainParams.Consensus.SegwitHeight} requires validation. Please restart with -reindex.");
            }
        }
    }

    private void VerifyLoadedChainstate()
    {
        lock (Lock)
        {
            if (Blockman.HavePruned && Options.CheckBlocks > BlockManager.MinBlocksToKeep)
                Log.Warning($"pruned datadir may not have more than {BlockManager.MinBlocksToKeep} blocks; only checking available blocks");
            if (ActiveChainstate.CoinsViewEmpty) return;
            var tip = ActiveChain.Tip;
            if (tip is not null && tip.BlockTime > Options.Clock.GetUtcNow().ToUnixTimeSeconds() + ConsensusConstants.MaxFutureBlockTime)
            {
                throw new KernelInitException(ChainstateLoadStatus.Failure,
                    "The block database contains a block which appears to be from the future. This may be due to your computer's date and time being set incorrectly. Only rebuild the block database if you are sure that your computer's date and time are correct");
            }
            var result = ActiveChainstate.VerifyDb(ActiveChainstate.CoinsDb, Options.CheckLevel, Options.CheckBlocks);
            switch (result)
            {
                case VerifyDbResult.Success:
                case VerifyDbResult.SkippedMissingBlocks:
                    break;
                case VerifyDbResult.Interrupted:
                    throw new KernelInitException(ChainstateLoadStatus.Interrupted, "Block verification was interrupted");
                case VerifyDbResult.CorruptedBlockDb:
                    throw new KernelInitException(ChainstateLoadStatus.Failure, "Corrupted block database detected");
                case VerifyDbResult.SkippedL3Checks:
                    if (Options.RequireFullVerification)
                        throw new KernelInitException(ChainstateLoadStatus.FailureInsufficientDbCache, "Insufficient dbcache for block verification");
                    break;
            }
        }
    }

    private bool LoadBlockIndex()
    {
        if (!Blockman.BlockFilesIndexed) return true;
        if (!Blockman.LoadBlockIndexDb()) return false;
        // Files an interrupted prune forgot in the index but did not delete yet.
        Blockman.ScanAndUnlinkAlreadyPrunedFiles();
        foreach (var index in Blockman.AllBlockIndices.OrderBy(b => b.Height))
        {
            if (Options.Interrupt.IsCancellationRequested) return false;
            if ((index.Status & BlockStatus.FailedValid) != 0 && (BestInvalid is null || index.ChainWork > BestInvalid.ChainWork))
                BestInvalid = index;
            if (index.IsValid(BlockStatus.ValidTree) && (BestHeader is null || BlockIndexWorkComparer.Less(BestHeader, index)))
                BestHeader = index;
        }
        return true;
    }

    /// <summary>Stores the genesis block if the block index does not have it yet (Core's LoadGenesisBlock).</summary>
    internal bool LoadGenesisBlock()
    {
        lock (Lock)
        {
            var genesis = ChainParams.GenesisBlock;
            if (Blockman.LookupBlockIndex(genesis.GetHash()) is not null) return true;
            try
            {
                var pos = Blockman.WriteBlock(genesis, 0);
                if (pos.IsNull)
                {
                    Log.Error("Writing genesis block to disk failed");
                    return false;
                }
                var best = BestHeader;
                var index = Blockman.AddToBlockIndex(genesis.Header, ref best);
                BestHeader = best;
                ReceivedBlockTransactions(genesis, index, pos);
            }
            catch (IOException e)
            {
                Log.Error($"Failed to write genesis block: {e.Message}");
                return false;
            }
            return true;
        }
    }

    private string DescribeChainstate()
    {
        var tip = ActiveChain.Tip;
        return $"Chainstate [{(IsInitialBlockDownload ? "ibd" : "normal")}] @ height {ActiveChain.Height} ({tip?.Hash.ToString() ?? "null"})";
    }

    private void CloseWithoutFlush()
    {
        _disposed = true;
        ActiveChainstate.Dispose();
        Blockman.Dispose();
        ScriptCheckQueue.Dispose();
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture);
}
