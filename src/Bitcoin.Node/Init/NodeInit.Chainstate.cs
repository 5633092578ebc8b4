using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Index;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Context;
using Bitcoin.Node.Mempool;
using Bitcoin.Node.Mining;

namespace Bitcoin.Node.Init;

public static partial class NodeInit
{
    private const string ReindexAfterFailureTestOption = "reindex_after_failure_noninteractive_yes";

    /// <summary>
    /// Steps 7 to 12 of Core's AppInitMain: load the chainstate (retrying with a reindex only when the test option
    /// says so: bitcoind cannot ask), open the transaction index, check disk space, start the "initload" thread that
    /// imports blocks (reindex, -loadblock) and activates the best chain, and wait until there is a tip.
    /// </summary>
    private static bool LoadChain(NodeContext node)
    {
        var args = node.Args;
        var kernelArgs = KernelArgs.Read(args, out var argsError) ?? throw new InvalidOperationException(argsError);
        if (DbCache.OversizedWarning(args) is { } cacheWarning)
            InitMessages.Warning(cacheWarning);

        var reindex = kernelArgs.Reindex;
        ChainstateManager? chainman = null;
        while (chainman is null)
        {
            // A fresh mempool for each attempt, as Core's InitAndLoadChainstate (a retry must not keep stale state).
            var mempoolOptions = MempoolArgs.Read(args, node.ChainParams!, out var mempoolError, log: true)
                                 ?? throw new InvalidOperationException(mempoolError);
            node.Mempool = new TxMemPool(mempoolOptions with { Signals = node.ValidationSignals, Clock = NodeTimeProvider.Instance });
            node.InitMessage("Loading block index…", log: false);
            try
            {
                chainman = ChainstateManager.Load(ChainstateOptions(node, kernelArgs, reindex));
            }
            catch (KernelInitException e) when (e.Status == ChainstateLoadStatus.Interrupted || node.ShutdownRequested)
            {
                Log.Info("Shutdown requested. Exiting.");
                return true;
            }
            catch (KernelInitException e) when (e.SuggestReindex && !reindex)
            {
                if (!ArgsHelp.HasTestOption(args, ReindexAfterFailureTestOption))
                {
                    // A GUI asks whether to rebuild the databases now; bitcoind cannot ask, so it prints the question's
                    // non-interactive text (without an "Error: " caption, as Core's noui does) and stops.
                    var text = e.FormatInitError(reindexRequested: false);
                    Log.Info(text);
                    Console.Error.WriteLine(text);
                    Console.Error.Flush();
                    return false;
                }

                // What a GUI user answering "yes" gets.
                Log.Error(e.Message);
                reindex = true;
                node.ShutdownSignal.Reset();
            }
            catch (KernelInitException e)
            {
                return InitMessages.Error(e.FormatInitError(reindex));
            }
        }

        node.Chainman = chainman;
        node.Mempool!.AttachChainstate(chainman);
        node.Notifications!.SetChainstateLoaded(true);
        var miningOptions = MiningArgs.Read(args, out var miningError) ?? throw new InvalidOperationException(miningError);
        if (node.RpcContext is { } rpcContext)
        {
            // Templates and generateblock take their transactions from the mempool.
            rpcContext.Mempool = new MempoolView(node.Mempool!);
            rpcContext.AttachChainstate(chainman, miningOptions, new MempoolBlockSource(node.Mempool!));
        }
        if (node.ShutdownRequested)
        {
            Log.Info("Shutdown requested. Exiting.");
            return true;
        }

        // Fee estimation (not with -blocksonly) learns from the mempool and the blocks from here on.
        if (MempoolStartup.StartFeeEstimation(node) is { } feeError)
            return InitMessages.Error(feeError);

        if (kernelArgs.TxIndex)
        {
            try
            {
                node.TxIndex = TxIndex.Open(chainman, node.ValidationSignals, chainman.CacheSizes.TxIndex, wipe: reindex);
                if (node.RpcContext is { } rpc)
                    rpc.TxIndex = node.TxIndex;
            }
            catch (KernelInitException e)
            {
                return InitMessages.Error(e.Message);
            }
        }
        if (kernelArgs.BlockFilterIndex)
        {
            try
            {
                node.BlockFilterIndex = BlockFilterIndex.Open(chainman, node.ValidationSignals, chainman.CacheSizes.FilterIndex, wipe: reindex);
            }
            catch (KernelInitException e)
            {
                return InitMessages.Error(e.Message);
            }
        }

        var netDir = args.GetDataDirNet();
        var blocksDir = args.GetBlocksDirPath();
        if (!HasDiskSpace(netDir, 0))
            return InitMessages.Error($"Error: Disk space is low for {Quoted(netDir)}");
        if (!HasDiskSpace(blocksDir, 0))
            return InitMessages.Error($"Error: Disk space is low for {Quoted(blocksDir)}");
        if (!reindex && !kernelArgs.ReindexChainstate && chainman.ActiveHeight <= 1)
        {
            var assumedSizeGb = chainman.ChainParams.AssumedBlockchainSize;
            // A pruned node needs room for its prune target only (the message still names the whole chain, as Core's).
            ulong assumedBytes = (ulong)assumedSizeGb * 1024 * 1024 * 1024;
            ulong neededBytes = chainman.Blockman.IsPruneMode ? Math.Min(chainman.Blockman.PruneTarget, assumedBytes) : assumedBytes;
            if (!HasDiskSpace(blocksDir, neededBytes))
            {
                InitMessages.Warning($"Disk space for {Quoted(blocksDir)} may not accommodate the block files. " +
                                     $"Approximately {assumedSizeGb} GB of data will be stored in this directory.");
            }
        }

        SubscribeBlockNotify(node);
        StartBackgroundImport(node, chainman, args.GetArgs("-loadblock").ToList());

        // The tip is already known unless the chainstate is new or being rebuilt; then the import thread connects the
        // genesis block (or shutdown interrupts it).
        node.Notifications.WaitForTip(tip => tip is not null || node.ShutdownRequested, Timeout.InfiniteTimeSpan, node.ShutdownSignal.Token);
        if (node.ShutdownRequested)
            return true;

        int height;
        lock (chainman.Lock)
        {
            Log.Info($"block tree size = {chainman.Blockman.BlockIndexCount}");
            height = chainman.ActiveChain.Height;
        }

        Log.Info($"nBestHeight = {height}");
        return true;
    }

