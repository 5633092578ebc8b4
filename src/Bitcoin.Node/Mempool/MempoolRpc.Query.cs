using System.Text.Json.Nodes;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Node.Context;
using Bitcoin.Node.Rpc.Internal;
using NBitcoin;

namespace Bitcoin.Node.Mempool;

// Reading the mempool: getrawmempool, getmempoolentry/ancestors/descendants/cluster, getmempoolinfo,
// getmempoolfeeratediagram and gettxspendingprevout.
public static partial class MempoolRpc
{
    private static RpcMethod GetRawMempool(NodeContext node) => new(
        "getrawmempool",
        "Returns all transaction ids in the memory pool as a JSON array of txids, in mining order.\n" +
        "\nHint: use getmempoolentry to fetch a specific transaction from the mempool.",
        [
            RpcDoc.WithDefault("verbose", RpcArgType.Bool, false, "True for a JSON object, false for an array of transaction ids"),
            RpcDoc.WithDefault("mempool_sequence", RpcArgType.Bool, false, "If verbose=false, returns a JSON object with the transaction list and the mempool sequence number."),
        ],
        [
            RpcDoc.Conditional("for verbose = false", RpcResultType.Arr, "", [RpcDoc.Value(RpcResultType.StrHex, "The transaction id")]),
            RpcDoc.Conditional("for verbose = true", RpcResultType.ObjDyn, "", [RpcDoc.Field(RpcResultType.Obj, "transactionid", "", EntryDescription(node))]),
            RpcDoc.Conditional("for verbose = false and mempool_sequence = true", RpcResultType.Obj, "",
            [
                RpcDoc.Field(RpcResultType.Arr, "txids", "", [RpcDoc.Value(RpcResultType.StrHex, "The transaction id")]),
                RpcDoc.Field(RpcResultType.Num, "mempool_sequence", "The mempool sequence value."),
            ]),
        ],
        RpcDoc.Examples("getrawmempool", "true", "true"),
        call =>
        {
            bool verbose = !call.Param(0).IsNull() && call.Param(0).GetBool();
            bool includeSequence = !call.Param(1).IsNull() && call.Param(1).GetBool();
            var pool = EnsureMempool(node);
            if (verbose)
            {
                if (includeSequence) throw new RpcException(RpcErrorCode.InvalidParameter, "Verbose results cannot contain mempool sequence values.");
                lock (pool.Lock)
                {
                    var result = new JsonObject();
                    foreach (var entry in pool.EntriesInMiningOrder()) result[entry.Txid.ToString()] = EntryToJson(node, pool, entry);
                    return result;
                }
            }
            JsonArray txids;
            ulong sequence;
            lock (pool.Lock)
            {
                txids = new JsonArray(pool.EntriesInMiningOrder().Select(e => (JsonNode?)e.Txid.ToString()).ToArray());
                sequence = pool.Sequence;
            }
            if (!includeSequence) return txids;
            return new JsonObject { ["txids"] = txids, ["mempool_sequence"] = sequence };
        });

    private static RpcMethod GetMempoolEntry(NodeContext node) => new(
        "getmempoolentry",
        "Returns mempool data for given transaction",
        [RpcDoc.Required("txid", RpcArgType.StrHex, "The transaction id (must be in mempool)")],
        [RpcDoc.Value(RpcResultType.Obj, "", EntryDescription(node))],
        RpcDoc.Examples("getmempoolentry", "\"mytxid\"", "\"mytxid\""),
        call =>
        {
            var txid = ParseTxid(call.Param(0));
            var pool = EnsureMempool(node);
            lock (pool.Lock)
            {
                var entry = pool.GetEntry(txid) ?? throw NotInMempool();
                return EntryToJson(node, pool, entry);
            }
        });

    private static RpcMethod GetMempoolAncestors(NodeContext node) => RelativesMethod(node, "getmempoolancestors",
        "If txid is in the mempool, returns all in-mempool ancestors.", "The transaction id of an in-mempool ancestor transaction",
        (pool, entry) => pool.CalculateMemPoolAncestors(entry));

    private static RpcMethod GetMempoolDescendants(NodeContext node) => RelativesMethod(node, "getmempooldescendants",
        "If txid is in the mempool, returns all in-mempool descendants.", "The transaction id of an in-mempool descendant transaction",
        (pool, entry) => pool.CalculateDescendants(entry).Where(d => !ReferenceEquals(d, entry)).ToList());

