using System.Text.Json.Nodes;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Validation;
using Bitcoin.Node.Rpc.Internal;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

/// <summary>
/// The "rawtransactions" commands of Core's rpc/rawtransaction.cpp without PSBTs (this file: registration,
/// getrawtransaction, createrawtransaction, decoderawtransaction, decodescript; signing and combining are in
/// RawTransactionRpc.Sign.cs).
/// </summary>
internal static partial class RawTransactionRpc
{
    private const string RawTransactions = "rawtransactions";

    // Core's DEFAULT_RAWTX_VERSION.
    private const uint DefaultRawTxVersion = 2;

    public static void Register(RpcCommandTable table, NodeRpcContext context)
    {
        table.Register(RawTransactions, GetRawTransaction(context));
        table.Register(RawTransactions, CreateRawTransaction(context));
        table.Register(RawTransactions, DecodeRawTransaction(context));
        table.Register(RawTransactions, DecodeScript(context));
        table.Register(RawTransactions, CombineRawTransaction(context));
        table.Register(RawTransactions, SignRawTransactionWithKey(context));
    }

    private static RpcMethod GetRawTransaction(NodeRpcContext context)
    {
        var blockFields = new List<RpcResult>
        {
            OptionalField(RpcResultType.Bool, "in_active_chain", "whether the given block is on the active chain (only with a \"blockhash\" argument)"),
            OptionalField(RpcResultType.StrHex, "blockhash", "the block the transaction is in"),
            OptionalField(RpcResultType.Num, "vsize_adjusted", "the sigop-adjusted virtual size (mempool transactions only)"),
            OptionalField(RpcResultType.Num, "confirmations", "the number of confirmations"),
            OptionalField(RpcResultType.NumTime, "blocktime", "the block's time, in seconds since the epoch"),
            OptionalField(RpcResultType.Num, "time", "the same as \"blocktime\""),
            Field(RpcResultType.StrHex, "hex", "the serialized transaction, in hex"),
        };
        return new RpcMethod(
            "getrawtransaction",
            "Returns a transaction from the mempool; with -txindex from any block too; with a block hash from that block.\n\n" +
            "Wallet transactions are found with gettransaction.\n\n" +
            "Verbosity 0 (the default) gives the serialized transaction in hex.\n" +
            "Verbosity 1 gives an object describing it.\n" +
            "Verbosity 2 also gives its fee and each input's spent output.",
            [
                Required("txid", RpcArgType.StrHex, "The transaction id"),
                WithDefault("verbosity|verbose", RpcArgType.Num, 0, "0 for hex, 1 for an object, 2 for an object with fee and spent outputs",
                    options: new RpcArgOptions { SkipTypeCheck = true }),
                Optional("blockhash", RpcArgType.StrHex, "The block in which to look for the transaction"),
            ],
            [
                new RpcResult(RpcResultType.Str, "data", "the serialized transaction, in hex", condition: "if verbosity is not set or set to 0"),
                Conditional("if verbosity is set to 1", RpcResultType.Obj, "", [.. blockFields, .. TransactionDoc.Fields()]),
                Conditional("for verbosity = 2", RpcResultType.Obj, "", [.. blockFields, .. TransactionDoc.Fields(prevout: true, fee: true)]),
            ],
            RpcExamples.Cli("getrawtransaction", "\"mytxid\"") + RpcExamples.Cli("getrawtransaction", "\"mytxid\" 1") +
            RpcExamples.Rpc("getrawtransaction", "\"mytxid\", 1") + RpcExamples.Cli("getrawtransaction", "\"mytxid\" 0 \"myblockhash\"") +
            RpcExamples.Cli("getrawtransaction", "\"mytxid\" 1 \"myblockhash\"") + RpcExamples.Cli("getrawtransaction", "\"mytxid\" 2 \"myblockhash\""),
            call => GetRawTransactionRequest(context, call));
    }

    private static JsonNode? GetRawTransactionRequest(NodeRpcContext context, RpcCall call)
    {
        var chainman = context.EnsureChainman();
        var txid = RpcParse.Hash(call.Param(0), "parameter 1");
        if (txid == chainman.ChainParams.GenesisBlock.Header.HashMerkleRoot)
        {
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey,
                "The genesis block coinbase is not considered an ordinary transaction and cannot be retrieved");
        }
        int verbosity = RpcParse.Verbosity(call.Param(1), 0, allowBool: true);

