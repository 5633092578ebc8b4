using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Node.Context;

/// <summary>
/// The node's answer to the kernel's notifications (Core's <c>node::KernelNotifications</c>): remembers the tip block
/// and wakes whoever waits for it (start-up waits for the genesis block; <c>waitfornewblock</c> and friends wait for
/// changes), stops at <c>-stopatheight</c>, turns warnings into <see cref="NodeWarnings"/> (running
/// <c>-alertnotify</c>), and shuts the node down on fatal and flush errors. The events repeat the notifications
/// for the rest of the node (<c>-blocknotify</c>, the GUI).
/// </summary>
public sealed class KernelNotifications : IKernelNotifications
{
    private readonly NodeContext _node;
    private readonly object _tipLock = new();
    private uint256? _tipBlock;
    private bool _chainstateLoaded;

    /// <summary>Creates the notifications of <paramref name="node"/>.</summary>
    public KernelNotifications(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _node = node;
    }

    /// <summary><c>-stopatheight</c>: once a tip at or above this height is connected, the node shuts down (0: never).</summary>
    public int StopAtHeight { get; set; }

    /// <summary>Whether a fatal error shuts the node down (tests turn this off).</summary>
    public bool ShutdownOnFatalError { get; set; } = true;

    /// <summary>Raised for every tip change, after the tip is recorded (Core's <c>uiInterface.NotifyBlockTip</c>).</summary>
    public event Action<SynchronizationState, BlockIndex, double>? BlockTipChanged;

    /// <summary>Raised when the best header changes (Core's <c>uiInterface.NotifyHeaderTip</c>).</summary>
    public event Action<SynchronizationState, long, long, bool>? HeaderTipChanged;

    /// <summary>Raised as a long operation progresses: title, percent, whether it can be resumed.</summary>
    public event Action<string, int, bool>? ProgressChanged;

    /// <summary>The hash of the last tip the kernel reported, or null before the first.</summary>
    public uint256? TipBlock
    {
        get
        {
            lock (_tipLock)
                return _tipBlock;
        }
    }

    /// <summary>True once the chainstate finished loading at start-up.</summary>
    public bool ChainstateLoaded
    {
        get
        {
            lock (_tipLock)
                return _chainstateLoaded;
        }
    }

    /// <summary>Records whether the chainstate is loaded; unloading also forgets the tip. Wakes waiters.</summary>
    public void SetChainstateLoaded(bool loaded)
    {
        lock (_tipLock)
        {
            if (!loaded)
                _tipBlock = null;
            _chainstateLoaded = loaded;
            Monitor.PulseAll(_tipLock);
        }
    }

    /// <summary>
    /// Waits until <paramref name="condition"/>, given the current tip hash (null if none yet), holds, the timeout
    /// passes, or <paramref name="cancellationToken"/> is cancelled; returns the last tip seen. The condition is
    /// checked at once, at every tip change and at every <see cref="WakeWaiters"/>.
    /// </summary>
    public uint256? WaitForTip(Func<uint256?, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = timeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        using var registration = cancellationToken.Register(WakeWaiters);
        lock (_tipLock)
        {
            while (!condition(_tipBlock) && !cancellationToken.IsCancellationRequested)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                    break;
                Monitor.Wait(_tipLock, left > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : left);
            }

            return _tipBlock;
        }
    }

    /// <summary>Wakes every <see cref="WaitForTip"/> so it rechecks its condition (at shutdown).</summary>
    public void WakeWaiters()
    {
        lock (_tipLock)
            Monitor.PulseAll(_tipLock);
    }

    /// <inheritdoc/>
    public bool BlockTip(SynchronizationState state, BlockIndex tip, double verificationProgress)
    {
        lock (_tipLock)
        {
            _tipBlock = tip.Hash;
            Monitor.PulseAll(_tipLock);
        }

        BlockTipChanged?.Invoke(state, tip, verificationProgress);
        if (StopAtHeight > 0 && tip.Height >= StopAtHeight)
        {
            _node.RequestShutdown();
            return true;
        }

        return false;
    }

    /// <inheritdoc/>
    public void HeaderTip(SynchronizationState state, long height, long timestamp, bool presync) =>
        HeaderTipChanged?.Invoke(state, height, timestamp, presync);

    /// <inheritdoc/>
    public void Progress(string title, int percent, bool resumePossible) =>
        ProgressChanged?.Invoke(title, percent, resumePossible);

    /// <inheritdoc/>
    public void WarningSet(KernelWarning warning, string message)
    {
        if (_node.Warnings.Set(warning, message))
            AlertNotify(message);
    }

    /// <inheritdoc/>
    public void WarningUnset(KernelWarning warning) => _node.Warnings.Unset(warning);

    /// <inheritdoc/>
    public void FlushError(string message) => _node.AbortNode(message, requestShutdown: true);

    /// <inheritdoc/>
    public void FatalError(string message) => _node.AbortNode(message, ShutdownOnFatalError);

    private void AlertNotify(string message)
    {
        var command = _node.Args.GetArg("-alertnotify", "");
        if (command.Length == 0)
            return;
        // The message is quoted for the shell after removing anything that could break out of the quotes.
        ShellCommand.RunDetached(command.Replace("%s", "'" + ShellCommand.Sanitize(message) + "'", StringComparison.Ordinal));
    }
}