    private static RpcMethod RelativesMethod(NodeContext node, string name, string description, string itemDescription,
        Func<TxMemPool, MempoolEntry, List<MempoolEntry>> relatives) => new(
        name,
        description,
        [
            RpcDoc.Required("txid", RpcArgType.StrHex, "The transaction id (must be in mempool)"),
            RpcDoc.WithDefault("verbose", RpcArgType.Bool, false, "True for a JSON object, false for an array of transaction ids"),
        ],
        [
            RpcDoc.Conditional("for verbose = false", RpcResultType.Arr, "", [RpcDoc.Value(RpcResultType.StrHex, itemDescription)]),
            RpcDoc.Conditional("for verbose = true", RpcResultType.ObjDyn, "", [RpcDoc.Field(RpcResultType.Obj, "transactionid", "", EntryDescription(node))]),
        ],
        RpcDoc.Examples(name, "\"mytxid\"", "\"mytxid\""),
        call =>
        {
            bool verbose = !call.Param(1).IsNull() && call.Param(1).GetBool();
            var txid = ParseTxid(call.Param(0));
            var pool = EnsureMempool(node);
            lock (pool.Lock)
            {
                var entry = pool.GetEntry(txid) ?? throw NotInMempool();
                var list = relatives(pool, entry);
                if (!verbose) return new JsonArray(list.Select(e => (JsonNode?)e.Txid.ToString()).ToArray());
                var result = new JsonObject();
                foreach (var e in list) result[e.Txid.ToString()] = EntryToJson(node, pool, e);
                return result;
            }
        });

    private static RpcMethod GetMempoolCluster(NodeContext node) => new(
        "getmempoolcluster",
        "Returns mempool data for given cluster",
        [RpcDoc.Required("txid", RpcArgType.StrHex, "The txid of a transaction in the cluster")],
        [
            RpcDoc.Value(RpcResultType.Obj, "",
            [
                RpcDoc.Field(RpcResultType.Num, "clusterweight", "total sigops-adjusted weight (as defined in BIP 141 and modified by '-bytespersigop')"),
                RpcDoc.Field(RpcResultType.Num, "txcount", "number of transactions"),
                RpcDoc.Field(RpcResultType.Arr, "chunks", "chunks in this cluster (in mining order)",
                [
                    RpcDoc.Field(RpcResultType.Obj, "chunk", "",
                    [
                        RpcDoc.Field(RpcResultType.Num, "chunkfee", "fees of the transactions in this chunk"),
                        RpcDoc.Field(RpcResultType.Num, "chunkweight", "sigops-adjusted weight of all transactions in this chunk"),
                        RpcDoc.Field(RpcResultType.Arr, "txs", "transactions in this chunk in mining order", [RpcDoc.Field(RpcResultType.StrHex, "txid", "transaction id")]),
                    ]),
                ]),
            ]),
        ],
        RpcDoc.Examples("getmempoolcluster", "txid", "txid"),
        call =>
        {
            var txid = ParseTxid(call.Param(0));
            var pool = EnsureMempool(node);
            lock (pool.Lock)
            {
                if (pool.GetEntry(txid) is null) throw NotInMempool();
                var chunks = pool.GetClusterChunks(txid);
                var array = new JsonArray();
                long total = 0;
                int count = 0;
                foreach (var chunk in chunks)
                {
                    total += chunk.Entries.Sum(e => (long)e.AdjustedWeight);
                    count += chunk.Entries.Count;
                    array.Add(new JsonObject
                    {
                        ["chunkfee"] = JsonNumbers.Amount(chunk.Fee),
                        ["chunkweight"] = chunk.Weight,
                        ["txs"] = new JsonArray(chunk.Entries.Select(e => (JsonNode?)e.Txid.ToString()).ToArray()),
                    });
                }
                return new JsonObject { ["clusterweight"] = total, ["txcount"] = count, ["chunks"] = array };
            }
        });

    private static RpcMethod GetMempoolFeerateDiagram(NodeContext node) => new(
        "getmempoolfeeratediagram",
        "Returns the feerate diagram for the whole mempool.",
        [],
        [
            RpcDoc.Conditional("mempool chunks", RpcResultType.Arr, "",
            [
                RpcDoc.Value(RpcResultType.Obj, "",
                [
                    RpcDoc.Field(RpcResultType.Num, "weight", "cumulative sigops-adjusted weight"),
                    RpcDoc.Field(RpcResultType.Num, "fee", "cumulative fee"),
                ]),
            ]),
        ],
        RpcDoc.Examples("getmempoolfeeratediagram"),
        _ =>
        {
            var pool = EnsureMempool(node);
            return new JsonArray(pool.GetFeerateDiagram()
                .Select(p => (JsonNode?)new JsonObject { ["weight"] = p.Size, ["fee"] = JsonNumbers.Amount(p.Fee) }).ToArray());
        });

