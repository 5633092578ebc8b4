using System.Globalization;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Util;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

/// <summary>The test helpers setmocktime and mockscheduler of Core's rpc/node.cpp, which the mining, mempool and blockchain tests rely on.</summary>
internal static class NodeControlRpc
{
    public static void Register(RpcCommandTable table, NodeRpcContext context)
    {
        table.Register("hidden", SetMockTime(context));
        table.Register("hidden", MockScheduler(context));
    }

    private static RpcMethod MockScheduler(NodeRpcContext context) => new(
        "mockscheduler",
        "Moves the node's scheduled tasks forward in time (regtest only).",
        [Required("delta_time", RpcArgType.Num, "How many seconds to move the scheduler forward.")],
        [Null()],
        "",
        call =>
        {
            var chainParams = context.Node.ChainParams ?? context.EnsureChainman().ChainParams;
            if (!chainParams.IsMockableChain) throw new InvalidOperationException("mockscheduler is for regression testing (-regtest mode) only");
            long delta = call.Param(0).GetInt64();
            if (delta <= 0 || delta > 3600) throw new InvalidOperationException("delta_time must be between 1 and 3600 seconds (1 hr)");
            var scheduler = context.Node.Scheduler ?? throw new InvalidOperationException("The node has no scheduler.");
            scheduler.MockForward(TimeSpan.FromSeconds(delta));
            // Tasks the scheduler ran may have queued validation events: they are delivered before answering.
            context.Node.ValidationSignals?.SyncWithValidationInterfaceQueue();
            foreach (var client in context.Node.ChainClients) client.SchedulerMockForward(delta);
            return null;
        });

    private static RpcMethod SetMockTime(NodeRpcContext context) => new(
        "setmocktime",
        "Sets the node's clock to a fixed time (regtest only).",
        [Required("timestamp", RpcArgType.Num, "The time, in seconds since the epoch.\nPass 0 to return to the system clock.")],
        [Null()],
        "",
        call =>
        {
            var chainParams = context.Node.ChainParams ?? context.EnsureChainman().ChainParams;
            if (!chainParams.IsMockableChain) throw new InvalidOperationException("setmocktime is for regression testing (-regtest mode) only");
            long time = call.Param(0).GetInt64();
            // Block times are 32-bit: a later mock time would mean nothing to consensus code and could overflow it.
            const long maxTime = uint.MaxValue;
            if (time < 0 || time > maxTime)
            {
                throw new RpcException(RpcErrorCode.InvalidParameter,
                    string.Create(CultureInfo.InvariantCulture, $"Mocktime must be in the range [0, {maxTime}], not {time}."));
            }
            // Not in the middle of validation: time-dependent checks see one clock per block.
            var chainman = context.Chainman;
            if (chainman is not null)
            {
                lock (chainman.Lock) NodeClock.SetMockTime(time);
            }
            else
            {
                NodeClock.SetMockTime(time);
            }
            // Chain clients in another process keep their own clock.
            Interfaces.NodeChainClients.SetMockTime(context.Node, time);
            return null;
        });
}
