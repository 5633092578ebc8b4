using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Context;
using NBitcoin;

namespace Bitcoin.Node.Mining;

/// <summary>
/// The node's mining service (Core's interfaces::Mining implementation, MinerImpl): block templates built with the
/// node's block-creation settings, the current tip, and waiting for the tip to change. The mining and blockchain RPCs
/// use it; an IPC mining interface can wrap it. Thread-safe.
/// </summary>
public sealed class Miner
{
    private readonly ChainstateManager _chainman;
    private readonly KernelNotifications _notifications;
    private long _lastBlockTransactionCount = -1;
    private long _lastBlockWeight = -1;

    /// <summary>
    /// Creates the service. <paramref name="nodeOptions"/> are the node's settings (from <see cref="MiningArgs.Read"/>);
    /// <paramref name="transactionSource"/> is the mempool, or null while the node has none (templates then hold only
    /// the coinbase). <paramref name="notifications"/> must be the kernel notifications <paramref name="chainman"/> reports to.
    /// </summary>
    public Miner(ChainstateManager chainman, KernelNotifications notifications, BlockCreateOptions nodeOptions,
        IBlockTransactionSource? transactionSource)
    {
        ArgumentNullException.ThrowIfNull(chainman);
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(nodeOptions);
        _chainman = chainman;
        _notifications = notifications;
        NodeOptions = nodeOptions;
        TransactionSource = transactionSource;
    }

    /// <summary>The chainstate blocks are built on.</summary>
    public ChainstateManager Chainman => _chainman;

    /// <summary>The node's block-creation settings; options passed to <see cref="CreateNewBlock"/> fall back to them.</summary>
    public BlockCreateOptions NodeOptions { get; }

    /// <summary>The transactions templates may include (null: none yet).</summary>
    public IBlockTransactionSource? TransactionSource { get; }

    /// <summary>Non-coinbase transactions of the last template built, or null if none was built since start-up.</summary>
    public long? LastBlockTransactionCount
    {
        get
        {
            long value = Interlocked.Read(ref _lastBlockTransactionCount);
            return value < 0 ? null : value;
        }
    }

    /// <summary>The accounted weight (reserved weight plus transactions) of the last template built, or null.</summary>
    public long? LastBlockWeight
    {
        get
        {
            long value = Interlocked.Read(ref _lastBlockWeight);
            return value < 0 ? null : value;
        }
    }

    /// <summary>True on every chain but main (Core's isTestChain).</summary>
    public bool IsTestChain => _chainman.ChainParams.IsTestChain;

    /// <summary>True while the node is in initial block download.</summary>
    public bool IsInitialBlockDownload => _chainman.IsInitialBlockDownload;

    /// <summary>
    /// Builds a template on the current tip; unset settings in <paramref name="options"/> come from
    /// <see cref="NodeOptions"/>. Remembers its size for getmininginfo.
    /// </summary>
    /// <exception cref="ArgumentException">The options break a consensus limit.</exception>
    /// <exception cref="InvalidOperationException">The template failed validation (a bug) or there is no chain.</exception>
    public BlockTemplate CreateNewBlock(BlockCreateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var template = new BlockAssembler(_chainman, TransactionSource, options.MergeWith(NodeOptions)).CreateNewBlock();
        Interlocked.Exchange(ref _lastBlockTransactionCount, template.TransactionCount);
        Interlocked.Exchange(ref _lastBlockWeight, template.Weight);
        return template;
    }

    /// <summary>The active tip, or null before the genesis block is connected.</summary>
    public BlockRef? GetTip()
    {
        lock (_chainman.Lock)
        {
            var tip = _chainman.ActiveChain.Tip;
            return tip is null ? null : new BlockRef(tip.Hash, tip.Height);
        }
    }

    /// <summary>
    /// Waits until the tip differs from <paramref name="currentTip"/> or <paramref name="timeout"/> passes
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: no limit; during
    /// start-up it first waits, however long, for there to be a tip), then returns the tip. Returns null when
    /// <paramref name="cancellationToken"/> is cancelled or the node is shutting down (Core's waitTipChanged).
    /// </summary>
    public BlockRef? WaitTipChanged(uint256 currentTip, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(currentTip);
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan) timeout = TimeSpan.Zero;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _chainman.Options.Interrupt);
        var token = linked.Token;
        _notifications.WaitForTip(tip => tip is not null, Timeout.InfiniteTimeSpan, token);
        if (token.IsCancellationRequested) return null;
        _notifications.WaitForTip(tip => tip != currentTip, timeout, token);
        if (token.IsCancellationRequested) return null;
        return GetTip();
    }
}
