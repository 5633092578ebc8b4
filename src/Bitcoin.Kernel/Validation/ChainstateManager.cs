using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Storage;
using NBitcoin;

namespace Bitcoin.Kernel.Validation;

/// <summary>
/// The kernel's entry point (Core's ChainstateManager): owns the block storage, the block index, the active
/// chainstate and the validation flow. Create one with <see cref="Load"/>; dispose it to flush and close.
/// </summary>
/// <remarks>
/// <para>Locking follows Core's cs_main: <see cref="Lock"/> guards the block index, the active chain and the coins
/// cache. Members documented as "takes the lock" may be called from any thread. To read several things
/// consistently (e.g. walk <see cref="ActiveChain"/> and read <see cref="BlockIndex"/> fields), hold
/// <c>lock (chainman.Lock)</c> yourself; the lock is re-entrant. Never block on validation (or call
/// <see cref="ValidationSignals.SyncWithValidationInterfaceQueue"/>) while holding it.</para>
/// <para>Block processing (<see cref="ProcessNewBlock"/>, <see cref="ActivateBestChain"/>, <see cref="InvalidateBlock"/>,
/// ...) may be called from several threads; ActivateBestChain calls are serialized and release the lock between
/// steps so readers are not starved.</para>
/// </remarks>
public sealed partial class ChainstateManager : IDisposable
{
    private readonly List<CheckedStateCatcher> _checkedCatchers = [];
    private volatile bool _cachedIsIbd = true;
    private BlockIndex? _lastNotifiedHeader;
    private bool _disposed;

    private ChainstateManager(ChainstateManagerOptions options, CacheSizes cacheSizes, BlockManager blockman)
    {
        Options = options;
        CacheSizes = cacheSizes;
        Blockman = blockman;
        AssumedValidBlock = options.AssumeValid ?? options.ChainParams.DefaultAssumeValid;
        MinimumChainWork = options.MinimumChainWork ?? options.ChainParams.MinimumChainWork;
        CheckBlockIndexRatio = options.CheckBlockIndex ?? (options.ChainParams.DefaultConsistencyChecks ? 1 : 0);
        Deployments = new Deployments(options.ChainParams);
        ScriptCheckQueue = new ScriptCheckQueue(ScriptCheckQueue.WorkerThreadsFromPar(options.ScriptCheckThreads));
        ActiveChainstate = new Chainstate(this);
    }

    /// <summary>The chainstate lock (Core's cs_main). Re-entrant.</summary>
    public Lock Lock { get; } = new();

    /// <summary>The options this manager was created with.</summary>
    public ChainstateManagerOptions Options { get; }

    /// <summary>The chain parameters.</summary>
    public ChainParams ChainParams => Options.ChainParams;

    /// <summary>How -dbcache was split.</summary>
    public CacheSizes CacheSizes { get; }

    /// <summary>Block files and the block index. Use under <see cref="Lock"/>.</summary>
    public BlockManager Blockman { get; }

    /// <summary>Version-bits deployment state (shared caches; thread-safe).</summary>
    public Deployments Deployments { get; }

    /// <summary>Runs a block's script checks on the -par worker threads.</summary>
    internal ScriptCheckQueue ScriptCheckQueue { get; }

    /// <summary>
    /// The script execution cache: transactions whose scripts passed under given flags. The mempool should use the
    /// same instance, so transactions it accepted are not verified again when their block connects.
    /// </summary>
    public ValidationCache ValidationCache { get; } = new();

    /// <summary>The active chainstate.</summary>
    public Chainstate ActiveChainstate { get; }

    /// <summary>The active chain. Read under <see cref="Lock"/>.</summary>
    public ActiveChain ActiveChain => ActiveChainstate.Chain;

    /// <summary>The header with the most work that is not known invalid (Core's m_best_header). Read under <see cref="Lock"/>.</summary>
    public BlockIndex? BestHeader { get; internal set; }

