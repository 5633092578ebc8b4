using System.Text.Json.Nodes;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Policy;
using Bitcoin.Node.Context;
using Bitcoin.Node.Rpc.Internal;
using NBitcoin;

namespace Bitcoin.Node.Net.Rpc;

// getorphantxs (Core's rpc/mempool.cpp, hidden): the transactions net processing holds in its orphanage.
public static partial class NetRpc
{
    private static RpcMethod GetOrphanTxs(NodeContext node) => new(
        "getorphantxs",
        "Shows transactions in the tx orphanage.\n" +
        "\nEXPERIMENTAL warning: this call may be changed in future releases.\n",
        [
            RpcDoc.WithDefault("verbosity", RpcArgType.Num, 0, "0 for an array of txids (may contain duplicates), 1 for an array of objects with tx details, and 2 for details from (1) and tx hex"),
        ],
        [
            RpcDoc.Value(RpcResultType.Arr, "", [RpcDoc.Field(RpcResultType.StrHex, "txid", "The transaction hash in hex")]),
            RpcDoc.Value(RpcResultType.Arr, "", [RpcDoc.Field(RpcResultType.Obj, "", "", OrphanFields())]),
            RpcDoc.Value(RpcResultType.Arr, "",
            [
                RpcDoc.Field(RpcResultType.Obj, "", "", [.. OrphanFields(), RpcDoc.Field(RpcResultType.StrHex, "hex", "The serialized, hex-encoded transaction data")]),
            ]),
        ],
        RpcExamples.Cli("getorphantxs", "2") + RpcExamples.Rpc("getorphantxs", "2"),
        call =>
        {
            var peerman = EnsurePeerman(node);
            int verbosity = RpcParse.Verbosity(call.Param(0), 0, allowBool: false);
            if (verbosity is < 0 or > 2)
                throw new RpcException(RpcErrorCode.InvalidParameter, $"Invalid verbosity value {verbosity}");
            var result = new JsonArray();
            foreach (var (tx, announcers) in peerman.GetOrphanTransactions())
            {
                if (verbosity == 0)
                {
                    result.Add(tx.GetHash().ToString());
                    continue;
                }

                var entry = OrphanToJson(tx, announcers);
                if (verbosity == 2)
                    entry["hex"] = tx.ToHex();
                result.Add(entry);
            }

            return result;
        });

    private static RpcResult[] OrphanFields() =>
    [
        RpcDoc.Field(RpcResultType.StrHex, "txid", "The transaction hash in hex"),
        RpcDoc.Field(RpcResultType.StrHex, "wtxid", "The transaction witness hash in hex"),
        RpcDoc.Field(RpcResultType.Num, "bytes", "The serialized transaction size in bytes"),
        RpcDoc.Field(RpcResultType.Num, "vsize", "(DEPRECATED) use vsize_bip141 instead. The virtual transaction size as defined in BIP 141. This is different from actual serialized size for witness transactions as witness data is discounted."),
        RpcDoc.Field(RpcResultType.Num, "vsize_bip141", "The virtual transaction size as defined in BIP 141. This is different from actual serialized size for witness transactions as witness data is discounted."),
        RpcDoc.Field(RpcResultType.Num, "weight", "The transaction weight as defined in BIP 141."),
        RpcDoc.Field(RpcResultType.Arr, "from", "", [RpcDoc.Field(RpcResultType.Num, "peer_id", "Peer ID")]),
    ];

    private static JsonObject OrphanToJson(Transaction tx, IReadOnlySet<long> announcers)
    {
        long vsize = StandardPolicy.GetVirtualTransactionSize(tx);
        return new JsonObject
        {
            ["txid"] = tx.GetHash().ToString(),
            ["wtxid"] = tx.GetWitHash().ToString(),
            ["bytes"] = tx.GetSerializedSize(),
            ["vsize"] = vsize,
            ["vsize_bip141"] = vsize,
            ["weight"] = TxChecks.GetTransactionWeight(tx),
            ["from"] = new JsonArray([.. announcers.Order().Select(id => (JsonNode)id)]),
        };
    }
}
