using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Index;
using Bitcoin.Node.Rpc.Internal;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

/// <summary>The RPCs of the optional indexes: getindexinfo (Core's rpc/node.cpp) and getblockfilter (rpc/blockchain.cpp).</summary>
internal static class IndexRpc
{
    public static void Register(RpcCommandTable table, NodeRpcContext context)
    {
        table.Register("util", GetIndexInfo(context));
        table.Register("blockchain", GetBlockFilter(context));
    }

    private static RpcMethod GetIndexInfo(NodeRpcContext context) => new(
        "getindexinfo",
        "Reports the state of each optional index that is enabled, or of the one named.",
        [Optional("index_name", RpcArgType.Str, "Report only this index (e.g. \"txindex\")")],
        [
            Value(RpcResultType.ObjDyn, "", [
                Field(RpcResultType.Obj, "name", "the index's name", [
                    Field(RpcResultType.Bool, "synced", "whether the index has caught up with the chain"),
                    Field(RpcResultType.Num, "best_block_height", "the height of the last block it has processed"),
                ]),
            ]),
        ],
        Examples("getindexinfo") + Examples("getindexinfo", "txindex", "\"txindex\""),
        call =>
        {
            string indexName = call.MaybeStr("index_name") ?? "";
            var result = new JsonObject();
            foreach (var index in context.Node.Indexes)
            {
                var summary = index.GetSummary();
                if (indexName.Length > 0 && indexName != summary.Name) continue;
                result[summary.Name] = new JsonObject
                {
                    ["synced"] = summary.Synced,
                    ["best_block_height"] = summary.BestBlockHeight,
                };
            }
            return result;
        });

    private static RpcMethod GetBlockFilter(NodeRpcContext context) => new(
        "getblockfilter",
        "Returns the BIP 157 content filter of a block, and its filter header.",
        [
            Required("blockhash", RpcArgType.StrHex, "The block's hash"),
            WithDefault("filtertype", RpcArgType.Str, BlockFilterIndex.FilterTypeName, "The filter's type"),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.StrHex, "filter", "the serialized filter, in hex"),
                Field(RpcResultType.StrHex, "header", "the filter header, in hex"),
            ]),
        ],
        Examples("getblockfilter", "\"00000000c937983704a73af28acdec37b049d214adbda81d7e2a3dd146f6ed09\" \"basic\"",
            "\"00000000c937983704a73af28acdec37b049d214adbda81d7e2a3dd146f6ed09\", \"basic\""),
        call =>
        {
            var hash = RpcParse.Hash(call.Param(0), "blockhash");
            string filterType = call.MaybeStr("filtertype") ?? BlockFilterIndex.FilterTypeName;
            if (filterType != BlockFilterIndex.FilterTypeName)
                throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Unknown filtertype");
            var index = context.Node.BlockFilterIndex
                        ?? throw new RpcException(RpcErrorCode.MiscError, "Index is not enabled for filtertype " + filterType);
            var chainman = context.EnsureChainman();
            BlockIndex block;
            bool connected;
            lock (chainman.Lock)
            {
                block = chainman.Blockman.LookupBlockIndex(hash)
                        ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Block not found");
                connected = block.IsValid(BlockStatus.ValidScripts);
            }
            bool ready = index.BlockUntilSyncedToCurrentChain();
            var filter = index.LookupFilter(block);
            var header = index.LookupFilterHeader(block);
            if (filter is null || header is null)
            {
                if (!connected)
                    throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Filter not found. Block was not connected to active chain.");
                if (!ready)
                    throw new RpcException(RpcErrorCode.MiscError, "Filter not found. Block filters are still in the process of being indexed.");
                throw new RpcException(RpcErrorCode.InternalError, "Filter not found. This error is unexpected and indicates index corruption.");
            }
            return new JsonObject
            {
                ["filter"] = Convert.ToHexStringLower(filter.Encoded),
                ["header"] = header.ToString(),
            };
        });
}
