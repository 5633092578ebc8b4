using Bitcoin.Common.Args;
using Bitcoin.Common.Logging;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Rpc.Http;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Index;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Rpc;

namespace Bitcoin.Node.Context;

/// <summary>
/// Everything a running node is made of (Core's <c>node::NodeContext</c>): a bag of references that start-up fills in
/// step by step and shutdown empties in reverse, passed to RPC commands, interfaces and tests instead of globals.
/// Members that start-up has not reached yet are null, so code that may run early (or after a failed start) checks.
/// </summary>
/// <remarks>
/// RPC commands get the context from <see cref="RpcRequest.Context"/> with <see cref="FromRequest"/> and register in
/// <see cref="RpcTable"/> before the server leaves warm-up. Start-up order: <see cref="Args"/> and
/// <see cref="ChainParams"/> (argument parsing), <see cref="Scheduler"/>, <see cref="ValidationSignals"/>,
/// <see cref="Notifications"/>, the RPC server (<see cref="RpcServer"/>, in warm-up), then the chainstate.
/// </remarks>
public sealed class NodeContext
{
    private volatile int _exitStatus;

    /// <summary>Creates a context around the process's arguments.</summary>
    public NodeContext(ArgsManager args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Args = args;
    }

    /// <summary>Command-line options, bitcoin.conf and settings.json.</summary>
    public ArgsManager Args { get; }

    /// <summary>The log (debug.log and console).</summary>
    public Logger Logger { get; init; } = Logger.Instance;

    /// <summary>When the node started (for <c>uptime</c>).</summary>
    public DateTimeOffset StartTime { get; } = DateTimeOffset.UtcNow;

    /// <summary>Set when shutdown is requested; the main thread waits on it.</summary>
    public ShutdownSignal ShutdownSignal { get; } = new();

    /// <summary>True once shutdown was requested.</summary>
    public bool ShutdownRequested => ShutdownSignal.IsRequested;

    /// <summary>The process exit status: 0 unless a fatal error or a failed start set it to 1.</summary>
    public int ExitStatus
    {
        get => _exitStatus;
        set => _exitStatus = value;
    }

    /// <summary>Warnings shown to users (RPC "warnings" fields).</summary>
    public NodeWarnings Warnings { get; } = new();

    /// <summary>The selected chain's parameters (set while parsing arguments).</summary>
    public ChainParams? ChainParams { get; set; }

    /// <summary>The background task scheduler (from the start of the main init step).</summary>
    public NodeScheduler? Scheduler { get; set; }

    /// <summary>The debug.log rate limiter, when <c>-logratelimit</c> is on (disposed at shutdown).</summary>
    public LogRateLimiter? LogRateLimiter { get; set; }

    /// <summary>Validation events for subscribers (wallet, indexes, ZMQ, the RPC's long-polls).</summary>
    public ValidationSignals? ValidationSignals { get; set; }

    /// <summary>The kernel's notifications as the node handles them (tip waits, -stopatheight, fatal errors).</summary>
    public KernelNotifications? Notifications { get; set; }

    /// <summary>The chainstate: block storage, block index, coins and validation (after the chain is loaded).</summary>
    public ChainstateManager? Chainman { get; set; }

    /// <summary>The transaction memory pool (created with the chainstate, from the mempool and relay options).</summary>
    public TxMemPool? Mempool { get; set; }

    /// <summary>The fee rate estimators (not with <c>-blocksonly</c>); set by <see cref="Bitcoin.Node.Mempool.MempoolStartup.StartFeeEstimation"/>.</summary>
    public Kernel.FeeEstimation.FeeEstimatorManager? FeeEstimator { get; set; }

    /// <summary>Announces locally submitted transactions to peers; set by the P2P layer (null: no relay).</summary>
    public Bitcoin.Node.Mempool.ITxBroadcaster? TxBroadcaster { get; set; }

    /// <summary>The P2P network: address and ban managers, connections and net processing (from network initialization on).</summary>
    public Bitcoin.Node.Net.NodeNetwork? Network { get; set; }

    /// <summary>The transaction index, with <c>-txindex</c>.</summary>
    public TxIndex? TxIndex { get; set; }