    private static RpcMethod GetMempoolInfo(NodeContext node) => new(
        "getmempoolinfo",
        "Returns details on the active state of the TX memory pool.",
        [],
        [RpcDoc.Value(RpcResultType.Obj, "", MempoolInfoDescription(node))],
        RpcDoc.Examples("getmempoolinfo"),
        _ => MempoolInfoToJson(node, EnsureMempool(node)));

    private static List<RpcResult> MempoolInfoDescription(NodeContext node)
    {
        var list = new List<RpcResult>
        {
            RpcDoc.Field(RpcResultType.Bool, "loaded", "True if the initial load attempt of the persisted mempool finished"),
            RpcDoc.Field(RpcResultType.Num, "size", "Current tx count"),
            RpcDoc.Field(RpcResultType.Num, "bytes", "Sum of the transactions' virtual sizes as defined in BIP 141 (witness data discounted)"),
            RpcDoc.Field(RpcResultType.Num, "usage", "Total memory usage for the mempool"),
            RpcDoc.Field(RpcResultType.StrAmount, "total_fee", "Total fees for the mempool in BTC, ignoring prioritisetransaction deltas"),
            RpcDoc.Field(RpcResultType.Num, "maxmempool", "Maximum memory usage for the mempool"),
            RpcDoc.Field(RpcResultType.StrAmount, "mempoolminfee", "Minimum fee rate in BTC/kvB for a transaction to be accepted: the larger of minrelaytxfee and the minimum mempool fee"),
            RpcDoc.Field(RpcResultType.StrAmount, "minrelaytxfee", "Current minimum relay fee for transactions"),
            RpcDoc.Field(RpcResultType.Num, "incrementalrelayfee", "minimum fee rate increment for mempool limiting or replacement in BTC/kvB"),
            RpcDoc.Field(RpcResultType.Num, "unbroadcastcount", "Current number of transactions that haven't passed initial broadcast yet"),
            RpcDoc.Field(RpcResultType.Bool, "permitbaremultisig", "True if the mempool accepts transactions with bare multisig outputs"),
            RpcDoc.Field(RpcResultType.Num, "maxdatacarriersize", "Maximum number of bytes that can be used by OP_RETURN outputs in the mempool"),
            RpcDoc.Field(RpcResultType.Num, "limitclustercount", "Maximum number of transactions that can be in a cluster (configured by -limitclustercount)"),
            RpcDoc.Field(RpcResultType.Num, "limitclustersize", "Maximum size of a cluster in virtual bytes (configured by -limitclustersize)"),
            RpcDoc.Field(RpcResultType.Bool, "optimal", "If the mempool is in a known-optimal transaction ordering"),
        };
        if (IsDeprecatedRpcEnabled(node, "fullrbf"))
            list.Add(RpcDoc.Field(RpcResultType.Bool, "fullrbf", "True if the mempool accepts RBF without replaceability signaling inspection (DEPRECATED)"));
        return list;
    }

