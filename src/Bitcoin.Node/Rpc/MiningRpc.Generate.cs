using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Mining;
using Bitcoin.Node.Rpc.Internal;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

// Mining on demand for tests: generatetoaddress, generatetodescriptor, generateblock, and the retired generate.
internal static partial class MiningRpc
{
    private static readonly IReadOnlyList<RpcResult> BlockHashesDoc =
        [Value(RpcResultType.Arr, "hashes of the generated blocks", [Value(RpcResultType.StrHex, "a block hash")])];

    private static RpcMethod GenerateToAddress(NodeRpcContext context) => new(
        "generatetoaddress",
        "Mines blocks paying to an address and returns their hashes.",
        [
            Required("nblocks", RpcArgType.Num, "How many blocks to mine."),
            Required("address", RpcArgType.Str, "The address the block rewards go to."),
            WithDefault("maxtries", RpcArgType.Num, DefaultMaxTries, "How many nonces to try at most."),
        ],
        BlockHashesDoc,
        "\nMine 11 blocks to myaddress\n" + RpcExamples.Cli("generatetoaddress", "11 \"myaddress\"") +
        $"With the {RpcClientIdentity.ClientName} wallet, a new address to mine to comes from:\n" + RpcExamples.Cli("getnewaddress", ""),
        call => RunBlockingAsync(() =>
        {
            int count = call.Param(0).GetInt32();
            // Core reads maxtries as an int and widens it, so a negative value means "practically unlimited".
            ulong maxTries = call.Param(2).IsNull() ? DefaultMaxTries : unchecked((ulong)(long)call.Param(2).GetInt32());
            var chainman = context.EnsureChainman();
            var destination = AddressEncoding.DecodeDestination(call.Param(1).GetStr(), chainman.ChainParams.Network);
            if (!destination.IsValid) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Error: Invalid address");
            return GenerateBlocks(chainman, context.EnsureMiner(), destination.Destination.ToScript(), count, maxTries);
        }));

    private static RpcMethod GenerateToDescriptor(NodeRpcContext context) => new(
        "generatetodescriptor",
        "Mines blocks paying to a descriptor and returns their hashes.",
        [
            Required("num_blocks", RpcArgType.Num, "How many blocks to mine."),
            Required("descriptor", RpcArgType.Str, "The descriptor the block rewards go to."),
            WithDefault("maxtries", RpcArgType.Num, DefaultMaxTries, "How many nonces to try at most."),
        ],
        BlockHashesDoc,
        "\nMine 11 blocks to mydesc\n" + RpcExamples.Cli("generatetodescriptor", "11 \"mydesc\""),
        call => RunBlockingAsync(() =>
        {
            int count = call.ArgInt32("num_blocks");
            ulong maxTries = call.ArgUInt64("maxtries");
            var chainman = context.EnsureChainman();
            if (!TryGetScriptFromDescriptor(call.ArgStr("descriptor"), chainman.ChainParams.Network, out var script, out string error))
                throw new RpcException(RpcErrorCode.InvalidAddressOrKey, error);
            return GenerateBlocks(chainman, context.EnsureMiner(), script, count, maxTries);
        }));