    /// <summary>The invalid block with the most work seen (Core's m_best_invalid).</summary>
    public BlockIndex? BestInvalid { get; internal set; }

    /// <summary>The -assumevalid block hash in effect (zero: verify all scripts).</summary>
    public uint256 AssumedValidBlock { get; }

    /// <summary>The -minimumchainwork in effect.</summary>
    public ArithUInt256 MinimumChainWork { get; }

    internal int CheckBlockIndexRatio { get; }

    internal int BlockSequenceId { get; set; } = BlockManager.SequenceIdInitFromDisk + 1;

    internal int BlockReverseSequenceId { get; set; } = -1;

    internal ArithUInt256 LastPreciousChainwork { get; set; }

    /// <summary>True until the tip is recent and has enough work (latches to false, as Core's IsInitialBlockDownload). Lock-free.</summary>
    public bool IsInitialBlockDownload => _cachedIsIbd;

    /// <summary>Raised (with the lock held) after each complete flush of the chainstate, with the flushed tip. For tests and crash harnesses.</summary>
    public event Action<BlockIndex>? ChainStateFlushedSynchronously;

    /// <summary>The tip of the active chain, or null before the genesis block is connected. Takes the lock.</summary>
    public BlockIndex? ActiveTip
    {
        get
        {
            lock (Lock) return ActiveChain.Tip;
        }
    }

    /// <summary>The height of the active chain (-1 when empty). Takes the lock.</summary>
    public int ActiveHeight
    {
        get
        {
            lock (Lock) return ActiveChain.Height;
        }
    }

    /// <summary>The block index entry of <paramref name="hash"/>, or null. Takes the lock.</summary>
    public BlockIndex? LookupBlockIndex(uint256 hash)
    {
        lock (Lock) return Blockman.LookupBlockIndex(hash);
    }

    /// <summary>Estimated fraction (0..1) of the chain's transactions verified up to <paramref name="index"/> (Core's GuessVerificationProgress).</summary>
    public double GuessVerificationProgress(BlockIndex? index)
    {
        if (index is null) return 0.0;
        if (index.ChainTxCount == 0)
        {
            Log.Debug(LogCategory.Validation, $"Block {index.Height} has unset m_chain_tx_count. Unable to estimate verification progress.");
            return 0.0;
        }
        var data = ChainParams.TxData;
        long now = Options.Clock.GetUtcNow().ToUnixTimeSeconds();
        var best = BestHeader;
        // With a recent header, estimate by height so the value reaches exactly 1.0 at the tip.
        long blockTime = best is not null && Math.Abs(now - index.BlockTime) <= 2 * 3600 && best.Height >= index.Height
            ? now - (best.Height - index.Height) * ChainParams.Consensus.PowTargetSpacing
            : index.BlockTime;
        double txTotal = index.ChainTxCount <= data.TxCount
            ? data.TxCount + (now - data.Time) * data.TxRate
            : index.ChainTxCount + (now - blockTime) * data.TxRate;
        return Math.Min(index.ChainTxCount / txTotal, 1.0);
    }

    /// <summary>Reports an unrecoverable error to the application and records it in <paramref name="state"/> (Core's FatalError).</summary>
    internal bool FatalError(BlockValidationState state, string message)
    {
        Log.Error($"*** {message}");
        Options.Notifications.FatalError(message);
        return state.Error(message);
    }

    internal SynchronizationState GetSynchronizationState(bool init)
    {
        if (!init) return SynchronizationState.PostInit;
        return Blockman.BlockFilesIndexed ? SynchronizationState.InitDownload : SynchronizationState.InitReindex;
    }

    /// <summary>Leaves initial block download once the tip is recent and has enough work (Core's UpdateIBDStatus).</summary>
    internal void UpdateIbdStatus()
    {
        if (!_cachedIsIbd) return;
        if (Blockman.LoadingBlocks) return;
        var tip = ActiveChain.Tip;
        if (tip is null || tip.ChainWork < MinimumChainWork) return;
        if (tip.BlockTime < Options.Clock.GetUtcNow().ToUnixTimeSeconds() - (long)Options.MaxTipAge.TotalSeconds) return;
        Log.Info("Leaving InitialBlockDownload (latching to false)");
        _cachedIsIbd = false;
    }