        BlockIndex? blockIndex = null;
        if (!call.Param(2).IsNull())
        {
            var blockHash = RpcParse.Hash(call.Param(2), "parameter 3");
            blockIndex = chainman.LookupBlockIndex(blockHash) ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Block hash not found");
        }

        var txIndex = context.TxIndex;
        bool txIndexReady = txIndex is not null && blockIndex is null && txIndex.BlockUntilSyncedToCurrentChain();
        var tx = FindTransaction(context, chainman, blockIndex, txid, out var hashBlock);
        if (tx is null)
        {
            string message;
            if (blockIndex is not null)
            {
                bool hasData;
                lock (chainman.Lock) hasData = (blockIndex.Status & BlockStatus.HaveData) != 0;
                if (!hasData) throw new RpcException(RpcErrorCode.MiscError, "Block not available");
                message = "No such transaction found in the provided block";
            }
            else if (txIndex is null)
            {
                message = "No such mempool transaction. Use -txindex or provide a block hash to enable blockchain transaction queries";
            }
            else if (!txIndexReady)
            {
                message = "No such mempool transaction. Blockchain transactions are still in the process of being indexed";
            }
            else
            {
                message = "No such mempool or blockchain transaction";
            }
            throw new RpcException(RpcErrorCode.InvalidAddressOrKey, message + ". Use gettransaction for wallet transactions.");
        }

        if (verbosity <= 0) return TransactionDecoding.EncodeHexTx(tx);

        var result = new JsonObject();
        if (blockIndex is not null)
        {
            lock (chainman.Lock) result["in_active_chain"] = chainman.ActiveChain.Contains(blockIndex);
        }
        if (call.Param(2).IsNull()) blockIndex = hashBlock is null ? null : chainman.LookupBlockIndex(hashBlock);
        if (blockIndex is null && hashBlock is null && context.Mempool?.GetAdjustedVirtualSize(txid) is { } vsize)
            result["vsize_adjusted"] = vsize;

        if (verbosity == 1 || tx.IsCoinBase || blockIndex is null || !HasDataOrUndo(chainman, blockIndex))
        {
            AddTransaction(result, tx, hashBlock, chainman, null, TxVerbosity.ShowDetails);
            return result;
        }

