using System.Text.Json.Nodes;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Index;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Rpc.Internal;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

// scanblocks: finding the blocks whose BIP158 filters match descriptors' scripts (Core's rpc/blockchain.cpp).
internal static partial class BlockchainRpc
{
    private static RpcMethod ScanBlocks(NodeRpcContext context, UtxoScanState scan) => new(
        "scanblocks",
        "Returns the hashes of the blocks that may pay to or spend from the scripts of the given descriptors, using the block filter index (-blockfilterindex).\n" +
        "Scanning a long chain takes a while: use no RPC timeout (bitcoin-cli -rpcclienttimeout=0).",
        [
            ScanActionArg,
            ScanObjectsArg,
            WithDefault("start_height", RpcArgType.Num, 0, "The height to start at"),
            WithHint("stop_height", RpcArgType.Num, "chain tip", "The height to stop at"),
            WithDefault("filtertype", RpcArgType.Str, BlockFilterIndex.FilterTypeName, "The filter's type"),
            Optional("options", RpcArgType.ObjNamedParams, "",
            [
                WithDefault("filter_false_positives", RpcArgType.Bool, false,
                    "Read each matching block to drop the filters' false positives (slower, and fails where blocks were pruned); otherwise about 1 in M matches is false"),
            ], new RpcArgOptions { OneLineDescription = "options" }),
        ],
        [
            ScanStatusNoneResult,
            Conditional("When action=='start'; only returns after scan completes", RpcResultType.Obj, "", [
                Field(RpcResultType.Num, "from_height", "the height the scan started at"),
                Field(RpcResultType.Num, "to_height", "the height the scan ended at"),
                Field(RpcResultType.Arr, "relevant_blocks", "blocks that may have matched a scan object", [
                    Value(RpcResultType.StrHex, "a block hash"),
                ]),
                Field(RpcResultType.Bool, "completed", "false if the scan was aborted"),
            ]),
            Conditional("when action=='status' and a scan is currently in progress", RpcResultType.Obj, "", [
                Field(RpcResultType.Num, "progress", "approximate percentage done"),
                Field(RpcResultType.Num, "current_height", "the height of the block being scanned"),
            ]),
            ScanAbortResult,
        ],
        RpcExamples.Cli("scanblocks", "start '[\"addr(bcrt1q4u4nsgk6ug0sqz7r3rj9tykjxrsl0yy4d0wwte)\"]' 300000") +
        RpcExamples.Cli("scanblocks", "start '[\"addr(bcrt1q4u4nsgk6ug0sqz7r3rj9tykjxrsl0yy4d0wwte)\"]' 100 150 basic") +
        RpcExamples.Cli("scanblocks", "status") +
        RpcExamples.Rpc("scanblocks", "\"start\", [\"addr(bcrt1q4u4nsgk6ug0sqz7r3rj9tykjxrsl0yy4d0wwte)\"], 300000") +
        RpcExamples.Rpc("scanblocks", "\"start\", [\"addr(bcrt1q4u4nsgk6ug0sqz7r3rj9tykjxrsl0yy4d0wwte)\"], 100, 150, \"basic\"") +
        RpcExamples.Rpc("scanblocks", "\"status\""),
        call => RunBlockingAsync(() => RunScanAction(call, scan,
            () => new JsonObject { ["progress"] = scan.Progress, ["current_height"] = scan.CurrentHeight },
            () => StartBlockScan(context, scan, call))));

    private static JsonObject StartBlockScan(NodeRpcContext context, UtxoScanState scan, RpcCall call)
    {
        var scanObjects = call.MaybeArg("scanobjects")
                          ?? throw new RpcException(RpcErrorCode.MiscError, "scanobjects argument is required for the start action");
        string filterType = call.MaybeStr("filtertype") ?? BlockFilterIndex.FilterTypeName;
        if (filterType != BlockFilterIndex.FilterTypeName)
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Unknown filtertype");
        var options = call.Param(5) is { } optionsArg && !optionsArg.IsNull() ? optionsArg : new JsonObject();
        bool filterFalsePositives = options.Find("filter_false_positives") is { } flag && !flag.IsNull() && flag.GetBool();
        var index = context.Node.BlockFilterIndex
                    ?? throw new RpcException(RpcErrorCode.MiscError, $"Index is not enabled for filtertype {filterType}");
        var chainman = context.EnsureChainman();

        BlockIndex start, stop;
        lock (chainman.Lock)
        {
            var chain = chainman.ActiveChain;
            start = chain.Genesis!;
            stop = chain.Tip!;
            if (!call.Param(2).IsNull())
                start = chain[call.Param(2).GetInt32()] ?? throw new RpcException(RpcErrorCode.MiscError, "Invalid start_height");
            if (!call.Param(3).IsNull())
            {
                var given = chain[call.Param(3).GetInt32()];
                if (given is null || given.Height < start.Height) throw new RpcException(RpcErrorCode.MiscError, "Invalid stop_height");
                stop = given;
            }
        }

        // The scripts as bytes for the filters, and as hex to check blocks against.
        var needles = new List<byte[]>();
        var needleHex = new HashSet<string>(StringComparer.Ordinal);
        var network = chainman.ChainParams.Network;
        foreach (var scanObject in scanObjects.GetArr())
        {
            foreach (var script in DescriptorScripts.Evaluate(scanObject, new FlatSigningProvider(), network))
            {
                var bytes = script.ToBytes(true);
                if (needleHex.Add(Convert.ToHexString(bytes))) needles.Add(bytes);
            }
        }

        int fromHeight = start.Height;
        int total = stop.Height - fromHeight;
        scan.Progress = 0;
        scan.CurrentHeight = fromHeight;
        var blocks = new JsonArray();
        bool completed = true;
        int lastScanned = fromHeight;
        for (int height = fromHeight; height <= stop.Height; height++)
        {
            context.InterruptionPoint();
            if (scan.AbortRequested)
            {
                completed = false;
                break;
            }
            BlockIndex? block;
            lock (chainman.Lock) block = stop.GetAncestor(height);
            if (block is not null && index.LookupFilter(block) is { } filter && filter.MatchAny(needles)
                && (!filterFalsePositives || BlockTouchesScripts(chainman, block, needleHex)))
            {
                blocks.Add(block.Hash.ToString());
            }
            lastScanned = height;
            scan.Progress = total > 0 ? (int)(100.0 / total * (height - fromHeight)) : 100;
            scan.CurrentHeight = height;
        }

        return new JsonObject
        {
            ["from_height"] = fromHeight,
            ["to_height"] = lastScanned,
            ["relevant_blocks"] = blocks,
            ["completed"] = completed,
        };
    }

    // Checks a filter match against the block itself: its outputs' scripts and the scripts its inputs spent.
    private static bool BlockTouchesScripts(ChainstateManager chainman, BlockIndex index, HashSet<string> needleHex)
    {
        var block = ReadBlockChecked(chainman, index);
        var undo = ReadUndoChecked(chainman, index);
        bool Matches(NBitcoin.Script script) => needleHex.Contains(Convert.ToHexString(script.ToBytes(true)));
        return block.Transactions.Any(tx => tx.Outputs.Any(o => Matches(o.ScriptPubKey)))
               || undo.TxUndos.Any(tx => tx.PrevOut.Any(c => Matches(c.Output.ScriptPubKey)));
    }
}
