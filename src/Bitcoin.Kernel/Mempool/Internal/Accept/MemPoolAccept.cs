using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Policy;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool.Internal.Accept;

/// <summary>
/// One run of mempool acceptance (Core's MemPoolAccept): single transactions, several at once, and packages. Runs
/// with the chainstate lock held; takes the mempool lock for each step that reads or changes the pool.
/// </summary>
internal sealed partial class MemPoolAccept
{
    // Core's MAX_FEE_ESTIMATION_TIP_AGE: fee estimation only learns from a tip at most three hours old.
    private const long MaxFeeEstimationTipAgeSeconds = 3 * 60 * 60;

    private readonly TxMemPool _pool;
    private readonly ChainstateManager _chainman;
    private readonly SwitchableCoinsView _viewBackend = new();
    private readonly CoinsViewCache _view;
    private readonly CoinsViewMempool _viewMempool;
    private SubPackageState _subpackage = new();

    public MemPoolAccept(TxMemPool pool, ChainstateManager chainman)
    {
        _pool = pool;
        _chainman = chainman;
        _view = new CoinsViewCache(_viewBackend);
        _viewMempool = new CoinsViewMempool(chainman.ActiveChainstate.CoinsTip, pool);
    }

    private MempoolOptions Options => _pool.Options;

    private ActiveChain Chain => _chainman.ActiveChain;

    private BlockIndex Tip => _chainman.ActiveChain.Tip ?? throw new InvalidOperationException("There is no active chain.");

    private CoinsViewCache CoinsTip => _chainman.ActiveChainstate.CoinsTip;

    /// <summary>Single transaction acceptance, cleaning up afterwards.</summary>
    public MempoolAcceptResult AcceptSingleTransactionAndCleanup(Transaction tx, AcceptArgs args)
    {
        lock (_pool.Lock)
        {
            try
            {
                return AcceptSingleTransactionInternal(tx, args);
            }
            finally
            {
                ClearSubPackageState();
            }
        }
    }

    /// <summary>Several transactions validated together (testmempoolaccept with more than one), cleaning up afterwards.</summary>
    public PackageMempoolAcceptResult AcceptMultipleTransactionsAndCleanup(IReadOnlyList<Transaction> txns, AcceptArgs args)
    {
        lock (_pool.Lock)
        {
            try
            {
                return AcceptMultipleTransactionsInternal(txns, args);
            }
            finally
            {
                ClearSubPackageState();
            }
        }
    }

    // Core's CheckFeeRate: the package (or transaction) pays at least the mempool minimum and the minimum relay fee.
    private bool CheckFeeRate(long packageSize, long packageFee, TxValidationState state)
    {
        long mempoolRejectFee = _pool.GetMinFee().GetFee(packageSize);
        if (mempoolRejectFee > 0 && packageFee < mempoolRejectFee)
            return state.Invalid(TxValidationResult.Reconsiderable, "mempool min fee not met", $"{packageFee} < {mempoolRejectFee}");
        long minRelayFee = Options.MinRelayFeeRate.GetFee(packageSize);
        if (packageFee < minRelayFee)
            return state.Invalid(TxValidationResult.Reconsiderable, "min relay fee not met", $"{packageFee} < {minRelayFee}");
        return true;
    }

    // Drops package coins and mempool coins from the view; confirmed coins stay (the chain cannot have moved).
    private void CleanupTemporaryCoins()
    {
        foreach (var outpoint in _viewMempool.NonBaseCoins.ToList()) _view.Uncache(outpoint);
        _viewMempool.Reset();
    }

    private void ClearSubPackageState()
    {
        _subpackage.ChangeSet?.Dispose();
        _subpackage = new SubPackageState();
        CleanupTemporaryCoins();
    }

    private bool IsCurrentForFeeEstimation()
    {
        if (_chainman.IsInitialBlockDownload) return false;
        long now = _chainman.Options.Clock.GetUtcNow().ToUnixTimeSeconds();
        if (Tip.BlockTime < now - MaxFeeEstimationTipAgeSeconds) return false;
        if (_chainman.BestHeader is { } best && Chain.Height < best.Height - 1) return false;
        return true;
    }

    private void LimitMempoolSize() => LimitMempoolSize(_pool, CoinsTip);

    /// <summary>Expires old transactions, then evicts down to -maxmempool, dropping unneeded inputs from the coins cache (Core's LimitMempoolSize).</summary>
    internal static void LimitMempoolSize(TxMemPool pool, CoinsViewCache coinsTip)
    {
        long cutoff = pool.Options.Clock.GetUtcNow().ToUnixTimeSeconds() - (long)pool.Options.Expiry.TotalSeconds;
        int expired = pool.Expire(cutoff);
        if (expired != 0) Log.Debug(LogCategory.Mempool, $"Expired {expired} transactions from the memory pool");
        var noSpendsRemaining = new List<OutPoint>();
        pool.TrimToSize(pool.Options.MaxSizeBytes, noSpendsRemaining);
        foreach (var outpoint in noSpendsRemaining) coinsTip.Uncache(outpoint);
    }

    private void NotifyAdded(Workspace ws, AcceptArgs args)
    {
        if (Options.Signals is not { } signals) return;
        var info = new NewMempoolTransactionInfo(ws.Tx, ws.BaseFees, ws.VirtualSize, ws.Entry!.Height, args.BypassLimits,
            args.PackageSubmission, IsCurrentForFeeEstimation(), _pool.HasNoInputsOf(ws.Tx));
        signals.TransactionAddedToMempool(info, _pool.GetAndIncrementSequence());
    }

    // Per-subpackage state (Core's SubPackageState); reset between evaluations.
    private sealed class SubPackageState
    {
        public long TotalModifiedFees { get; set; }

        public long TotalVsize { get; set; }

        public bool Rbf { get; set; }

        public List<Transaction> ReplacedTransactions { get; } = [];

        public MempoolChangeSet? ChangeSet { get; set; }

        public long ConflictingFees { get; set; }

        public long ConflictingSize { get; set; }
    }
}