        var undo = chainman.ReadBlockUndo(blockIndex) ?? throw new RpcException(RpcErrorCode.InternalError,
            "Undo data expected but can't be read. This could be due to disk corruption or a conflict with a pruning event.");
        var block = chainman.ReadBlock(blockIndex) ?? throw new RpcException(RpcErrorCode.InternalError,
            "Block data expected but can't be read. This could be due to disk corruption or a conflict with a pruning event.");
        IReadOnlyList<SpentCoin>? spent = null;
        int position = block.Transactions.FindIndex(t => t.GetHash() == tx.GetHash() && t.GetWitHash() == tx.GetWitHash());
        // The undo data has no entry for the coinbase, hence the - 1.
        if (position > 0) spent = undo.TxUndos[position - 1].PrevOut.Select(c => new SpentCoin(c.Output, c.Height, c.IsCoinbase)).ToList();
        AddTransaction(result, tx, hashBlock, chainman, spent, TxVerbosity.ShowDetailsAndPrevout);
        return result;
    }

    private static bool HasDataOrUndo(ChainstateManager chainman, BlockIndex index)
    {
        lock (chainman.Lock) return (index.Status & BlockStatus.HaveMask) != 0;
    }

    /// <summary>
    /// Core's GetTransaction: the mempool (unless a block is named), then the transaction index, then the named block.
    /// <paramref name="hashBlock"/> is the block it was found in, null for the mempool.
    /// </summary>
    private static Transaction? FindTransaction(NodeRpcContext context, ChainstateManager chainman, BlockIndex? blockIndex, uint256 txid, out uint256? hashBlock)
    {
        hashBlock = null;
        if (blockIndex is null && context.Mempool?.GetTransaction(txid) is { } inMempool) return inMempool;
        if (context.TxIndex?.FindTx(txid) is { } indexed && (blockIndex is null || blockIndex.Hash == indexed.BlockHash))
        {
            // A named block that disagrees with the index is searched below (a transaction can be in several blocks).
            hashBlock = indexed.BlockHash;
            return indexed.Transaction;
        }
        if (blockIndex is not null && chainman.ReadBlock(blockIndex) is { } block)
        {
            foreach (var tx in block.Transactions)
            {
                if (tx.GetHash() != txid) continue;
                hashBlock = blockIndex.Hash;
                return tx;
            }
        }
        return null;
    }

    /// <summary>Core's TxToJSON: TxToUniv with hex, then the block's hash, confirmations and time when known.</summary>
    private static void AddTransaction(JsonObject result, Transaction tx, uint256? hashBlock, ChainstateManager chainman,
        IReadOnlyList<SpentCoin>? spent, TxVerbosity verbosity)
    {
        var entry = TransactionJson.TxToUniv(tx, chainman.ChainParams.Network, blockHash: null, includeHex: true, spent, verbosity);
        foreach (var (key, value) in entry.ToList())
        {
            entry.Remove(key);
            result[key] = value;
        }
        if (hashBlock is null) return;
        result["blockhash"] = hashBlock.ToString();
        lock (chainman.Lock)
        {
            var index = chainman.Blockman.LookupBlockIndex(hashBlock);
            if (index is null) return;
            if (chainman.ActiveChain.Contains(index))
            {
                result["confirmations"] = 1 + chainman.ActiveChain.Height - index.Height;
                result["time"] = index.BlockTime;
                result["blocktime"] = index.BlockTime;
            }
            else
            {
                result["confirmations"] = 0;
            }
        }
    }

    private static RpcMethod CreateRawTransaction(NodeRpcContext context) => new(
        "createrawtransaction",
        "Creates an unsigned transaction spending the given inputs to the given outputs (addresses or data) and returns " +
        "it in hex.\nThe transaction is neither stored in a wallet nor sent to the network.",
        CreateTxArgs(),
        [Value(RpcResultType.StrHex, "the transaction, in hex")],
        RpcExamples.Cli("createrawtransaction", "\"[{\\\"txid\\\":\\\"myid\\\",\\\"vout\\\":0}]\" \"[{\\\"address\\\":0.01}]\"") +
        RpcExamples.Cli("createrawtransaction", "\"[{\\\"txid\\\":\\\"myid\\\",\\\"vout\\\":0}]\" \"[{\\\"data\\\":\\\"00010203\\\"}]\"") +
        RpcExamples.Rpc("createrawtransaction", "\"[{\\\"txid\\\":\\\"myid\\\",\\\"vout\\\":0}]\", \"[{\\\"address\\\":0.01}]\"") +
        RpcExamples.Rpc("createrawtransaction", "\"[{\\\"txid\\\":\\\"myid\\\",\\\"vout\\\":0}]\", \"[{\\\"data\\\":\\\"00010203\\\"}]\""),
        call =>
        {
            bool? replaceable = call.Param(3).IsNull() ? null : call.Param(3).GetBool();
            var tx = RawTransactionConstruction.ConstructTransaction(call.Param(0), call.Param(1), call.Param(2), replaceable,
                call.ArgUInt32("version"), context.Node.ChainParams?.Network ?? context.EnsureChainman().ChainParams.Network);
            return TransactionDecoding.EncodeHexTx(tx);
        });

    /// <summary>The arguments of createrawtransaction (Core's CreateTxDoc).</summary>
    private static List<RpcArg> CreateTxArgs() =>
    [
        Required("inputs", RpcArgType.Arr, "The inputs",
        [
            Optional("", RpcArgType.Obj, "",
            [
                Required("txid", RpcArgType.StrHex, "The transaction id"),
                Required("vout", RpcArgType.Num, "The output index"),
                WithHint("sequence", RpcArgType.Num, "depends on the value of the 'replaceable' and 'locktime' arguments", "The sequence number"),
            ]),
        ]),
        Required("outputs", RpcArgType.Arr,
            "The outputs, as key-value pairs.\n" +
            "A key may appear only once: one 'data' output at most, and no address twice.\n" +
            "At least one output is needed.\n" +
            "An object holding the pairs directly is accepted too, for compatibility.",
            [
                Optional("", RpcArgType.ObjUserKeys, "", [Required("address", RpcArgType.Amount, "A pair: the key is an address, the value (number or string) the amount in BTC")]),
                Optional("", RpcArgType.Obj, "", [Required("data", RpcArgType.StrHex, "A pair: the key is \"data\", the value hex bytes put in an OP_RETURN output")]),
            ],
            new RpcArgOptions { SkipTypeCheck = true }),
        WithDefault("locktime", RpcArgType.Num, 0, "The lock time; a non-zero value also makes the inputs' lock time count"),
        WithDefault("replaceable", RpcArgType.Bool, true,
            "Marks the transaction as replaceable (BIP125) so a version with a higher fee may replace it.\n" +
            "If given, explicit sequence numbers that contradict it are an error."),
        WithDefault("version", RpcArgType.Num, DefaultRawTxVersion, "The transaction version"),
    ];

    private static RpcMethod DecodeRawTransaction(NodeRpcContext context) => new(
        "decoderawtransaction",
        "Decodes a serialized transaction given in hex.",
        [
            Required("hexstring", RpcArgType.StrHex, "The transaction in hex"),
            WithHint("iswitness", RpcArgType.Bool, "depends on heuristic tests",
                "Whether the hex is a transaction serialized with witness data.\n" +
                "When left out, both forms are tried and heuristics decide.\n" +
                "If true, only the witness form is tried; if false, only the form without witness.\n" +
                "It should say whether the transaction has inputs (e.g. fully valid or on-chain transactions), if the caller knows."),
        ],
        [Value(RpcResultType.Obj, "", TransactionDoc.Fields())],
        Examples("decoderawtransaction", "\"hexstring\"", "\"hexstring\""),
        call =>
        {
            bool tryWitness = call.Param(1).IsNull() || call.Param(1).GetBool();
            bool tryNoWitness = call.Param(1).IsNull() || !call.Param(1).GetBool();
            var tx = TransactionDecoding.DecodeHexTx(call.Param(0).GetStr(), tryNoWitness, tryWitness)
                     ?? throw new RpcException(RpcErrorCode.DeserializationError, "TX decode failed");
            return TransactionJson.TxToUniv(tx, Network(context), blockHash: null, includeHex: false);
        });

    private static RpcMethod DecodeScript(NodeRpcContext context) => new(
        "decodescript",
        "Decodes a script given in hex.",
        [Required("hexstring", RpcArgType.StrHex, "the script in hex")],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "asm", "the script disassembled"),
                Field(RpcResultType.Str, "desc", "a descriptor inferred for the script"),
                Field(RpcResultType.Str, "type", "the output type (e.g. nonstandard, pubkey, pubkeyhash, scripthash, multisig, nulldata, witness_v0_scripthash, witness_v0_keyhash, witness_v1_taproot, witness_unknown, anchor)"),
                OptionalField(RpcResultType.Str, "address", "the address, when the script has one"),
                OptionalField(RpcResultType.Str, "p2sh", "the address of a P2SH wrapping this redeem script (for scripts that may be wrapped)"),
                OptionalField(RpcResultType.Obj, "segwit", "the witness output script wrapping this script (for scripts that may be wrapped)", [
                    Field(RpcResultType.Str, "asm", "the output script disassembled"),
                    Field(RpcResultType.StrHex, "hex", "the output script, in hex"),
                    Field(RpcResultType.Str, "type", "the output script's type (e.g. witness_v0_keyhash or witness_v0_scripthash)"),
                    OptionalField(RpcResultType.Str, "address", "the address, when the script has one"),
                    Field(RpcResultType.Str, "desc", "a descriptor inferred for the output script"),
                    Field(RpcResultType.Str, "p2sh-segwit", "the address of a P2SH wrapping the witness program"),
                ]),
            ]),
        ],
        Examples("decodescript", "\"hexstring\"", "\"hexstring\""),
        call =>
        {
            string hex = call.Param(0).GetStr();
            // An empty script is valid.
            var script = hex.Length > 0 ? Script.FromBytesUnsafe(RpcValues.ParseHexV(call.Param(0), "argument")) : Script.Empty;
            return ScriptJson.DecodeScript(script, Network(context));
        });

    private static Network Network(NodeRpcContext context) =>
        context.Node.ChainParams?.Network ?? context.EnsureChainman().ChainParams.Network;
}