    private static RpcMethod GenerateBlock(NodeRpcContext context) => new(
        "generateblock",
        "Mines one block holding the given transactions, in the given order, paying to an address or descriptor, and " +
        "returns its hash.\nTransaction fees are not added to the block reward.",
        [
            Required("output", RpcArgType.Str, "The address or descriptor the block reward goes to."),
            Required("transactions", RpcArgType.Arr,
                "Hex strings, each a txid of a mempool transaction or a raw transaction.\n" +
                "They must be valid and in a valid order, or the block is rejected.",
                [Optional("rawtx/txid", RpcArgType.StrHex, "")]),
            WithDefault("submit", RpcArgType.Bool, true, "Submit the block before returning, or return it as hex instead."),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.StrHex, "hash", "the hash of the block"),
                OptionalField(RpcResultType.StrHex, "hex", "the serialized block, only when submit is false"),
            ]),
        ],
        "\nMine a block to myaddress holding rawtx and mempool_txid\n" +
        RpcExamples.Cli("generateblock", "\"myaddress\" '[\"rawtx\", \"mempool_txid\"]'"),
        call => RunBlockingAsync(() => GenerateBlockRequest(context, call)));

    private static RpcMethod Generate()
    {
        RpcMethod? self = null;
        self = new RpcMethod(
            "generate",
            // The description is the error message Core answers with, so it is Core's text.
            "has been replaced by the -generate cli option. Refer to -help for more information.",
            [],
            [],
            "",
            (Func<RpcCall, JsonNode?>)(_ => throw new RpcException(RpcErrorCode.MethodNotFound, self!.ToHelpText())));
        return self;
    }

    private static JsonNode GenerateBlockRequest(NodeRpcContext context, RpcCall call)
    {
        var chainman = context.EnsureChainman();
        var miner = context.EnsureMiner();
        var network = chainman.ChainParams.Network;
        string output = call.Param(0).GetStr();
        if (!TryGetScriptFromDescriptor(output, network, out var script, out _))
        {
            var destination = AddressEncoding.DecodeDestination(output, network);
            if (!destination.IsValid) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Error: Invalid address or descriptor");
            script = destination.Destination.ToScript();
        }

        var transactions = new List<Transaction>();
        foreach (var item in call.Param(1).GetArr())
        {
            string text = item.GetStr();
            if (text.Length == 64 && RpcParse.IsHex(text))
            {
                var tx = context.Mempool?.GetTransaction(uint256.Parse(text))
                         ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, $"Transaction {text} not in mempool.");
                transactions.Add(tx);
            }
            else if (TransactionDecoding.DecodeHexTx(text) is { } decoded)
            {
                transactions.Add(decoded);
            }
            else
            {
                throw new RpcException(RpcErrorCode.DeserializationError, $"Transaction decode failed for {text}. Make sure the tx has at least one input.");
            }
        }
        bool submit = call.Param(2).IsNull() || call.Param(2).GetBool();

        Block block;
        // Hold the lock from building to checking so the tip cannot change in between.
        lock (chainman.Lock)
        {
            block = miner.CreateNewBlock(new BlockCreateOptions { UseTransactionSource = false, CoinbaseOutputScript = script }).Block;
            RpcInternalBugException.Check(block.Transactions.Count == 1, "template with only a coinbase");
            foreach (var tx in transactions) block.AddTransaction(tx);
            var previous = chainman.Blockman.LookupBlockIndex(block.Header.HashPrevBlock);
            BlockSolver.RegenerateCommitments(block, previous, chainman.ChainParams.Consensus);
            var state = chainman.TestBlockValidity(block, checkPow: false, checkMerkleRoot: false);
            if (!state.IsValid) throw new RpcException(RpcErrorCode.VerifyError, $"TestBlockValidity failed: {state}");
        }

        ulong maxTries = DefaultMaxTries;
        if (MineBlock(chainman, block, ref maxTries, processNewBlock: submit) != BlockSolveResult.Solved)
            throw new RpcException(RpcErrorCode.MiscError, "Failed to make block.");
        var result = new JsonObject { ["hash"] = block.GetHash().ToString() };
        if (!submit) result["hex"] = Convert.ToHexStringLower(block.ToBytes());
        return result;
    }

    /// <summary>Core's generateBlocks: mines <paramref name="count"/> blocks on the tip, fewer if the tries run out.</summary>
    private static JsonArray GenerateBlocks(ChainstateManager chainman, Miner miner, Script coinbaseScript, int count, ulong maxTries)
    {
        var hashes = new JsonArray();
        while (count > 0 && !chainman.Options.Interrupt.IsCancellationRequested)
        {
            var template = miner.CreateNewBlock(new BlockCreateOptions { CoinbaseOutputScript = coinbaseScript });
            var outcome = MineBlock(chainman, template.Block, ref maxTries, processNewBlock: true);
            if (outcome == BlockSolveResult.Stopped) break;
            // With every nonce tried, a fresh template (later time) gets another go.
            if (outcome == BlockSolveResult.NonceSpaceExhausted) continue;
            count--;
            hashes.Add(template.Block.GetHash().ToString());
        }
        return hashes;
    }

    /// <summary>
    /// Core's GenerateBlock: searches for proof of work and, once found and if wanted, submits the block (RPC error
    /// -32603 if the node does not accept it).
    /// </summary>
    private static BlockSolveResult MineBlock(ChainstateManager chainman, Block block, ref ulong maxTries, bool processNewBlock)
    {
        var outcome = BlockSolver.Solve(block, chainman.ChainParams.Consensus, ref maxTries, chainman.Options.Interrupt);
        if (outcome == BlockSolveResult.Solved && processNewBlock &&
            !chainman.ProcessNewBlock(block, forceProcessing: true, minPowChecked: true).Accepted)
        {
            throw new RpcException(RpcErrorCode.InternalError, "ProcessNewBlock, block not accepted");
        }
        return outcome;
    }

    /// <summary>
    /// Core's getScriptFromDescriptor: the output script of a non-ranged, single-path descriptor (for combo() the
    /// P2WPKH script of a compressed key, else the P2PKH one). False with the parse error if it is not a descriptor;
    /// RPC errors -8 for multipath or ranged descriptors and -5 when keys are missing.
    /// </summary>
    private static bool TryGetScriptFromDescriptor(string text, Network network, out Script script, out string error)
    {
        script = Script.Empty;
        var keys = new FlatSigningProvider();
        if (!Descriptor.TryParse(text, network, keys, out var descriptors, out error)) return false;
        if (descriptors.Count > 1) throw new RpcException(RpcErrorCode.InvalidParameter, "Multipath descriptor not accepted");
        var descriptor = descriptors[0];
        if (descriptor.IsRange)
            throw new RpcException(RpcErrorCode.InvalidParameter, "Ranged descriptor not accepted. Maybe pass through deriveaddresses first?");
        if (!descriptor.Expand(0, keys, out var scripts, new FlatSigningProvider()))
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Cannot derive script without private keys");
        RpcInternalBugException.Check(scripts.Count is > 0 and <= 4, "descriptor expanded to 1-4 scripts");
        // combo() gives 4 scripts for a compressed key (pick P2WPKH) and 2 for an uncompressed one (pick P2PKH).
        script = scripts.Count switch
        {
            1 => scripts[0],
            4 => scripts[2],
            _ => scripts[1],
        };
        return true;
    }
}
