using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.FeeEstimation;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Policy;
using Bitcoin.Node.Context;
using Bitcoin.Node.Mining;

namespace Bitcoin.Node.Mempool;

/// <summary>
/// The mempool's part of start-up and shutdown, as Core's init: fee estimation (with its files under fees/),
/// loading mempool.dat after the block import, and saving it and the estimates at shutdown.
/// </summary>
public static class MempoolStartup
{
    private const string FeesDirectory = "fees";
    private const string BlockPolicyEstimatesFile = "block_policy_estimates.dat";
    private const string LegacyFeeEstimatesFile = "fee_estimates.dat";
    private const string MempoolPolicyEstimatorFile = "mempool_policy_estimator.dat";

    /// <summary>The mempool file: &lt;datadir&gt;/mempool.dat (Core's MempoolPath).</summary>
    public static string MempoolPath(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Path.Combine(args.GetDataDirNet(), "mempool.dat");
    }

    /// <summary>-persistmempool (default on).</summary>
    public static bool ShouldPersistMempool(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.GetBoolArg("-persistmempool", PolicyConstants.DefaultPersistMempool);
    }

    /// <summary>The block policy estimates file: &lt;datadir&gt;/fees/block_policy_estimates.dat.</summary>
    public static string BlockPolicyFeeEstimatesPath(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Path.Combine(args.GetDataDirNet(), FeesDirectory, BlockPolicyEstimatesFile);
    }

    /// <summary>The mempool estimator's file: &lt;datadir&gt;/fees/mempool_policy_estimator.dat.</summary>
    public static string MempoolPolicyEstimatorPath(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Path.Combine(args.GetDataDirNet(), FeesDirectory, MempoolPolicyEstimatorFile);
    }

    /// <summary>
    /// Moves an old &lt;datadir&gt;/fee_estimates.dat to fees/block_policy_estimates.dat, or deletes it when the new
    /// file exists already (Core's MaybeMigrateLegacyFeeEstimates).
    /// </summary>
    public static void MaybeMigrateLegacyFeeEstimates(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string legacy = Path.Combine(args.GetDataDirNet(), LegacyFeeEstimatesFile);
        string target = BlockPolicyFeeEstimatesPath(args);
        if (!File.Exists(legacy)) return;
        if (File.Exists(target))
        {
            try
            {
                File.Delete(legacy);
                Log.Info($"Removed legacy fee estimates file {legacy}.");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.Warning($"Failed to remove legacy fee estimates file {legacy}: {e.Message}. Continuing anyway.");
            }
            return;
        }
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning($"Failed to create block policy fee estimates directory {Path.GetDirectoryName(target)}: {e.Message}. Continuing without migration.");
            return;
        }
        try
        {
            File.Move(legacy, target);
            Log.Info($"Migrated fee estimates from {legacy} to {target}.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning($"Failed to migrate fee estimates from {legacy} to {target}: {e.Message}. Continuing with fresh estimates.");
        }
    }

    /// <summary>
    /// Creates the fee estimators (unless -blocksonly, where they would never learn anything), registers them for
    /// validation events and schedules their hourly flush; sets <see cref="NodeContext.FeeEstimator"/>. Returns
    /// Core's error when -acceptstalefeeestimates is given off regtest, else null.
    /// </summary>
    public static string? StartFeeEstimation(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var args = node.Args;
        if (args.GetBoolArg("-blocksonly", false)) return null;
        var chainman = node.EnsureChainman();
        var mempool = node.Mempool ?? throw new InvalidOperationException("The mempool must exist before fee estimation starts.");
        bool readStale = args.GetBoolArg("-acceptstalefeeestimates", false);
        if (readStale && chainman.ChainParams.Type != Common.Chain.ChainType.Regtest)
            return $"acceptstalefeeestimates is not supported on {Kernel.Chain.ChainParams.ChainTypeName(chainman.ChainParams.Type)} chain.";

        MaybeMigrateLegacyFeeEstimates(args);
        var blockPolicy = new BlockPolicyEstimator(BlockPolicyFeeEstimatesPath(args), readStale, NodeTimeProvider.Instance.GetUtcNow());
        var source = new MempoolBlockSource(mempool);
        var mempoolEstimator = new MempoolFeeRateEstimator(MempoolPolicyEstimatorPath(args), mempool, chainman, () => TemplateChunkRates(chainman, source));
        var manager = new FeeEstimatorManager(blockPolicy, mempoolEstimator);
        node.FeeEstimator = manager;
        node.ValidationSignals?.Register(manager);
        node.Scheduler?.ScheduleEvery(manager.IntervalFlush, FeeEstimatorManager.FlushInterval);
        return null;
    }

    /// <summary>
    /// Loads mempool.dat (with -persistmempool) into the node's mempool, then marks the load as tried unless
    /// shutdown interrupted it (Core does this at the end of the initload thread).
    /// </summary>
    public static void LoadMempool(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Mempool is not { } pool) return;
        string path = ShouldPersistMempool(node.Args) ? MempoolPath(node.Args) : "";
        MempoolPersist.Load(pool, path, new ImportMempoolOptions(), node.ShutdownSignal.Token);
        pool.LoadTried = !node.ShutdownRequested;
    }

    /// <summary>
    /// At shutdown, before the chainstate is flushed: saves mempool.dat (if it was loaded and -persistmempool), then
    /// the fee estimates, and unregisters the estimators.
    /// </summary>
    public static void Shutdown(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Mempool is { } pool && pool.LoadTried && ShouldPersistMempool(node.Args)) MempoolPersist.Dump(pool, MempoolPath(node.Args));
        if (node.FeeEstimator is { } estimator)
        {
            estimator.ShutdownFlush();
            node.ValidationSignals?.Unregister(estimator);
            node.FeeEstimator = null;
        }
    }

    // The chunk rates of a fresh template (no validity check), per virtual byte, for the mempool estimator.
    private static IReadOnlyList<FeeFrac>? TemplateChunkRates(Kernel.Validation.ChainstateManager chainman, MempoolBlockSource source)
    {
        try
        {
            var template = new BlockAssembler(chainman, source, new BlockCreateOptions { TestBlockValidity = false }).CreateNewBlock();
            return template.PackageFeeRates.Select(p => new FeeFrac(p.Fee, (int)p.VirtualSize)).ToList();
        }
        catch (InvalidOperationException e)
        {
            Log.Debug(LogCategory.EstimateFee, $"Block template for fee estimation failed: {e.Message}");
            return null;
        }
    }
}
