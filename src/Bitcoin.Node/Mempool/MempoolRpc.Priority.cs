using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Policy;
using Bitcoin.Node.Context;
using Bitcoin.Node.Rpc.Internal;

namespace Bitcoin.Node.Mempool;

// prioritisetransaction and getprioritisedtransactions.
public static partial class MempoolRpc
{
    private static RpcMethod PrioritiseTransaction(NodeContext node) => new(
        "prioritisetransaction",
        "Accepts the transaction into mined blocks at a higher (or lower) priority",
        [
            RpcDoc.Required("txid", RpcArgType.StrHex, "The transaction id."),
            RpcDoc.Optional("dummy", RpcArgType.Num, "API-Compatibility for previous API. Must be zero or null.\n" +
                                                     "                  DEPRECATED. For forward compatibility use named arguments and omit this parameter.",
                options: new RpcArgOptions { Placeholder = true }),
            RpcDoc.Required("fee_delta", RpcArgType.Num, "The fee value (in satoshis) to add (or subtract, if negative).\n" +
                                                         "                  Note, that this value is not a fee rate. It is a value to modify absolute fee of the TX.\n" +
                                                         "                  The fee is not actually paid, only the algorithm for selecting transactions into a block\n" +
                                                         "                  considers the transaction as it would have paid a higher (or lower) fee."),
        ],
        [RpcDoc.Value(RpcResultType.Bool, "Returns true")],
        RpcExamples.Cli("prioritisetransaction", "\"txid\" 0.0 10000") + RpcExamples.Rpc("prioritisetransaction", "\"txid\", 0.0, 10000"),
        call =>
        {
            var txid = ParseTxid(call.Param(0));
            double? dummy = call.Param(1).IsNull() ? null : call.Param(1).GetReal();
            long delta = call.Param(2).GetInt64();
            if (dummy is { } d && d != 0)
                throw new RpcException(RpcErrorCode.InvalidParameter, "Priority is no longer supported, dummy argument to prioritisetransaction must be 0.");
            var pool = EnsureMempool(node);
            // A transaction with dust must pay no fee, and must keep paying none.
            if (pool.Options.RequireStandard && pool.Get(txid) is { } tx && StandardPolicy.GetDust(tx, pool.Options.DustRelayFeeRate).Count > 0)
                throw new RpcException(RpcErrorCode.InvalidParameter, "Priority is not supported for transactions with dust outputs.");
            pool.PrioritiseTransaction(txid, delta);
            return true;
        });

    private static RpcMethod GetPrioritisedTransactions(NodeContext node) => new(
        "getprioritisedtransactions",
        "Returns a map of all user-created (see prioritisetransaction) fee deltas by txid, and whether the tx is present in mempool.",
        [],
        [
            RpcDoc.Value(RpcResultType.ObjDyn, "prioritisation keyed by txid",
            [
                RpcDoc.Field(RpcResultType.Obj, "<transactionid>", "",
                [
                    RpcDoc.Field(RpcResultType.Num, "fee_delta", "transaction fee delta in satoshis"),
                    RpcDoc.Field(RpcResultType.Bool, "in_mempool", "whether this transaction is currently in mempool"),
                    RpcDoc.OptionalField(RpcResultType.Num, "modified_fee", "modified fee in satoshis. Only returned if in_mempool=true"),
                ]),
            ]),
        ],
        RpcDoc.Examples("getprioritisedtransactions"),
        _ =>
        {
            var pool = EnsureMempool(node);
            var result = new JsonObject();
            foreach (var delta in pool.GetPrioritisedTransactions())
            {
                var inner = new JsonObject { ["fee_delta"] = delta.Delta, ["in_mempool"] = delta.InMempool };
                if (delta.ModifiedFee is { } modified) inner["modified_fee"] = modified;
                result[delta.Txid.ToString()] = inner;
            }
            return result;
        });
}