    /// <summary>Calls the BlockTip notification; true if the tip reached -stopatheight or the application asked to stop.</summary>
    internal bool NotifyBlockTip(BlockIndex tip)
    {
        bool interrupt = Options.Notifications.BlockTip(GetSynchronizationState(IsInitialBlockDownload), tip, GuessVerificationProgress(tip));
        return interrupt || (Options.StopAtHeight > 0 && tip.Height >= Options.StopAtHeight);
    }

    /// <summary>Sends the HeaderTip notification if the best header changed (Core's NotifyHeaderTip). Call without the lock.</summary>
    internal bool NotifyHeaderTip()
    {
        BlockIndex? header;
        lock (Lock)
        {
            header = BestHeader;
            if (header is null || header == _lastNotifiedHeader) return false;
            _lastNotifiedHeader = header;
        }
        Options.Notifications.HeaderTip(GetSynchronizationState(IsInitialBlockDownload), header.Height, header.Time, false);
        return true;
    }

    /// <summary>Points the best header at the most-work entry that is not failed (Core's RecalculateBestHeader).</summary>
    internal void RecalculateBestHeader()
    {
        BestHeader = ActiveChain.Tip;
        foreach (var index in Blockman.AllBlockIndices)
        {
            if ((index.Status & BlockStatus.FailedValid) == 0 && (BestHeader is null || BestHeader.ChainWork < index.ChainWork))
                BestHeader = index;
        }
    }

    /// <summary>
    /// Why scripts of <paramref name="index"/> must be verified, or null when -assumevalid lets them be skipped
    /// (Core's logic in ConnectBlock; the strings are Core's log text).
    /// </summary>
    internal string? ScriptCheckReason(BlockIndex index)
    {
        if (AssumedValidBlock == uint256.Zero) return "assumevalid=0 (always verify)";
        var assumeValid = Blockman.LookupBlockIndex(AssumedValidBlock);
        if (assumeValid is null) return "assumevalid hash not in headers";
        if (assumeValid.GetAncestor(index.Height) != index)
            return index.Height > assumeValid.Height ? "block height above assumevalid height" : "block not in assumevalid chain";
        var best = BestHeader;
        if (best is null || best.GetAncestor(index.Height) != index) return "block not in best header chain";
        if (best.ChainWork < MinimumChainWork) return "best header chainwork below minimumchainwork";
        const long twoWeeks = 60 * 60 * 24 * 7 * 2;
        if (Pow.GetBlockProofEquivalentTime(best, index, best, ChainParams.Consensus) <= twoWeeks) return "block too recent relative to best header";
        return null;
    }

    internal void OnBlockChecked(Block block, BlockValidationState state)
    {
        lock (_checkedCatchers)
        {
            if (_checkedCatchers.Count == 0) return;
            var hash = block.GetHash();
            foreach (var catcher in _checkedCatchers)
            {
                if (catcher.Hash == hash) catcher.State = state;
            }
        }
    }

    internal void OnChainStateFlushed(BlockIndex flushed) => ChainStateFlushedSynchronously?.Invoke(flushed);

    /// <summary>
    /// Writes everything to disk and closes the databases (Core's shutdown flush). Safe to call more than once.
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        lock (Lock)
        {
            try
            {
                if (ActiveChainstate.CanFlush) ActiveChainstate.ForceFlushStateToDisk();
            }
            finally
            {
                ActiveChainstate.Dispose();
                Blockman.Dispose();
                ScriptCheckQueue.Dispose();
            }
        }
    }

    private sealed class CheckedStateCatcher(uint256 hash)
    {
        public uint256 Hash { get; } = hash;

        public BlockValidationState? State { get; set; }
    }
}
