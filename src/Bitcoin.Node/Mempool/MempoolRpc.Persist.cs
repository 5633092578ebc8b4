using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Node.Context;
using Bitcoin.Node.Rpc.Internal;

namespace Bitcoin.Node.Mempool;

// savemempool and importmempool.
public static partial class MempoolRpc
{
    private static RpcMethod SaveMempool(NodeContext node) => new(
        "savemempool",
        "Dumps the mempool to disk. It will fail until the previous dump is fully loaded.",
        [],
        [RpcDoc.Value(RpcResultType.Obj, "", [RpcDoc.Field(RpcResultType.Str, "filename", "the directory and file where the mempool was saved")])],
        RpcDoc.Examples("savemempool"),
        _ =>
        {
            var pool = EnsureMempool(node);
            if (!pool.LoadTried) throw new RpcException(RpcErrorCode.MiscError, "The mempool was not loaded yet");
            string path = MempoolStartup.MempoolPath(node.Args);
            if (!MempoolPersist.Dump(pool, path)) throw new RpcException(RpcErrorCode.MiscError, "Unable to dump mempool to disk");
            return new JsonObject { ["filename"] = path };
        });

    private static RpcMethod ImportMempool(NodeContext node) => new(
        "importmempool",
        "Import a mempool.dat file and attempt to add its contents to the mempool.\n" +
        "Warning: Importing untrusted files is dangerous, especially if metadata from the file is taken over.",
        [
            RpcDoc.Required("filepath", RpcArgType.Str, "The mempool file"),
            RpcDoc.Optional("options", RpcArgType.ObjNamedParams, "",
            [
                RpcDoc.WithDefault("use_current_time", RpcArgType.Bool, true,
                    "Whether to use the current system time or use the entry time metadata from the mempool file.\n" +
                    "Warning: Importing untrusted metadata may lead to unexpected issues and undesirable behavior."),
                RpcDoc.WithDefault("apply_fee_delta_priority", RpcArgType.Bool, false,
                    "Whether to apply the fee delta metadata from the mempool file.\n" +
                    "It will be added to any existing fee deltas.\n" +
                    "The fee delta can be set by the prioritisetransaction RPC.\n" +
                    "Warning: Importing untrusted metadata may lead to unexpected issues and undesirable behavior.\n" +
                    "Only set this bool if you understand what it does."),
                RpcDoc.WithDefault("apply_unbroadcast_set", RpcArgType.Bool, false,
                    "Whether to apply the unbroadcast set metadata from the mempool file.\n" +
                    "Warning: Importing untrusted metadata may lead to unexpected issues and undesirable behavior."),
            ], new RpcArgOptions { OneLineDescription = "options" }),
        ],
        [RpcDoc.Value(RpcResultType.Obj, "", [])],
        RpcExamples.Cli("importmempool", "/path/to/mempool.dat") + RpcExamples.Rpc("importmempool", "/path/to/mempool.dat"),
        call =>
        {
            var pool = EnsureMempool(node);
            var chainman = node.EnsureChainman();
            if (chainman.IsInitialBlockDownload)
                throw new RpcException(RpcErrorCode.ClientInInitialDownload, "Can only import the mempool after the block download and sync is done.");
            string path = call.Param(0).GetStr();
            var options = call.Param(1);
            bool Option(string key, bool fallback) => options.Find(key) is { } v && !v.IsNull() ? v.GetBool() : fallback;
            var import = new ImportMempoolOptions
            {
                UseCurrentTime = Option("use_current_time", true),
                ApplyFeeDeltaPriority = Option("apply_fee_delta_priority", false),
                ApplyUnbroadcastSet = Option("apply_unbroadcast_set", false),
            };
            if (!MempoolPersist.Load(pool, path, import, node.ShutdownSignal.Token))
                throw new RpcException(RpcErrorCode.MiscError, "Unable to import mempool file, see debug log for details.");
            return new JsonObject();
        });
}