    private static ChainstateManagerOptions ChainstateOptions(NodeContext node, KernelArgs kernelArgs, bool reindex)
    {
        var args = node.Args;
        return new ChainstateManagerOptions
        {
            ChainParams = node.ChainParams!,
            DataDir = args.GetDataDirNet(),
            BlocksDir = args.GetBlocksDirPath(),
            DbCacheBytes = kernelArgs.DbCacheBytes,
            Reindex = reindex,
            ReindexChainstate = kernelArgs.ReindexChainstate,
            TxIndex = kernelArgs.TxIndex,
            BlockFilterIndex = kernelArgs.BlockFilterIndex,
            ScriptCheckThreads = kernelArgs.Par,
            AssumeValid = kernelArgs.AssumeValid,
            MinimumChainWork = kernelArgs.MinimumChainWork,
            CheckBlockIndex = kernelArgs.CheckBlockIndex,
            CheckBlocks = kernelArgs.CheckBlocks,
            CheckLevel = kernelArgs.CheckLevel,
            RequireFullVerification = kernelArgs.RequireFullVerification,
            StopAtHeight = node.Notifications!.StopAtHeight,
            MaxTipAge = kernelArgs.MaxTipAge ?? TimeSpan.FromHours(24),
            PruneTarget = kernelArgs.PruneTargetBytes,
            FastPrune = kernelArgs.FastPrune,
            UseXorBlocksDir = kernelArgs.BlocksXor ?? true,
            DbBatchSizeBytes = kernelArgs.DbBatchSizeBytes,
            DbCrashRatio = kernelArgs.DbCrashRatio,
            Clock = NodeTimeProvider.Instance,
            Notifications = node.Notifications,
            Signals = node.ValidationSignals,
            Mempool = node.Mempool,
            Interrupt = node.ShutdownSignal.Token,
        };
    }

    /// <summary>Runs <c>-blocknotify</c> (with %s replaced by the block hash) for each new tip once start-up is over.</summary>
    private static void SubscribeBlockNotify(NodeContext node)
    {
        var command = node.Args.GetArg("-blocknotify", "");
        if (command.Length == 0)
            return;
        node.Notifications!.BlockTipChanged += (state, tip, _) =>
        {
            if (state == SynchronizationState.PostInit)
                ShellCommand.RunDetached(command.Replace("%s", tip.Hash.ToString(), StringComparison.Ordinal));
        };
    }

    /// <summary>The "initload" thread (Core's background_init_thread).</summary>
    private static void StartBackgroundImport(NodeContext node, ChainstateManager chainman, List<string> loadBlockFiles)
    {
        node.BackgroundInitThread = ThreadNames.StartThread("initload", () =>
        {
            try
            {
                chainman.ImportBlocks(loadBlockFiles);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or Kernel.Storage.Database.DatabaseException or Kernel.Serialization.SerializationException)
            {
                // Unreadable block files or databases: stop with a message rather than crash the thread.
                node.AbortNode($"Importing blocks failed: {e.Message}");
                node.Notifications!.WakeWaiters();
                return;
            }

            // An interrupted import may never connect the genesis block: wake the start-up wait so it sees the shutdown.
            node.Notifications!.WakeWaiters();
            if (node.Args.GetBoolArg("-stopafterblockimport", false))
            {
                Log.Info("Stopping after block import");
                node.RequestShutdown();
                return;
            }

            if (!StartIndexBackgroundSync(node, chainman))
            {
                node.Notifications!.FatalError("Failed to start indexes, shutting down…");
                return;
            }

            // Reload the transactions saved at the last shutdown (-persistmempool, default on).
            MempoolStartup.LoadMempool(node);
        });
    }

    /// <summary>Flushes and closes the chainstate and its index at shutdown, in Core's order.</summary>
    private static void ShutdownChainstate(NodeContext node)
    {
        node.RpcContext?.DetachChainstate();

        // mempool.dat (only if it was loaded at start-up, so an interrupted start does not overwrite it) and the fee
        // estimates are saved before the chainstate is flushed.
        MempoolStartup.Shutdown(node);

        var chainman = node.Chainman;
        if (chainman is not null)
        {
            chainman.FlushStateToDisk(FlushStateMode.ForceFlush);
        }

        // Deliver what validation queued (the index and other subscribers catch up), then close the index.
        node.ValidationSignals?.SyncWithValidationInterfaceQueue();
        node.TxIndex?.Dispose();
        node.TxIndex = null;
        node.BlockFilterIndex?.Dispose();
        node.BlockFilterIndex = null;

        chainman?.Dispose();
        node.Chainman = null;
        node.Mempool = null;
    }
}
