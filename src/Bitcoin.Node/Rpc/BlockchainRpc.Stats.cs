using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Storage;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Blockchain;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

// getblockstats, and reading stored blocks and undo data with Core's errors.
internal static partial class BlockchainRpc
{
    private static RpcMethod GetBlockStats(NodeRpcContext context) => new(
        "getblockstats",
        "Computes statistics of one block. Amounts are in satoshis.\n" +
        "Needs the block's data and undo data.",
        [
            Required("hash_or_height", RpcArgType.Num, "The block, by hash or height",
                options: new RpcArgOptions { SkipTypeCheck = true, TypeStr = ["", "string or numeric"] }),
            WithHint("stats", RpcArgType.Arr, "all values", "The statistics to return (see the result)",
                [
                    Optional("height", RpcArgType.Str, "a statistic"),
                    Optional("time", RpcArgType.Str, "a statistic"),
                ],
                new RpcArgOptions { OneLineDescription = "stats" }),
        ],
        [
            Value(RpcResultType.Obj, "", [
                OptionalField(RpcResultType.Num, "avgfee", "average fee"),
                OptionalField(RpcResultType.Num, "avgfeerate", "average fee rate, in satoshis per virtual byte"),
                OptionalField(RpcResultType.Num, "avgtxsize", "average transaction size"),
                OptionalField(RpcResultType.StrHex, "blockhash", "the block hash (to notice reorganisations)"),
                new RpcResult(RpcResultType.ArrFixed, "feerate_percentiles", "fee rates in satoshis per virtual byte at the 10th, 25th, 50th, 75th and 90th percentile of weight", [
                    Value(RpcResultType.Num, "10th percentile"),
                    Value(RpcResultType.Num, "25th percentile"),
                    Value(RpcResultType.Num, "50th percentile"),
                    Value(RpcResultType.Num, "75th percentile"),
                    Value(RpcResultType.Num, "90th percentile"),
                ], optional: true),
                OptionalField(RpcResultType.Num, "height", "the block height"),
                OptionalField(RpcResultType.Num, "ins", "inputs, not counting the coinbase's"),
                OptionalField(RpcResultType.Num, "maxfee", "largest fee"),
                OptionalField(RpcResultType.Num, "maxfeerate", "largest fee rate, in satoshis per virtual byte"),
                OptionalField(RpcResultType.Num, "maxtxsize", "largest transaction size"),
                OptionalField(RpcResultType.Num, "medianfee", "truncated median fee"),
                OptionalField(RpcResultType.Num, "mediantime", "the block's median time past"),
                OptionalField(RpcResultType.Num, "mediantxsize", "truncated median transaction size"),
                OptionalField(RpcResultType.Num, "minfee", "smallest fee"),
                OptionalField(RpcResultType.Num, "minfeerate", "smallest fee rate, in satoshis per virtual byte"),
                OptionalField(RpcResultType.Num, "mintxsize", "smallest transaction size"),
                OptionalField(RpcResultType.Num, "outs", "outputs"),
                OptionalField(RpcResultType.Num, "subsidy", "the block subsidy"),
                OptionalField(RpcResultType.Num, "swtotal_size", "total size of segwit transactions"),
                OptionalField(RpcResultType.Num, "swtotal_weight", "total weight of segwit transactions"),
                OptionalField(RpcResultType.Num, "swtxs", "number of segwit transactions"),
                OptionalField(RpcResultType.Num, "time", "the block's timestamp"),
                OptionalField(RpcResultType.Num, "total_out", "total output amount, not counting the coinbase"),
                OptionalField(RpcResultType.Num, "total_size", "total size of the transactions other than the coinbase"),
                OptionalField(RpcResultType.Num, "total_weight", "total weight of the transactions other than the coinbase"),
                OptionalField(RpcResultType.Num, "totalfee", "sum of the fees"),
                OptionalField(RpcResultType.Num, "txs", "number of transactions, coinbase included"),
                OptionalField(RpcResultType.Num, "utxo_increase", "change in the number of unspent outputs (unspendable ones included)"),
                OptionalField(RpcResultType.Num, "utxo_size_inc", "change in the UTXO set size (unspendable outputs included)"),
                OptionalField(RpcResultType.Num, "utxo_increase_actual", "change in the number of unspent outputs, unspendable ones excluded"),
                OptionalField(RpcResultType.Num, "utxo_size_inc_actual", "change in the UTXO set size, unspendable outputs excluded"),
            ]),
        ],
        RpcExamples.Cli("getblockstats", "'\"00000000c937983704a73af28acdec37b049d214adbda81d7e2a3dd146f6ed09\"' '[\"minfeerate\",\"avgfeerate\"]'") +
        RpcExamples.Cli("getblockstats", "1000 '[\"minfeerate\",\"avgfeerate\"]'") +
        RpcExamples.Rpc("getblockstats", "\"00000000c937983704a73af28acdec37b049d214adbda81d7e2a3dd146f6ed09\", [\"minfeerate\",\"avgfeerate\"]") +
        RpcExamples.Rpc("getblockstats", "1000, [\"minfeerate\",\"avgfeerate\"]"),
        call =>
        {
            var chainman = context.EnsureChainman();
            var index = ParseHashOrHeight(call.Param(0), chainman);
            var selected = new SortedSet<string>(StringComparer.Ordinal);
            if (!call.Param(1).IsNull())
            {
                foreach (var stat in call.Param(1).GetArr()) selected.Add(stat.GetStr());
            }

            var block = ReadBlockChecked(chainman, index);
            var undo = ReadUndoChecked(chainman, index);
            BlockStats stats;
            try
            {
                stats = BlockStatsCalculator.Compute(block, undo, index, chainman.ChainParams.Consensus);
            }
            catch (InvalidDataException e)
            {
                throw new RpcInternalBugException(e.Message, nameof(BlockchainRpc), 0, nameof(GetBlockStats));
            }
            var all = stats.ToJson();
            if (selected.Count == 0) return all;

            var result = new JsonObject();
            foreach (var stat in selected)
            {
                var value = all.Find(stat) ?? throw new RpcException(RpcErrorCode.InvalidParameter, $"Invalid selected statistic '{stat}'");
                result[stat] = value.DeepClone();
            }
            return result;
        });