    /// <summary>The BIP158 basic block filter index, with <c>-blockfilterindex</c>.</summary>
    public BlockFilterIndex? BlockFilterIndex { get; set; }

    /// <summary>The optional indexes that are open (txindex, block filter index), for getindexinfo and start-up checks.</summary>
    public IReadOnlyList<BaseIndex> Indexes => new BaseIndex?[] { TxIndex, BlockFilterIndex }.OfType<BaseIndex>().ToList();

    /// <summary>The node's <see cref="Bitcoin.Interfaces.IChain"/> for chain clients (made in AppInitInterfaces).</summary>
    public Bitcoin.Interfaces.IChain? Chain { get; set; }

    /// <summary>The chain clients (the wallet loader), started and stopped with the node (Core's <c>chain_clients</c>).</summary>
    public List<Bitcoin.Interfaces.IChainClient> ChainClients { get; } = [];

    /// <summary>The wallet loader among <see cref="ChainClients"/>, unless the wallet is disabled or absent.</summary>
    public Bitcoin.Interfaces.IWalletLoader? WalletLoader { get; set; }

    /// <summary>The RPC commands. Commands are registered here whether or not <c>-server</c> is on (the GUI console uses them).</summary>
    public RpcCommandTable RpcTable { get; } = new();

    /// <summary>What the node's RPC commands (blockchain, mining, ...) work on; attached to the chainstate once it is loaded.</summary>
    public NodeRpcContext? RpcContext { get; set; }

    /// <summary>The HTTP JSON-RPC server, when <c>-server</c> is on and it has started.</summary>
    public RpcHttpServer? RpcServer { get; set; }

    /// <summary>The thread that imports blocks (reindex, -loadblock) and activates the best chain at start-up.</summary>
    public Thread? BackgroundInitThread { get; set; }

    /// <summary>
    /// Raised with each start-up progress message ("Loading block index…", "Done loading"); the RPC server answers
    /// calls made during warm-up with the latest one.
    /// </summary>
    public event Action<string>? InitMessageChanged;

    /// <summary>The node a request was made to (Core's <c>EnsureAnyNodeContext</c>); RPC error -32603 if there is none.</summary>
    public static NodeContext FromRequest(RpcRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Context as NodeContext
               ?? throw new RpcException(RpcErrorCode.InternalError, "Node context not found");
    }

    /// <summary>Requests shutdown (Core's <c>shutdown_request</c>); true if the request was registered.</summary>
    public bool RequestShutdown() => ShutdownSignal.Request();

    /// <summary>
    /// Reports start-up progress: logs "init message: X" (unless <paramref name="log"/> is false because the kernel
    /// logged it already) and tells <see cref="InitMessageChanged"/> subscribers.
    /// </summary>
    public void InitMessage(string message, bool log = true)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (log)
            Log.Info($"init message: {message}");
        InitMessageChanged?.Invoke(message);
    }

    /// <summary>The chainstate, or RPC error -32603 "Node chainman not found" before it is loaded (Core's <c>EnsureChainman</c>).</summary>
    public ChainstateManager EnsureChainman() =>
        Chainman ?? throw new RpcException(RpcErrorCode.InternalError, "Node chainman not found");

    /// <summary>
    /// Stops the node after an unrecoverable error (Core's <c>AbortNode</c>): records the fatal-error warning, reports
    /// "A fatal internal error occurred, see debug.log for details: X", sets the exit status to 1 and, unless
    /// <paramref name="requestShutdown"/> is false, requests shutdown.
    /// </summary>
    public void AbortNode(string message, bool requestShutdown = true)
    {
        ArgumentNullException.ThrowIfNull(message);
        Warnings.Set(NodeWarning.FatalInternalError, message);
        var logName = Path.GetFileName(Logger.FilePath);
        if (logName.Length == 0)
            logName = Logger.DefaultDebugLogFile;
        InitMessages.Error($"A fatal internal error occurred, see {logName} for details: {message}");
        ExitStatus = 1;
        if (requestShutdown && !RequestShutdown())
            Log.Error("Failed to send shutdown signal");
    }
}
