using System.Diagnostics;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Node.Mining;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

// Waiting for the tip: waitfornewblock, waitforblock, waitforblockheight, syncwithvalidationinterfacequeue.
internal static partial class BlockchainRpc
{
    private static readonly IReadOnlyList<RpcResult> WaitResultDoc =
    [
        Value(RpcResultType.Obj, "", [
            Field(RpcResultType.StrHex, "hash", "the tip's block hash"),
            Field(RpcResultType.Num, "height", "the tip's height"),
        ]),
    ];

    private const string WaitNote = "\nReturns the current tip when the timeout passes or the node shuts down.\n\n" +
                                    "Use a client without an RPC timeout (bitcoin-cli -rpcclienttimeout=0).";

    private static RpcMethod WaitForNewBlock(NodeRpcContext context) => new(
        "waitfornewblock",
        "Waits until the tip changes and returns the new tip.\n" + WaitNote,
        [
            WithDefault("timeout", RpcArgType.Num, 0, "Milliseconds to wait at most; 0 waits without limit."),
            Optional("current_tip", RpcArgType.StrHex, "Wait until the tip is different from this block."),
        ],
        WaitResultDoc,
        Examples("waitfornewblock", "1000", "1000"),
        call => RunBlockingAsync(() =>
        {
            int timeout = call.Param(0).IsNull() ? 0 : call.Param(0).GetInt32();
            if (timeout < 0) throw new RpcException(RpcErrorCode.MiscError, "Negative timeout");
            var miner = context.EnsureMiner();
            var current = miner.GetTip() ?? throw NoTip();
            // Without current_tip, the tip at the time of the call is the one to move away from.
            var from = call.Param(1).IsNull() ? current.Hash : RpcParse.Hash(call.Param(1), "current_tip");
            var changed = miner.WaitTipChanged(from, timeout == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(timeout), call.CancellationToken);
            return TipJson(changed ?? current);
        }));

    private static RpcMethod WaitForBlock(NodeRpcContext context) => new(
        "waitforblock",
        "Waits until a given block is the tip and returns the tip.\n" + WaitNote,
        [
            Required("blockhash", RpcArgType.StrHex, "The block to wait for."),
            WithDefault("timeout", RpcArgType.Num, 0, "Milliseconds to wait at most; 0 waits without limit."),
        ],
        WaitResultDoc,
        Examples("waitforblock", "\"0000000000079f8ef3d2c688c244eb7a4570b24c9ed7b4a8c619eb02596f8862\" 1000",
            "\"0000000000079f8ef3d2c688c244eb7a4570b24c9ed7b4a8c619eb02596f8862\", 1000"),
        call => RunBlockingAsync(() =>
        {
            var hash = RpcParse.Hash(call.Param(0), "blockhash");
            int timeout = call.Param(1).IsNull() ? 0 : call.Param(1).GetInt32();
            if (timeout < 0) throw new RpcException(RpcErrorCode.MiscError, "Negative timeout");
            var miner = context.EnsureMiner();
            var current = miner.GetTip() ?? throw NoTip();
            return TipJson(WaitUntil(miner, current, tip => tip.Hash == hash, timeout, call.CancellationToken));
        }));

    private static RpcMethod WaitForBlockHeight(NodeRpcContext context) => new(
        "waitforblockheight",
        "Waits until the tip is at least at a given height and returns the tip.\n" + WaitNote,
        [
            Required("height", RpcArgType.Num, "The height to wait for."),
            WithDefault("timeout", RpcArgType.Num, 0, "Milliseconds to wait at most; 0 waits without limit."),
        ],
        WaitResultDoc,
        Examples("waitforblockheight", "100 1000", "100, 1000"),
        call => RunBlockingAsync(() =>
        {
            int height = call.Param(0).GetInt32();
            int timeout = call.Param(1).IsNull() ? 0 : call.Param(1).GetInt32();
            if (timeout < 0) throw new RpcException(RpcErrorCode.MiscError, "Negative timeout");
            var miner = context.EnsureMiner();
            var current = miner.GetTip() ?? throw NoTip();
            return TipJson(WaitUntil(miner, current, tip => tip.Height >= height, timeout, call.CancellationToken));
        }));

    private static RpcMethod SyncWithValidationInterfaceQueue(NodeRpcContext context) => new(
        "syncwithvalidationinterfacequeue",
        "Waits until every validation event queued before the call has been delivered.",
        [],
        [Null()],
        Examples("syncwithvalidationinterfacequeue"),
        _ => RunBlockingAsync(() =>
        {
            var signals = context.Node.ValidationSignals
                          ?? throw new RpcException(RpcErrorCode.InternalError, "Validation signals not found");
            signals.SyncWithValidationInterfaceQueue();
            return null;
        }));

    /// <summary>Waits for tip changes until <paramref name="done"/> holds for the tip, the timeout passes, or shutdown.</summary>
    private static BlockRef WaitUntil(Miner miner, BlockRef current, Func<BlockRef, bool> done, int timeoutMs, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        while (!done(current))
        {
            TimeSpan wait = Timeout.InfiniteTimeSpan;
            if (timeoutMs != 0)
            {
                var remaining = TimeSpan.FromMilliseconds(timeoutMs) - Stopwatch.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero) break;
                wait = remaining;
            }
            var next = miner.WaitTipChanged(current.Hash, wait, cancellationToken);
            if (next is null) break; // shutting down: report what we have
            current = next;
        }
        return current;
    }

    private static JsonObject TipJson(BlockRef tip) => new() { ["hash"] = tip.Hash.ToString(), ["height"] = tip.Height };

    private static RpcException NoTip() => new(RpcErrorCode.InternalError, "The active chain has no blocks");

    /// <summary>
    /// Runs a call that blocks (waiting for the chain) on its own thread, so that long waits do not hold thread-pool
    /// threads the server needs for other requests.
    /// </summary>
    private static async ValueTask<JsonNode?> RunBlockingAsync(Func<JsonNode?> body) =>
        await Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
}
