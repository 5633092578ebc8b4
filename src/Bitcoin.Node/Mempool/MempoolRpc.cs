using System.Globalization;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.FeeEstimation;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Policy;
using Bitcoin.Node.Context;
using Bitcoin.Node.Rpc.Internal;
using NBitcoin;

namespace Bitcoin.Node.Mempool;

/// <summary>
/// The mempool and fee commands (Core's rpc/mempool.cpp, rpc/fees.cpp and the prioritisation commands of
/// rpc/mining.cpp). This file: registration and shared pieces; the commands are in the partial files by topic.
/// </summary>
public static partial class MempoolRpc
{
    private const string RawTransactions = "rawtransactions";
    private const string Blockchain = "blockchain";
    private const string Mining = "mining";
    private const string Util = "util";
    private const string Hidden = "hidden";

    /// <summary>
    /// Registers the commands in <paramref name="table"/>. They read the mempool, chainstate and fee estimator from
    /// <paramref name="node"/> at each call (-33 "Mempool disabled or instance not found" while there is no mempool).
    /// </summary>
    public static void Register(RpcCommandTable table, NodeContext node)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(node);
        table.Register(RawTransactions, SendRawTransaction(node));
        table.Register(RawTransactions, TestMempoolAccept(node));
        table.Register(RawTransactions, SubmitPackage(node));
        table.Register(Blockchain, GetMempoolAncestors(node));
        table.Register(Blockchain, GetMempoolDescendants(node));
        table.Register(Blockchain, GetMempoolEntry(node));
        table.Register(Blockchain, GetMempoolCluster(node));
        table.Register(Blockchain, GetTxSpendingPrevout(node));
        table.Register(Blockchain, GetMempoolInfo(node));
        table.Register(Hidden, GetMempoolFeerateDiagram(node));
        table.Register(Blockchain, GetRawMempool(node));
        table.Register(Blockchain, ImportMempool(node));
        table.Register(Blockchain, SaveMempool(node));
        table.Register(Mining, PrioritiseTransaction(node));
        table.Register(Mining, GetPrioritisedTransactions(node));
        table.Register(Util, EstimateSmartFee(node));
        table.Register(Hidden, EstimateRawFee(node));
    }

    /// <summary>The node's mempool, or -33 "Mempool disabled or instance not found" (Core's EnsureMemPool).</summary>
    internal static TxMemPool EnsureMempool(NodeContext node) =>
        node.Mempool ?? throw new RpcException(RpcErrorCode.ClientMempoolDisabled, "Mempool disabled or instance not found");

    /// <summary>The fee estimators, or -32603 "Fee estimation disabled" (Core's EnsureFeeEstimatorMan).</summary>
    internal static FeeEstimatorManager EnsureFeeEstimator(NodeContext node) =>
        node.FeeEstimator ?? throw new RpcException(RpcErrorCode.InternalError, "Fee estimation disabled");

    /// <summary>Core's ParseFeeRate for the maxfeerate arguments (default 0.10 BTC/kvB).</summary>
    private static TxFeeRate ParseMaxFeeRate(JsonNode? value)
    {
        if (value.IsNull()) return TxFeeRate.FromSatoshisPerKvB(PolicyConstants.DefaultMaxRawTxFeeRatePerKvB);
        long perKvB = RpcParse.Amount(value);
        if (perKvB >= RpcParse.Coin) throw new RpcException(RpcErrorCode.InvalidParameter, "Fee rates larger than or equal to 1BTC/kvB are not accepted");
        return TxFeeRate.FromSatoshisPerKvB(perKvB);
    }

    /// <summary>The documentation of a mempool entry (Core's MempoolEntryDescription).</summary>
    private static List<RpcResult> EntryDescription(NodeContext node)
    {
        var list = new List<RpcResult>
        {
            RpcDoc.Field(RpcResultType.Num, "vsize", "(DEPRECATED) sigops-adjusted virtual size, the same as vsize_adjusted; use vsize_bip141 or vsize_adjusted instead."),
            RpcDoc.Field(RpcResultType.Num, "vsize_bip141", "Virtual transaction size as defined in BIP 141 (witness data discounted)."),
            RpcDoc.Field(RpcResultType.Num, "vsize_adjusted", "The larger of the sigop-adjusted size (-bytespersigop) and the BIP 141 virtual size."),
            RpcDoc.Field(RpcResultType.Num, "weight", "transaction weight as defined in BIP 141."),
            RpcDoc.Field(RpcResultType.NumTime, "time", "local time the transaction entered the pool, in seconds since 1 Jan 1970 GMT"),
            RpcDoc.Field(RpcResultType.Num, "height", "block height when the transaction entered the pool"),
            RpcDoc.Field(RpcResultType.Num, "descendantcount", "number of in-mempool descendant transactions (including this one)"),
            RpcDoc.Field(RpcResultType.Num, "descendantsize", "virtual size of in-mempool descendants (including this one)"),
            RpcDoc.Field(RpcResultType.Num, "ancestorcount", "number of in-mempool ancestor transactions (including this one)"),
            RpcDoc.Field(RpcResultType.Num, "ancestorsize", "virtual size of in-mempool ancestors (including this one)"),
            RpcDoc.Field(RpcResultType.Num, "chunkweight", "sigops-adjusted weight of this transaction's chunk"),
            RpcDoc.Field(RpcResultType.StrHex, "wtxid", "hash of the serialized transaction, witness included"),
            RpcDoc.Field(RpcResultType.Obj, "fees", "",
            [
                RpcDoc.Field(RpcResultType.StrAmount, "base", "transaction fee, in BTC"),
                RpcDoc.Field(RpcResultType.StrAmount, "modified", "transaction fee with the prioritisation deltas mining uses, in BTC"),
                RpcDoc.Field(RpcResultType.StrAmount, "ancestor", "modified fees of in-mempool ancestors (including this one), in BTC"),
                RpcDoc.Field(RpcResultType.StrAmount, "descendant", "modified fees of in-mempool descendants (including this one), in BTC"),
                RpcDoc.Field(RpcResultType.StrAmount, "chunk", "fees of the transaction's chunk, in BTC"),
            ]),
            RpcDoc.Field(RpcResultType.Arr, "depends", "unconfirmed transactions used as inputs for this transaction",
                [RpcDoc.Value(RpcResultType.StrHex, "parent transaction id")]),
            RpcDoc.Field(RpcResultType.Arr, "spentby", "unconfirmed transactions spending outputs from this transaction",
                [RpcDoc.Value(RpcResultType.StrHex, "child transaction id")]),
            RpcDoc.Field(RpcResultType.Bool, "unbroadcast", "whether the transaction is still unbroadcast (no peer acknowledged it yet)"),
        };
        if (IsDeprecatedRpcEnabled(node, "bip125"))
        {
            list.Add(RpcDoc.Field(RpcResultType.Bool, "bip125-replaceable",
                "Whether this transaction or an unconfirmed ancestor signals BIP125 replaceability. (DEPRECATED)\n"));
        }
        return list;
    }

    /// <summary>A mempool entry as Core's entryToJSON writes it. Call with the mempool lock held.</summary>
    private static JsonObject EntryToJson(NodeContext node, TxMemPool pool, MempoolEntry entry)
    {
        var (ancestorCount, ancestorSize, ancestorFees) = pool.CalculateAncestorData(entry);
        var (descendantCount, descendantSize, descendantFees) = pool.CalculateDescendantData(entry);
        var chunk = pool.GetChunkFeeRate(entry);
        var tx = entry.Transaction;
        var info = new JsonObject
        {
            ["vsize_adjusted"] = entry.VirtualSize,
            ["vsize"] = entry.VirtualSize,
            ["vsize_bip141"] = StandardPolicy.GetVirtualTransactionSize(tx),
            ["weight"] = entry.Weight,
            ["time"] = entry.Time,
            ["height"] = entry.Height,
            ["descendantcount"] = descendantCount,
            ["descendantsize"] = descendantSize,
            ["ancestorcount"] = ancestorCount,
            ["ancestorsize"] = ancestorSize,
            ["wtxid"] = entry.Wtxid.ToString(),
            ["chunkweight"] = chunk.Size,
            ["fees"] = new JsonObject
            {
                ["base"] = JsonNumbers.Amount(entry.Fee),
                ["modified"] = JsonNumbers.Amount(entry.ModifiedFee),
                ["ancestor"] = JsonNumbers.Amount(ancestorFees),
                ["descendant"] = JsonNumbers.Amount(descendantFees),
                ["chunk"] = JsonNumbers.Amount(chunk.Fee),
            },
        };
        // Core keeps the parents in a set of hex strings: sorted as text.
        var depends = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var input in tx.Inputs)
        {
            if (pool.Exists(input.PrevOut.Hash)) depends.Add(input.PrevOut.Hash.ToString());
        }
        info["depends"] = new JsonArray(depends.Select(d => (JsonNode?)d).ToArray());
        info["spentby"] = new JsonArray(pool.GetChildren(entry).Select(c => (JsonNode?)c.Txid.ToString()).ToArray());
        info["unbroadcast"] = pool.IsUnbroadcastTx(entry.Txid);
        if (IsDeprecatedRpcEnabled(node, "bip125"))
        {
            var state = RbfPolicy.IsRbfOptIn(tx, pool);
            if (state == RbfTransactionState.Unknown) throw new RpcException(RpcErrorCode.MiscError, "Transaction is not in mempool");
            info["bip125-replaceable"] = state == RbfTransactionState.ReplaceableBip125;
        }
        return info;
    }

    private static bool IsDeprecatedRpcEnabled(NodeContext node, string feature) => node.Args.GetArgs("-deprecatedrpc").Contains(feature);

    private static uint256 ParseTxid(JsonNode? value, string name = "txid") => RpcParse.Hash(value, name);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