    /// <summary>getmempoolinfo's object (Core's MempoolInfoToJSON).</summary>
    public static JsonObject MempoolInfoToJson(NodeContext node, TxMemPool pool)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(pool);
        lock (pool.Lock)
        {
            var options = pool.Options;
            var result = new JsonObject
            {
                ["loaded"] = pool.LoadTried,
                ["size"] = pool.Count,
                ["bytes"] = pool.TotalTxSize,
                ["usage"] = pool.DynamicMemoryUsage,
                ["total_fee"] = JsonNumbers.Amount(pool.TotalFee),
                ["maxmempool"] = options.MaxSizeBytes,
                ["mempoolminfee"] = JsonNumbers.Amount(Kernel.Policy.TxFeeRate.Max(pool.GetMinFee(), options.MinRelayFeeRate).FeePerKvB),
                ["minrelaytxfee"] = JsonNumbers.Amount(options.MinRelayFeeRate.FeePerKvB),
                ["incrementalrelayfee"] = JsonNumbers.Amount(options.IncrementalRelayFeeRate.FeePerKvB),
                ["unbroadcastcount"] = pool.GetUnbroadcastTxs().Count,
                ["permitbaremultisig"] = options.PermitBareMultisig,
                ["maxdatacarriersize"] = options.MaxDatacarrierBytes ?? 0,
                ["limitclustercount"] = options.Limits.ClusterCount,
                ["limitclustersize"] = options.Limits.ClusterSizeVBytes,
                ["optimal"] = pool.IsOptimal,
            };
            if (IsDeprecatedRpcEnabled(node, "fullrbf")) result["fullrbf"] = true;
            return result;
        }
    }

    private static RpcMethod GetTxSpendingPrevout(NodeContext node) => new(
        "gettxspendingprevout",
        "Scans the mempool (and the txospenderindex, if available) to find transactions spending any of the given outputs",
        [
            RpcDoc.Required("outputs", RpcArgType.Arr, "The transaction outputs that we want to check, and within each, the txid (string) vout (numeric).",
            [
                RpcDoc.Optional("", RpcArgType.Obj, "",
                [
                    RpcDoc.Required("txid", RpcArgType.StrHex, "The transaction id"),
                    RpcDoc.Required("vout", RpcArgType.Num, "The output number"),
                ]),
            ]),
            RpcDoc.Optional("options", RpcArgType.ObjNamedParams, "",
            [
                RpcDoc.WithHint("mempool_only", RpcArgType.Bool, "true if txospenderindex unavailable, otherwise false",
                    "If false and mempool lacks a relevant spend, use txospenderindex (throws an exception if not available)."),
                RpcDoc.WithHint("return_spending_tx", RpcArgType.Bool, "false", "If true, return the full spending tx."),
            ]),
        ],
        [
            RpcDoc.Value(RpcResultType.Arr, "",
            [
                RpcDoc.Value(RpcResultType.Obj, "",
                [
                    RpcDoc.Field(RpcResultType.StrHex, "txid", "the transaction id of the checked output"),
                    RpcDoc.Field(RpcResultType.Num, "vout", "the vout value of the checked output"),
                    RpcDoc.OptionalField(RpcResultType.StrHex, "spendingtxid", "the transaction id of the mempool transaction spending this output (omitted if unspent)"),
                    RpcDoc.OptionalField(RpcResultType.StrHex, "spendingtx", "the transaction spending this output (only if return_spending_tx is set, omitted if unspent)"),
                    RpcDoc.OptionalField(RpcResultType.StrHex, "blockhash", "the hash of the spending block (omitted if unspent or the spending tx is not confirmed)"),
                ]),
            ]),
        ],
        RpcExamples.Cli("gettxspendingprevout", "\"[{\\\"txid\\\":\\\"a08e6907dbbd3d809776dbfc5d82e371b764ed838b5655e72f463568df1aadf0\\\",\\\"vout\\\":3}]\"") +
        RpcExamples.Rpc("gettxspendingprevout", "\"[{\\\"txid\\\":\\\"a08e6907dbbd3d809776dbfc5d82e371b764ed838b5655e72f463568df1aadf0\\\",\\\"vout\\\":3}]\""),
        call =>
        {
            var outputs = call.Param(0).GetArr();
            if (outputs.Count == 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, outputs are missing");
            var options = call.Param(1).IsNull() ? new JsonObject() : call.Param(1);
            RpcParse.CheckObject(options, new Dictionary<string, JsonKind?> { ["mempool_only"] = JsonKind.Bool, ["return_spending_tx"] = JsonKind.Bool },
                allowNull: true, strict: true);
            // No txospenderindex exists here, so only the mempool can answer.
            bool mempoolOnly = options.Find("mempool_only") is { } m && !m.IsNull() ? m.GetBool() : true;
            bool returnTx = options.Find("return_spending_tx") is { } r && !r.IsNull() && r.GetBool();

            var prevouts = new List<OutPoint>();
            foreach (var output in outputs)
            {
                output.GetObj();
                RpcParse.CheckObject(output, new Dictionary<string, JsonKind?> { ["txid"] = JsonKind.String, ["vout"] = JsonKind.Number }, allowNull: false, strict: true);
                var txid = RpcParse.HashMember(output, "txid");
                int n = output.Find("vout").GetInt32();
                if (n < 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, vout cannot be negative");
                prevouts.Add(new OutPoint(txid, n));
            }

            var pool = EnsureMempool(node);
            var results = new JsonArray();
            lock (pool.Lock)
            {
                for (int i = 0; i < prevouts.Count; i++)
                {
                    var spender = pool.GetConflictTx(prevouts[i]);
                    if (spender is null && !mempoolOnly)
                        throw new RpcException(RpcErrorCode.MiscError, "Mempool lacks a relevant spend, and txospenderindex is unavailable.");
                    var result = outputs[i]!.DeepClone().AsObject();
                    if (spender is not null)
                    {
                        result["spendingtxid"] = spender.GetHash().ToString();
                        if (returnTx) result["spendingtx"] = TransactionDecoding.EncodeHexTx(spender);
                    }
                    results.Add(result);
                }
            }
            return results;
        });

    private static RpcException NotInMempool() => new(RpcErrorCode.InvalidAddressOrKey, "Transaction not in mempool");
}
