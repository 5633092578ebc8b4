using System.Globalization;
using System.Text.Json.Nodes;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Mining;
using Bitcoin.Node.Rpc.Internal;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

/// <summary>
/// The "mining" commands of Core's rpc/mining.cpp (this file: registration, getnetworkhashps, getmininginfo,
/// submitblock, submitheader; getblocktemplate and the generate commands are in the partial files).
/// </summary>
internal static partial class MiningRpc
{
    private const string Mining = "mining";
    private const string Hidden = "hidden";

    // Core's DEFAULT_MAX_TRIES of the generate commands.
    private const ulong DefaultMaxTries = 1_000_000;

    public static void Register(RpcCommandTable table, NodeRpcContext context)
    {
        table.Register(Mining, GetNetworkHashPs(context));
        table.Register(Mining, GetMiningInfo(context));
        table.Register(Mining, GetBlockTemplate(context, new TemplateCache()));
        table.Register(Mining, SubmitBlock(context));
        table.Register(Mining, SubmitHeader(context));
        table.Register(Hidden, GenerateToAddress(context));
        table.Register(Hidden, GenerateToDescriptor(context));
        table.Register(Hidden, GenerateBlock(context));
        table.Register(Hidden, Generate());
    }

    private static RpcMethod GetNetworkHashPs(NodeRpcContext context) => new(
        "getnetworkhashps",
        "Estimates the network's hashes per second from the work and time of recent blocks.\n" +
        "nblocks sets how many blocks; -1 means since the last difficulty change.\n" +
        "height estimates the rate as it was when that block was found.",
        [
            WithDefault("nblocks", RpcArgType.Num, 120, "How many blocks to average over, or -1 for those since the last difficulty change."),
            WithDefault("height", RpcArgType.Num, -1, "The block at which to estimate (-1: the tip)."),
        ],
        [Value(RpcResultType.Num, "estimated hashes per second")],
        Examples("getnetworkhashps"),
        call =>
        {
            var chainman = context.EnsureChainman();
            lock (chainman.Lock)
                return NetworkHashPs(call.ArgInt32("nblocks"), call.ArgInt32("height"), chainman.ActiveChain, chainman.ChainParams.Consensus);
        });

    /// <summary>Core's GetNetworkHashPS. Call under the chainstate lock.</summary>
    private static JsonNode NetworkHashPs(int lookup, int height, ActiveChain chain, ConsensusParams consensus)
    {
        if (lookup < -1 || lookup == 0)
            throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid nblocks. Must be a positive number or -1.");
        if (height < -1 || height > chain.Height)
            throw new RpcException(RpcErrorCode.InvalidParameter, "Block does not exist at specified height");

        var last = height >= 0 ? chain[height] : chain.Tip;
        if (last is null || last.Height == 0) return 0;
        if (lookup == -1) lookup = (int)(last.Height % consensus.DifficultyAdjustmentInterval) + 1;
        if (lookup > last.Height) lookup = last.Height;

        var first = last;
        long minTime = first.BlockTime, maxTime = minTime;
        for (int i = 0; i < lookup; i++)
        {
            first = first.Previous!;
            minTime = Math.Min(minTime, first.BlockTime);
            maxTime = Math.Max(maxTime, first.BlockTime);
        }
        // Equal times would divide by zero.
        if (minTime == maxTime) return 0;
        var workDiff = last.ChainWork - first.ChainWork;
        return JsonNumbers.Double(workDiff.ToDouble() / (maxTime - minTime));
    }

