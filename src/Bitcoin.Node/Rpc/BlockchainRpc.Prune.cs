using Bitcoin.Common.Json;
using Bitcoin.Common.Logging;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Storage;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

// pruneblockchain: deleting old block and undo files on request (Core's rpc/blockchain.cpp).
internal static partial class BlockchainRpc
{
    // Core's TIMESTAMP_WINDOW: a time argument also spares blocks up to two hours older, whose timestamps may lag.
    private const int PruneTimestampWindow = 2 * 60 * 60;

    // Larger arguments are times rather than heights (Core's threshold: no chain is that long, no block that old).
    private const int PruneHeightOrTimeThreshold = 1_000_000_000;

    private static RpcMethod PruneBlockchain(NodeRpcContext context) => new(
        "pruneblockchain",
        "Deletes stored blocks and their undo data up to a height or a time, as far as they may be pruned.\n" +
        "Needs a node started with -prune. Deleted blocks can only come back by downloading them again (e.g. with getblockfrompeer).\n",
        [
            Required("height", RpcArgType.Num,
                "The height to prune up to. A value above 1000000000 is a UNIX epoch time instead: blocks at least 2 hours older than it are pruned."),
        ],
        [Value(RpcResultType.Num, "the height of the highest pruned block (-1 if none)")],
        Examples("pruneblockchain", "1000", "1000"),
        call =>
        {
            var chainman = context.EnsureChainman();
            if (!chainman.Blockman.IsPruneMode)
                throw new RpcException(RpcErrorCode.MiscError, "Cannot prune blocks because node is not in prune mode.");

            lock (chainman.Lock)
            {
                var chain = chainman.ActiveChain;
                int heightParam = call.Param(0).GetInt32();
                if (heightParam < 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Negative block height.");
                if (heightParam > PruneHeightOrTimeThreshold)
                {
                    var first = chain.FindEarliestAtLeast((long)heightParam - PruneTimestampWindow, 0)
                        ?? throw new RpcException(RpcErrorCode.InvalidParameter, "Could not find block with at least the specified timestamp.");
                    heightParam = first.Height;
                }

                // Unsigned as in Core: below MinBlocksToKeep the subtraction wraps and the height is left alone (the
                // kernel still keeps the last MinBlocksToKeep blocks).
                uint height = (uint)heightParam;
                uint chainHeight = unchecked((uint)chain.Height);
                if (chainHeight < chainman.ChainParams.PruneAfterHeight)
                    throw new RpcException(RpcErrorCode.MiscError, "Blockchain is too short for pruning.");
                if (height > chainHeight)
                    throw new RpcException(RpcErrorCode.InvalidParameter, "Blockchain is shorter than the attempted prune height.");
                if (height > unchecked(chainHeight - BlockManager.MinBlocksToKeep))
                {
                    Log.Debug(LogCategory.Rpc, "Attempt to prune blocks close to the tip.  Retaining the minimum number of blocks.");
                    height = chainHeight - BlockManager.MinBlocksToKeep;
                }

                chainman.PruneBlockFilesManual((int)height);
                return chainman.Blockman.GetPruneHeight(chain) ?? -1;
            }
        });
}