    /// <summary>
    /// The stored block, or -1 "Block not available (not fully downloaded)" when only its header is known and -1
    /// "Block not found on disk" when it cannot be read (Core's GetBlockChecked).
    /// </summary>
    private static Block ReadBlockChecked(ChainstateManager chainman, BlockIndex index)
    {
        CheckBlockDataAvailability(chainman, index, checkForUndo: false);
        return chainman.ReadBlock(index) ?? throw new RpcException(RpcErrorCode.MiscError, "Block not found on disk");
    }

    /// <summary>The serialized stored block, with the errors of <see cref="ReadBlockChecked"/> (Core's GetRawBlockChecked).</summary>
    private static byte[] ReadRawBlockChecked(ChainstateManager chainman, BlockIndex index)
    {
        CheckBlockDataAvailability(chainman, index, checkForUndo: false);
        return chainman.ReadRawBlock(index) ?? throw new RpcException(RpcErrorCode.MiscError, "Block not found on disk");
    }

    /// <summary>
    /// The block's undo data (empty for the genesis block), or -1 "Undo data not available" / "Can't read undo data
    /// from disk" (Core's GetUndoChecked).
    /// </summary>
    private static BlockUndo ReadUndoChecked(ChainstateManager chainman, BlockIndex index)
    {
        if (index.Height == 0) return new BlockUndo();
        CheckBlockDataAvailability(chainman, index, checkForUndo: true);
        return chainman.ReadBlockUndo(index) ?? throw new RpcException(RpcErrorCode.MiscError, "Can't read undo data from disk");
    }

    /// <summary>
    /// Core's CheckBlockDataAvailability: -1 "Block not available (pruned data)" / "Undo data not available (pruned
    /// data)" for a block whose files were pruned, otherwise "Block not available (not fully downloaded)" / "Undo data
    /// not available" when the data was never stored.
    /// </summary>
    private static void CheckBlockDataAvailability(ChainstateManager chainman, BlockIndex index, bool checkForUndo)
    {
        var flag = checkForUndo ? BlockStatus.HaveUndo : BlockStatus.HaveData;
        bool pruned;
        lock (chainman.Lock)
        {
            if ((index.Status & flag) != 0) return;
            pruned = chainman.Blockman.IsBlockPruned(index);
        }
        if (pruned)
            throw new RpcException(RpcErrorCode.MiscError, $"{(checkForUndo ? "Undo data" : "Block")} not available (pruned data)");
        if (checkForUndo) throw new RpcException(RpcErrorCode.MiscError, "Undo data not available");
        throw new RpcException(RpcErrorCode.MiscError, "Block not available (not fully downloaded)");
    }
}
