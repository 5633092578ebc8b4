using Bitcoin.Kernel.Mempool.Internal.Accept;
using Bitcoin.Kernel.Policy;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Kernel.Mempool;

// Submitting transactions (Core's AcceptToMemoryPool, ProcessTransaction and ProcessNewPackage).
public sealed partial class TxMemPool
{
    private volatile ChainstateManager? _chainman;

    /// <summary>The chainstate this mempool follows, once attached.</summary>
    public ChainstateManager? Chainman => _chainman;

    /// <summary>
    /// Connects the mempool to its chainstate (which must have been created with this mempool as
    /// <see cref="ChainstateManagerOptions.Mempool"/>). Acceptance and re-adding transactions after reorgs need it.
    /// </summary>
    public void AttachChainstate(ChainstateManager chainman)
    {
        ArgumentNullException.ThrowIfNull(chainman);
        if (!ReferenceEquals(chainman.Options.Mempool, this))
            throw new ArgumentException("The chainstate was not created with this mempool.", nameof(chainman));
        _chainman = chainman;
    }

    /// <summary>
    /// Validates <paramref name="tx"/> against consensus and policy and, unless <paramref name="testAccept"/>, adds it
    /// (replacing conflicts when the replacement rules allow), then trims the mempool (Core's AcceptToMemoryPool).
    /// <paramref name="bypassLimits"/> skips the fee minimums and size limiting (for transactions of disconnected
    /// blocks). <paramref name="acceptTime"/> (Unix seconds) defaults to now. Rejections change nothing: inputs fetched
    /// into the coins cache for the attempt are dropped again. Runs the -checkmempool consistency check afterwards
    /// (Core's ProcessTransaction). Takes the chainstate and mempool locks.
    /// </summary>
    public MempoolAcceptResult AcceptToMemoryPool(Transaction tx, bool testAccept = false, bool bypassLimits = false, long? acceptTime = null)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var chainman = RequireChainstate();
        lock (chainman.Lock)
        {
            var result = AcceptToMemoryPoolUnchecked(chainman, tx, bypassLimits, testAccept, acceptTime);
            Check(chainman.ActiveChainstate.CoinsTip, chainman.ActiveChain.Height + 1);
            return result;
        }
    }

    /// <summary>
    /// Validates a package (Core's ProcessNewPackage). With <paramref name="testAccept"/> the transactions are checked
    /// together without adding them (testmempoolaccept: no conflicts with the mempool allowed). Otherwise the package
    /// must be one child with (some of) its parents, sorted; transactions are tried alone first and the rest as a
    /// package with its combined fee rate (submitpackage). <paramref name="clientMaxFeeRate"/> rejects any transaction
    /// paying more than that rate.
    /// </summary>
    public PackageMempoolAcceptResult ProcessNewPackage(IReadOnlyList<Transaction> package, bool testAccept, TxFeeRate? clientMaxFeeRate = null)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (package.Count == 0) throw new ArgumentException("A package holds at least one transaction.", nameof(package));
        var chainman = RequireChainstate();
        lock (chainman.Lock)
        {
            var coinsToUncache = new List<OutPoint>();
            long now = chainman.Options.Clock.GetUtcNow().ToUnixTimeSeconds();
            var accept = new MemPoolAccept(this, chainman);
            var result = testAccept
                ? accept.AcceptMultipleTransactionsAndCleanup(package, AcceptArgs.PackageTestAccept(now, coinsToUncache))
                : accept.AcceptPackage(package, AcceptArgs.PackageChildWithParents(now, coinsToUncache, clientMaxFeeRate));
            if (testAccept || result.State.IsInvalid)
            {
                foreach (var outpoint in coinsToUncache) chainman.ActiveChainstate.CoinsTip.Uncache(outpoint);
            }
            chainman.FlushStateToDisk(FlushStateMode.Periodic);
            return result;
        }
    }

    /// <summary>
    /// Checks whether adding <paramref name="tx"/> would keep every cluster within the limits (Core's
    /// CheckPolicyLimits, for wallets creating transactions).
    /// </summary>
    public bool CheckPolicyLimits(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        lock (Lock)
        {
            using var changeSet = GetChangeSet();
            changeSet.StageAddition(tx, 0, 0, 0, 0, false, 0, new LockPoints(0, 0, null));
            return changeSet.CheckMemPoolPolicyLimits();
        }
    }

    private ChainstateManager RequireChainstate() =>
        _chainman ?? throw new InvalidOperationException("The mempool is not attached to a chainstate.");
}
