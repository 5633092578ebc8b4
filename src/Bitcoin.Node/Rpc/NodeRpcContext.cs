using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Index;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Context;
using Bitcoin.Node.Mining;

namespace Bitcoin.Node.Rpc;

/// <summary>
/// What the node's RPC commands work with: the node, and the chainstate and miner once start-up has loaded them.
/// Commands registered with <see cref="NodeRpcCommands.Register"/> read these at every call, so the context can be
/// created before the chainstate exists (commands are registered before the RPC server leaves warm-up) and filled in
/// with <see cref="AttachChainstate"/> when it is loaded.
/// </summary>
public sealed class NodeRpcContext
{
    private volatile ChainstateManager? _chainman;
    private volatile Miner? _miner;
    private volatile TxIndex? _txIndex;

    /// <summary>Creates the context of <paramref name="node"/>.</summary>
    public NodeRpcContext(NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Node = node;
    }

    /// <summary>The node (arguments, warnings, notifications, validation signals).</summary>
    public NodeContext Node { get; }

    /// <summary>The chainstate, or null before it is loaded (and after shutdown).</summary>
    public ChainstateManager? Chainman => _chainman;

    /// <summary>The mining service, or null before the chainstate is loaded.</summary>
    public Miner? Miner => _miner;

    /// <summary>
    /// The number of connected peers (getblocktemplate refuses to work without any on main); null, as now, while the
    /// node has no P2P layer, which counts as none.
    /// </summary>
    public Func<int>? ConnectionCount { get; set; }

    /// <summary>The mempool's view for gettxout, getrawtransaction and generateblock; null while the node has none (an empty mempool).</summary>
    public IMempoolView? Mempool { get; set; }

    /// <summary>
    /// The transaction index (<c>-txindex</c>) for getrawtransaction, or null when it is off; unless set here, the
    /// node's <see cref="NodeContext.TxIndex"/>.
    /// </summary>
    public TxIndex? TxIndex
    {
        get => _txIndex ?? Node.TxIndex;
        set => _txIndex = value;
    }

    /// <summary>The table the commands were registered in (for interruption and warm-up state).</summary>
    public RpcCommandTable? Table { get; internal set; }

    /// <summary>
    /// Makes the loaded chainstate available to the commands and creates the mining service with the node's
    /// block-creation settings (<see cref="MiningArgs.Read"/>) and transaction source (the mempool; null while the
    /// node has none). <see cref="NodeContext.Notifications"/> must be set and be the chainstate's notifications.
    /// </summary>
    public void AttachChainstate(ChainstateManager chainman, BlockCreateOptions miningOptions, IBlockTransactionSource? transactionSource)
    {
        ArgumentNullException.ThrowIfNull(chainman);
        ArgumentNullException.ThrowIfNull(miningOptions);
        var notifications = Node.Notifications
                            ?? throw new InvalidOperationException("The node's kernel notifications must exist before the chainstate is attached.");
        _miner = new Miner(chainman, notifications, miningOptions, transactionSource);
        _chainman = chainman;
    }

    /// <summary>Forgets the chainstate (at shutdown, before it is disposed); later calls get "Node chainman not found".</summary>
    public void DetachChainstate()
    {
        _chainman = null;
        _miner = null;
    }

    /// <summary>The chainstate, or RPC error -32603 "Node chainman not found" (Core's EnsureChainman).</summary>
    public ChainstateManager EnsureChainman() =>
        _chainman ?? throw new RpcException(RpcErrorCode.InternalError, "Node chainman not found");

    /// <summary>The mining service, or RPC error -32603 "Node miner not found" (Core's EnsureMining).</summary>
    public Miner EnsureMiner() =>
        _miner ?? throw new RpcException(RpcErrorCode.InternalError, "Node miner not found");

    /// <summary>Connected peers, 0 without a P2P layer.</summary>
    public int GetConnectionCount() => ConnectionCount?.Invoke() ?? 0;

    /// <summary>True if <c>-deprecatedrpc=<paramref name="feature"/></c> was given (Core's IsDeprecatedRPCEnabled).</summary>
    public bool IsDeprecatedRpcEnabled(string feature) => Node.Args.GetArgs("-deprecatedrpc").Contains(feature);

    /// <summary>Throws -9 "Shutting down" once RPC is being stopped (Core's RpcInterruptionPoint).</summary>
    public void InterruptionPoint() => Table?.InterruptionPoint();
}
