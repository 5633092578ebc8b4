using System.Globalization;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Node.Rpc.Internal;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

// Chain state summaries: getblockchaininfo, getblockcount, getbestblockhash, getblockhash, getdifficulty,
// getchaintips, getchaintxstats, getdeploymentinfo.
internal static partial class BlockchainRpc
{
    private static RpcMethod GetBlockchainInfo(NodeRpcContext context) => new(
        "getblockchaininfo",
        "Returns the state of block processing: the chain, its tip and how far validation has come.",
        [],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "chain", "the network: main, test, testnet4, signet or regtest"),
                Field(RpcResultType.Num, "blocks", "height of the most-work fully validated chain (the genesis block is height 0)"),
                Field(RpcResultType.Num, "headers", "height of the best validated header"),
                Field(RpcResultType.Str, "bestblockhash", "hash of the tip"),
                Field(RpcResultType.StrHex, "bits", "the tip's compact difficulty target"),
                Field(RpcResultType.StrHex, "target", "the tip's difficulty target"),
                Field(RpcResultType.Num, "difficulty", "the tip's difficulty"),
                Field(RpcResultType.NumTime, "time", "the tip's timestamp, in seconds since the epoch"),
                Field(RpcResultType.NumTime, "mediantime", "the tip's median time past, in seconds since the epoch"),
                Field(RpcResultType.Num, "verificationprogress", "estimated fraction of the chain verified, 0 to 1"),
                Field(RpcResultType.Bool, "initialblockdownload", "whether the node considers itself in initial block download"),
                Field(RpcResultType.StrHex, "chainwork", "total work of the active chain, in hex"),
                Field(RpcResultType.Num, "size_on_disk", "estimated size of the block and undo files"),
                Field(RpcResultType.Bool, "pruned", "whether old blocks are deleted"),
                OptionalField(RpcResultType.Num, "pruneheight", "the lowest height whose block is still stored; every block below it was pruned (only when pruning)"),
                OptionalField(RpcResultType.Bool, "automatic_pruning", "whether blocks are pruned automatically to stay under a target size (only when pruning)"),
                OptionalField(RpcResultType.Num, "prune_target_size", "the size in bytes the block and undo files are kept under (only with automatic pruning)"),
                OptionalField(RpcResultType.StrHex, "signet_challenge", "the signet block challenge, in hex (signet only)"),
                ChainJson.WarningsDoc(context),
            ]),
        ],
        Examples("getblockchaininfo"),
        _ =>
        {
            var chainman = context.EnsureChainman();
            var chainParams = chainman.ChainParams;
            lock (chainman.Lock)
            {
                var tip = ActiveTip(chainman);
                var result = new JsonObject
                {
                    ["chain"] = chainParams.ChainTypeString,
                    ["blocks"] = tip.Height,
                    ["headers"] = chainman.BestHeader?.Height ?? -1,
                    ["bestblockhash"] = tip.Hash.ToString(),
                    ["bits"] = ChainJson.Bits(tip.Bits),
                    ["target"] = ChainJson.Target(tip.Bits, chainParams.Consensus.PowLimit),
                    ["difficulty"] = ChainJson.Difficulty(tip.Bits),
                    ["time"] = tip.BlockTime,
                    ["mediantime"] = tip.GetMedianTimePast(),
                    ["verificationprogress"] = chainman.GuessVerificationProgress(tip),
                    ["initialblockdownload"] = chainman.IsInitialBlockDownload,
                    ["chainwork"] = tip.ChainWork.ToString(),
                    ["size_on_disk"] = chainman.Blockman.CalculateCurrentUsage(),
                    ["pruned"] = chainman.Blockman.IsPruneMode,
                };
                if (chainman.Blockman.IsPruneMode)
                {
                    var pruneHeight = chainman.Blockman.GetPruneHeight(chainman.ActiveChain);
                    result["pruneheight"] = pruneHeight is int height ? height + 1 : 0;
                    result["automatic_pruning"] = chainman.Blockman.IsAutomaticPruning;
                    if (chainman.Blockman.IsAutomaticPruning) result["prune_target_size"] = chainman.Blockman.PruneTarget;
                }
                if (chainParams.Type == Common.Chain.ChainType.Signet)
                    result["signet_challenge"] = Convert.ToHexStringLower(chainParams.Consensus.SignetChallenge.Span);
                result["warnings"] = ChainJson.Warnings(context);
                return result;
            }
        });

    private static RpcMethod GetBlockCount(NodeRpcContext context) => new(
        "getblockcount",
        "Returns the height of the most-work fully validated chain.\nThe genesis block is at height 0.",
        [],
        [Value(RpcResultType.Num, "the height of the tip")],
        Examples("getblockcount"),
        _ => context.EnsureChainman().ActiveHeight);

    private static RpcMethod GetBestBlockHash(NodeRpcContext context) => new(
        "getbestblockhash",
        "Returns the hash of the tip of the most-work fully validated chain.",
        [],
        [Value(RpcResultType.StrHex, "the tip's block hash, in hex")],
        Examples("getbestblockhash"),
        _ => ActiveTip(context.EnsureChainman()).Hash.ToString());

    private static RpcMethod GetBlockHash(NodeRpcContext context) => new(
        "getblockhash",
        "Returns the hash of the active chain's block at a height.",
        [Required("height", RpcArgType.Num, "The height")],
        [Value(RpcResultType.StrHex, "the block hash")],
        Examples("getblockhash", "1000", "1000"),
        call =>
        {
            var chainman = context.EnsureChainman();
            int height = call.Param(0).GetInt32();
            lock (chainman.Lock)
            {
                var chain = chainman.ActiveChain;
                if (height < 0 || height > chain.Height)
                    throw new RpcException(RpcErrorCode.InvalidParameter, "Block height out of range");
                return chain[height]!.Hash.ToString();
            }
        });

    private static RpcMethod GetDifficulty(NodeRpcContext context) => new(
        "getdifficulty",
        "Returns the proof-of-work difficulty of the tip, as a multiple of the minimum difficulty.",
        [],
        [Value(RpcResultType.Num, "the difficulty")],
        Examples("getdifficulty"),
        _ => ChainJson.Difficulty(ActiveTip(context.EnsureChainman()).Bits));

    private static RpcMethod GetChainTips(NodeRpcContext context) => new(
        "getchaintips",
        "Returns every tip of the block tree: the active chain's and those of side branches.",
        [],
        [
            Value(RpcResultType.Arr, "", [
                Value(RpcResultType.Obj, "", [
                    Field(RpcResultType.Num, "height", "height of the tip"),
                    Field(RpcResultType.StrHex, "hash", "hash of the tip"),
                    Field(RpcResultType.Num, "branchlen", "0 for the active chain, else the length of the branch off it"),
                    Field(RpcResultType.Str, "status",
                        "\"active\" for the active tip; otherwise \"invalid\" (the branch has an invalid block), \"headers-only\" (some blocks are " +
                        "missing), \"valid-headers\" (all blocks present, never fully validated) or \"valid-fork\" (fully validated, not active)"),
                ]),
            ]),
        ],
        Examples("getchaintips"),
        _ =>
        {
            var result = new JsonArray();
            foreach (var tip in context.EnsureChainman().GetChainTips())
            {
                result.Add(new JsonObject
                {
                    ["height"] = tip.Tip.Height,
                    ["hash"] = tip.Tip.Hash.ToString(),
                    ["branchlen"] = tip.BranchLength,
                    ["status"] = tip.StatusText,
                });
            }
            return result;
        });

    private static RpcMethod GetChainTxStats(NodeRpcContext context) => new(
        "getchaintxstats",
        "Returns the number of transactions in the chain and the rate at which they were added over a window of blocks.",
        [
            WithHint("nblocks", RpcArgType.Num, "one month", "How many blocks the window spans"),
            WithHint("blockhash", RpcArgType.StrHex, "chain tip", "The last block of the window"),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.NumTime, "time", "timestamp of the window's last block, in seconds since the epoch"),
                OptionalField(RpcResultType.Num, "txcount", "transactions in the chain up to that block, if known"),
                Field(RpcResultType.StrHex, "window_final_block_hash", "hash of the window's last block"),
                Field(RpcResultType.Num, "window_final_block_height", "height of the window's last block"),
                Field(RpcResultType.Num, "window_block_count", "how many blocks the window spans"),
                OptionalField(RpcResultType.Num, "window_interval", "seconds the window spans (when it has blocks)"),
                OptionalField(RpcResultType.Num, "window_tx_count", "transactions in the window (when it has blocks and the counts are known)"),
                OptionalField(RpcResultType.Num, "txrate", "transactions per second over the window (when its interval is positive)"),
            ]),
        ],
        Examples("getchaintxstats", "", "2016"),
        call =>
        {
            var chainman = context.EnsureChainman();
            var chainParams = chainman.ChainParams;
            int blockCount = (int)(30 * 24 * 60 * 60 / chainParams.Consensus.PowTargetSpacing);
            BlockIndex index;
            if (call.Param(1).IsNull())
            {
                index = ActiveTip(chainman);
            }
            else
            {
                var hash = RpcParse.Hash(call.Param(1), "blockhash");
                lock (chainman.Lock)
                {
                    index = chainman.Blockman.LookupBlockIndex(hash) ?? throw BlockNotFound();
                    if (!chainman.ActiveChain.Contains(index))
                        throw new RpcException(RpcErrorCode.InvalidParameter, "Block is not in main chain");
                }
            }

            if (call.Param(0).IsNull())
            {
                blockCount = Math.Max(0, Math.Min(blockCount, index.Height - 1));
            }
            else
            {
                blockCount = call.Param(0).GetInt32();
                if (blockCount < 0 || (blockCount > 0 && blockCount >= index.Height))
                    throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid block count: should be between 0 and the block's height - 1");
            }

            lock (chainman.Lock)
            {
                var past = index.GetAncestor(index.Height - blockCount)!;
                long timeDiff = index.GetMedianTimePast() - past.GetMedianTimePast();
                var result = new JsonObject { ["time"] = index.Time };
                if (index.ChainTxCount != 0) result["txcount"] = index.ChainTxCount;
                result["window_final_block_hash"] = index.Hash.ToString();
                result["window_final_block_height"] = index.Height;
                result["window_block_count"] = blockCount;
                if (blockCount > 0)
                {
                    result["window_interval"] = timeDiff;
                    if (index.ChainTxCount != 0 && past.ChainTxCount != 0)
                    {
                        ulong windowTxCount = index.ChainTxCount - past.ChainTxCount;
                        result["window_tx_count"] = windowTxCount;
                        if (timeDiff > 0) result["txrate"] = (double)windowTxCount / timeDiff;
                    }
                }
                return result;
            }
        });

    private static RpcMethod GetDeploymentInfo(NodeRpcContext context) => new(
        "getdeploymentinfo",
        "Returns the state of consensus rule deployments at a block.\n" +
        "Rules enforced since the genesis block are not listed under \"deployments\".",
        [WithDefault("blockhash", RpcArgType.StrHex, "hash of current chain tip", "The block at which to report")],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "hash", "the block reported on"),
                Field(RpcResultType.Num, "height", "its height"),
                Field(RpcResultType.Arr, "script_flags", "the script verification flags of that block", [Value(RpcResultType.Str, "a flag")]),
                Field(RpcResultType.ObjDyn, "deployments", "", [
                    Field(RpcResultType.Obj, "xxxx", "a deployment, by name", DeploymentResultDoc),
                ]),
            ]),
        ],
        Examples("getdeploymentinfo"),
        call =>
        {
            var chainman = context.EnsureChainman();
            lock (chainman.Lock)
            {
                var index = call.Param(0).IsNull()
                    ? ActiveTip(chainman)
                    : chainman.Blockman.LookupBlockIndex(RpcParse.Hash(call.Param(0), "blockhash")) ?? throw BlockNotFound();
                var flags = new JsonArray();
                foreach (var name in ScriptFlagNamesOf(ScriptFlags.GetBlockScriptFlags(index, chainman.ChainParams))) flags.Add(name);
                return new JsonObject
                {
                    ["hash"] = index.Hash.ToString(),
                    ["height"] = index.Height,
                    ["script_flags"] = flags,
                    ["deployments"] = DeploymentsJson(index, chainman),
                };
            }
        });

    private static readonly IReadOnlyList<RpcResult> DeploymentResultDoc =
    [
        Field(RpcResultType.Str, "type", "\"buried\" or \"bip9\""),
        OptionalField(RpcResultType.Num, "height", "first block enforcing the rules (buried deployments, and bip9 ones once active)"),
        Field(RpcResultType.Bool, "active", "whether the rules apply to the mempool and the next block"),
        OptionalField(RpcResultType.Obj, "bip9", "version-bits signalling state (bip9 deployments only)", [
            OptionalField(RpcResultType.Num, "bit", "the version bit (0-28) that signals (while started or locked in)"),
            Field(RpcResultType.NumTime, "start_time", "median time past from which the bit counts"),
            Field(RpcResultType.NumTime, "timeout", "median time past at which the deployment fails unless locked in"),
            Field(RpcResultType.Num, "min_activation_height", "the rules never apply below this height"),
            Field(RpcResultType.Str, "status", "state at the block: defined, started, locked_in, active or failed"),
            Field(RpcResultType.Num, "since", "height at which that state began"),
            Field(RpcResultType.Str, "status_next", "state at the next block"),
            OptionalField(RpcResultType.Obj, "statistics", "signalling counts of the current period (while started or locked in)", [
                Field(RpcResultType.Num, "period", "blocks per signalling period"),
                OptionalField(RpcResultType.Num, "threshold", "signalling blocks needed to lock in (while started)"),
                Field(RpcResultType.Num, "elapsed", "blocks of the period so far"),
                Field(RpcResultType.Num, "count", "signalling blocks of the period so far"),
                OptionalField(RpcResultType.Bool, "possible", "whether the threshold can still be reached this period (while started)"),
            ]),
            OptionalField(RpcResultType.Str, "signalling", "one character per block of the period: # signalled, - did not"),
        ]),
    ];

    // Core lists flags by name (it walks a sorted map); anything unnamed is shown as hex.
    private static List<string> ScriptFlagNamesOf(ScriptVerifyFlags flags)
    {
        var names = new List<string>();
        var leftover = flags;
        foreach (var (name, flag) in ScriptFlagNames.Each.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            if ((flags & flag) == 0) continue;
            names.Add(name);
            leftover &= ~flag;
        }
        if (leftover != 0) names.Add("0x" + ((uint)leftover).ToString("x8", CultureInfo.InvariantCulture));
        return names;
    }

    // Core lists buried deployments in this order (bip34, bip66, bip65, csv, segwit).
    private static readonly BuriedDeployment[] BuriedDeploymentOrder =
    [
        BuriedDeployment.HeightInCoinbase, BuriedDeployment.DerSig, BuriedDeployment.CheckLockTimeVerify,
        BuriedDeployment.Csv, BuriedDeployment.Segwit,
    ];

    private static JsonObject DeploymentsJson(BlockIndex index, Kernel.Validation.ChainstateManager chainman)
    {
        var consensus = chainman.ChainParams.Consensus;
        var result = new JsonObject();
        foreach (var buried in BuriedDeploymentOrder)
        {
            if (!Deployments.IsEnabled(consensus, buried)) continue;
            result[DeploymentInfo.Name(buried)] = new JsonObject
            {
                ["type"] = "buried",
                // Reported active from the block before the activation height: the rules apply to the next block.
                ["active"] = Deployments.IsActiveAfter(index, consensus, buried),
                ["height"] = consensus.DeploymentHeight(buried),
            };
        }
        foreach (var position in DeploymentInfo.Bip9Deployments)
        {
            if (!chainman.Deployments.IsEnabled(position)) continue;
            var parameters = consensus.GetDeployment(position);
            var info = chainman.Deployments.Info(index, position);
            var bip9 = new JsonObject();
            if (info.Stats is not null) bip9["bit"] = parameters.Bit;
            bip9["start_time"] = parameters.StartTime;
            bip9["timeout"] = parameters.Timeout;
            bip9["min_activation_height"] = parameters.MinActivationHeight;
            bip9["status"] = info.CurrentState;
            bip9["since"] = info.Since;
            bip9["status_next"] = info.NextState;
            if (info.Stats is { } stats)
            {
                var statistics = new JsonObject
                {
                    ["period"] = stats.Period,
                    ["elapsed"] = stats.Elapsed,
                    ["count"] = stats.Count,
                };
                if (stats.Threshold > 0 || stats.Possible)
                {
                    statistics["threshold"] = stats.Threshold;
                    statistics["possible"] = stats.Possible;
                }
                bip9["statistics"] = statistics;
                bip9["signalling"] = string.Concat(info.SignallingBlocks.Select(s => s ? '#' : '-'));
            }
            var entry = new JsonObject { ["type"] = "bip9" };
            bool active = false;
            if (info.ActiveSince is { } activeSince)
            {
                entry["height"] = activeSince;
                active = activeSince <= index.Height + 1;
            }
            entry["active"] = active;
            entry["bip9"] = bip9;
            result[DeploymentInfo.Name(position)] = entry;
        }
        return result;
    }
}