    private static RpcMethod GetMiningInfo(NodeRpcContext context) => new(
        "getmininginfo",
        "Returns mining-related information.",
        [],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Num, "blocks", "the height of the tip"),
                OptionalField(RpcResultType.Num, "currentblockweight", "weight of the last block template built, including the reserved weight (absent until one was built)"),
                OptionalField(RpcResultType.Num, "currentblocktx", "transactions other than the coinbase in the last block template built (absent until one was built)"),
                Field(RpcResultType.StrHex, "bits", "the tip's compact difficulty target"),
                Field(RpcResultType.Num, "difficulty", "the tip's difficulty"),
                Field(RpcResultType.StrHex, "target", "the tip's difficulty target"),
                Field(RpcResultType.Num, "networkhashps", "estimated network hashes per second"),
                Field(RpcResultType.Num, "pooledtx", "transactions in the mempool"),
                Field(RpcResultType.StrAmount, "blockmintxfee", "lowest fee rate of chunks put in blocks, in BTC/kvB"),
                Field(RpcResultType.Str, "chain", "the network: main, test, testnet4, signet or regtest"),
                OptionalField(RpcResultType.StrHex, "signet_challenge", "the signet block challenge, in hex (signet only)"),
                Field(RpcResultType.Obj, "next", "the block after the tip", [
                    Field(RpcResultType.Num, "height", "its height"),
                    Field(RpcResultType.StrHex, "bits", "its compact target"),
                    Field(RpcResultType.Num, "difficulty", "its difficulty"),
                    Field(RpcResultType.StrHex, "target", "its target"),
                ]),
                ChainJson.WarningsDoc(context),
            ]),
        ],
        Examples("getmininginfo"),
        _ =>
        {
            var chainman = context.EnsureChainman();
            var miner = context.EnsureMiner();
            var chainParams = chainman.ChainParams;
            var consensus = chainParams.Consensus;
            lock (chainman.Lock)
            {
                var tip = chainman.ActiveChain.Tip ?? throw new RpcInternalBugException("no tip", nameof(MiningRpc), 0, nameof(GetMiningInfo));
                var result = new JsonObject { ["blocks"] = tip.Height };
                if (miner.LastBlockWeight is { } weight) result["currentblockweight"] = weight;
                if (miner.LastBlockTransactionCount is { } count) result["currentblocktx"] = count;
                result["bits"] = ChainJson.Bits(tip.Bits);
                result["difficulty"] = ChainJson.Difficulty(tip.Bits);
                result["target"] = ChainJson.Target(tip.Bits, consensus.PowLimit);
                result["networkhashps"] = NetworkHashPs(120, -1, chainman.ActiveChain, consensus);
                result["pooledtx"] = miner.TransactionSource?.Count ?? 0;
                result["blockmintxfee"] = JsonNumbers.Amount(miner.NodeOptions.Flatten().BlockMinFeeRatePerKvB!.Value);
                result["chain"] = chainParams.ChainTypeString;

                // The next block as an empty block on the tip would be: its time decides its target on testnets.
                var next = chainParams.Network.Consensus.ConsensusFactory.CreateBlockHeader();
                next.HashPrevBlock = tip.Hash;
                next.BlockTime = DateTimeOffset.FromUnixTimeSeconds(0);
                BlockTime.UpdateTime(next, consensus, tip, chainman.Options.Clock.GetUtcNow().ToUnixTimeSeconds());
                uint nextBits = Pow.GetNextWorkRequired(tip, next.BlockTime.ToUnixTimeSeconds(), consensus);
                result["next"] = new JsonObject
                {
                    ["height"] = tip.Height + 1,
                    ["bits"] = ChainJson.Bits(nextBits),
                    ["difficulty"] = ChainJson.Difficulty(nextBits),
                    ["target"] = ChainJson.Target(nextBits, consensus.PowLimit),
                };
                if (chainParams.Type == Common.Chain.ChainType.Signet)
                    result["signet_challenge"] = Convert.ToHexStringLower(consensus.SignetChallenge.Span);
                result["warnings"] = ChainJson.Warnings(context);
                return result;
            }
        });

    private static RpcMethod SubmitBlock(NodeRpcContext context) => new(
        "submitblock",
        "Offers a new block to the node for validation and, if valid, as a new tip.\n" +
        "See BIP22 (https://en.bitcoin.it/wiki/BIP_0022) for the results.",
        [
            Required("hexdata", RpcArgType.StrHex, "the serialized block, in hex"),
            WithHint("dummy", RpcArgType.Str, "ignored", "ignored; allowed for BIP22 compatibility", options: new RpcArgOptions { Placeholder = true }),
        ],
        [
            Null("If the block was accepted"),
            Conditional("Otherwise", RpcResultType.Str, "the BIP22 reason"),
        ],
        Examples("submitblock", "\"mydata\"", "\"mydata\""),
        call => RunBlockingAsync(() =>
        {
            var chainman = context.EnsureChainman();
            var block = TransactionDecoding.DecodeHexBlock(call.Param(0).GetStr(), chainman.ChainParams.Network)
                        ?? throw new RpcException(RpcErrorCode.DeserializationError, "Block decode failed");

            lock (chainman.Lock)
            {
                var previous = chainman.Blockman.LookupBlockIndex(block.Header.HashPrevBlock);
                // Blocks from old miners may lack the coinbase witness the commitment needs; add it as Core does.
                if (previous is not null) WitnessCommitment.UpdateUncommittedBlockStructures(block, previous, chainman.ChainParams.Consensus);
            }

            var result = chainman.ProcessNewBlock(block, forceProcessing: true, minPowChecked: true);
            if (result.Accepted && !result.IsNewBlock) return "duplicate";
            if (result.CheckedState is null) return "inconclusive";
            return Bip22Result(result.CheckedState);
        }));

    private static RpcMethod SubmitHeader(NodeRpcContext context) => new(
        "submitheader",
        "Offers a block header to the node; if valid, its block becomes a candidate tip once downloaded.\n" +
        "Fails if the header is invalid.",
        [Required("hexdata", RpcArgType.StrHex, "the serialized header, in hex")],
        [Value(RpcResultType.None, "None")],
        Examples("submitheader", "\"aabbcc\"", "\"aabbcc\""),
        call =>
        {
            var chainman = context.EnsureChainman();
            var header = TransactionDecoding.DecodeHexBlockHeader(call.Param(0).GetStr())
                         ?? throw new RpcException(RpcErrorCode.DeserializationError, "Block header decode failed");
            if (chainman.LookupBlockIndex(header.HashPrevBlock) is null)
                throw new RpcException(RpcErrorCode.VerifyError, $"Must submit previous header ({header.HashPrevBlock}) first");

            var state = new BlockValidationState();
            chainman.ProcessNewBlockHeaders([header], minPowChecked: true, state, out _);
            if (state.IsValid) return null;
            if (state.IsError) throw new RpcException(RpcErrorCode.VerifyError, state.ToString());
            throw new RpcException(RpcErrorCode.VerifyError, state.RejectReason);
        });

    /// <summary>
    /// Core's BIP22ValidationResult: null when valid, the reject reason ("rejected" if none) when invalid, and an
    /// error -25 with the state for a validation error. Only for conclusive results.
    /// </summary>
    private static JsonNode? Bip22Result(BlockValidationState state)
    {
        if (state.IsValid) return null;
        if (state.IsError) throw new RpcException(RpcErrorCode.VerifyError, state.ToString());
        return state.RejectReason.Length == 0 ? "rejected" : state.RejectReason;
    }

    private static async ValueTask<JsonNode?> RunBlockingAsync(Func<JsonNode?> body) =>
        await Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
