using Bitcoin.Common.Rpc;

namespace Bitcoin.Node.Rpc;

/// <summary>
/// The node's own RPC commands (Core's RegisterBlockchainRPCCommands, RegisterMiningRPCCommands and the raw transaction
/// and utility commands), beside the generic ones of <see cref="Common.Rpc.Commands.ControlCommands"/>.
/// </summary>
public static class NodeRpcCommands
{
    /// <summary>
    /// Registers every node command in <paramref name="table"/>. The commands read the chainstate and miner from
    /// <paramref name="context"/> at each call, so register them at start-up before the server leaves warm-up and
    /// call <see cref="NodeRpcContext.AttachChainstate"/> once the chainstate is loaded.
    /// </summary>
    public static void Register(RpcCommandTable table, NodeRpcContext context)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(context);
        context.Table = table;
        BlockchainRpc.Register(table, context);
        MiningRpc.Register(table, context);
        RawTransactionRpc.Register(table, context);
        Psbt.PsbtRpc.Register(table, context);
        UtilRpc.Register(table, context);
        IndexRpc.Register(table, context);
        NodeControlRpc.Register(table, context);
    }
}
