using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Blockchain;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

// The UTXO set and database checks: gettxoutsetinfo, verifychain.
internal static partial class BlockchainRpc
{
    // Core's DEFAULT_CHECKLEVEL and DEFAULT_CHECKBLOCKS.
    private const int DefaultCheckLevel = 3;
    private const int DefaultCheckBlocks = 6;

    private static RpcMethod GetTxOutSetInfo(NodeRpcContext context) => new(
        "gettxoutsetinfo",
        "Returns statistics about the set of unspent transaction outputs.\n" +
        "The whole set is read, which can take a while on a large chain (this node has no coinstatsindex).",
        [
            WithDefault("hash_type", RpcArgType.Str, "hash_serialized_3",
                "The hash to compute: 'hash_serialized_3' (the legacy algorithm), 'muhash' or 'none'."),
            WithHint("hash_or_height", RpcArgType.Num, "the current best block",
                "A block hash or height to report on (needs coinstatsindex)",
                options: new RpcArgOptions { SkipTypeCheck = true, TypeStr = ["", "string or numeric"] }),
            WithDefault("use_index", RpcArgType.Bool, true, "Use coinstatsindex if there is one."),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Num, "height", "height of the block the statistics are for"),
                Field(RpcResultType.StrHex, "bestblock", "hash of that block"),
                Field(RpcResultType.Num, "txouts", "number of unspent outputs"),
                Field(RpcResultType.Num, "bogosize", "a database-independent measure of the set's size"),
                OptionalField(RpcResultType.StrHex, "hash_serialized_3", "the hash, when hash_type is 'hash_serialized_3'"),
                OptionalField(RpcResultType.StrHex, "muhash", "the hash, when hash_type is 'muhash'"),
                OptionalField(RpcResultType.Num, "transactions", "number of transactions with unspent outputs"),
                OptionalField(RpcResultType.Num, "disk_size", "estimated size of the chainstate database on disk"),
                Field(RpcResultType.StrAmount, "total_amount", "the sum of all unspent outputs"),
            ]),
        ],
        RpcExamples.Cli("gettxoutsetinfo", "") + RpcExamples.Cli("gettxoutsetinfo", "\"none\"") +
        RpcExamples.Cli("-named gettxoutsetinfo", "hash_type='muhash' use_index='false'") +
        RpcExamples.Rpc("gettxoutsetinfo", "") + RpcExamples.Rpc("gettxoutsetinfo", "\"none\""),
        call =>
        {
            var hashType = ParseHashType(call.ArgStr("hash_type"));
            // Querying a past block needs the coin statistics index, which this node does not keep.
            if (!call.Param(1).IsNull())
                throw new RpcException(RpcErrorCode.InvalidParameter, "Querying specific block heights requires coinstatsindex");
            if (!call.Param(2).IsNull()) call.Param(2).GetBool();

            var chainman = context.EnsureChainman();
            chainman.FlushStateToDisk(FlushStateMode.ForceSync);
            CoinStats stats;
            try
            {
                stats = CoinStatsCalculator.Compute(hashType, chainman, context.InterruptionPoint);
            }
            catch (Kernel.Storage.Database.DatabaseException)
            {
                throw new RpcException(RpcErrorCode.InternalError, "Unable to read UTXO set");
            }

            var result = new JsonObject
            {
                ["height"] = stats.Height,
                ["bestblock"] = stats.BlockHash.ToString(),
                ["txouts"] = stats.TransactionOutputs,
                ["bogosize"] = stats.BogoSize,
            };
            if (hashType == CoinStatsHashType.HashSerialized) result["hash_serialized_3"] = stats.Hash!.ToString();
            if (hashType == CoinStatsHashType.MuHash) result["muhash"] = stats.Hash!.ToString();
            result["total_amount"] = JsonNumbers.Amount(stats.TotalAmount);
            result["transactions"] = stats.Transactions;
            result["disk_size"] = stats.DiskSize;
            return result;
        });

    /// <summary>Core's ParseHashType: -8 "'X' is not a valid hash_type".</summary>
    private static CoinStatsHashType ParseHashType(string text) => text switch
    {
        "hash_serialized_3" => CoinStatsHashType.HashSerialized,
        "muhash" => CoinStatsHashType.MuHash,
        "none" => CoinStatsHashType.None,
        _ => throw new RpcException(RpcErrorCode.InvalidParameter, $"'{text}' is not a valid hash_type"),
    };

    private static RpcMethod VerifyChain(NodeRpcContext context) => new(
        "verifychain",
        "Checks the stored blocks against the chainstate.",
        [
            WithHint("checklevel", RpcArgType.Num, "3, range=0-4",
                "How much is checked; each level adds to the ones below:\n" +
                "- level 0 reads the blocks from disk\n" +
                "- level 1 also checks that they are valid\n" +
                "- level 2 also checks that their undo data can be read\n" +
                "- level 3 also disconnects the tip blocks in memory to check the coins are consistent\n" +
                "- level 4 also connects those blocks again"),
            WithHint("nblocks", RpcArgType.Num, "6, 0=all", "How many blocks below the tip to check."),
        ],
        [Value(RpcResultType.Bool, "true if every check passed; if false, the debug log says why")],
        Examples("verifychain"),
        call =>
        {
            int checkLevel = call.Param(0).IsNull() ? DefaultCheckLevel : call.Param(0).GetInt32();
            int checkDepth = call.Param(1).IsNull() ? DefaultCheckBlocks : call.Param(1).GetInt32();
            return context.EnsureChainman().VerifyDb(checkLevel, checkDepth) == VerifyDbResult.Success;
        });
}
