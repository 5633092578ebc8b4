using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Psbt;
using Bitcoin.Common.Rpc;
using Bitcoin.Node.Rpc;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Psbt;

// createpsbt and converttopsbt (the Creator role).
public static partial class PsbtRpc
{
    private static RpcMethod CreatePsbt(NodeRpcContext context) => new(
        "createpsbt",
        "Creates a partially signed transaction spending the given inputs to the given outputs (the Creator role).\n" +
        "Nothing is signed, stored in a wallet or sent to the network.",
        [.. CreateTxArgs(), PsbtVersionArg()],
        [Value(RpcResultType.Str, "the PSBT, in base64")],
        RpcExamples.Cli("createpsbt", "\"[{\\\"txid\\\":\\\"myid\\\",\\\"vout\\\":0}]\" \"[{\\\"address\\\":0.01}]\""),
        call =>
        {
            bool? replaceable = call.Param(3).IsNull() ? null : call.Param(3).GetBool();
            var tx = RawTransactionConstruction.ConstructTransaction(call.Param(0), call.Param(1), call.Param(2), replaceable,
                call.ArgUInt32("version"), NetworkOf(context));
            uint version = ParsePsbtVersion(call.Param(5));
            return PsbtEncoding.ToBase64(new PartiallySignedTransaction(tx, version));
        });

    private static RpcMethod ConvertToPsbt() => new(
        "converttopsbt",
        "Turns a serialized network transaction into a PSBT. Meant for transactions made with createrawtransaction and\n" +
        "fundrawtransaction; new code should use createpsbt and walletcreatefundedpsbt.",
        [
            Required("hexstring", RpcArgType.StrHex, "The transaction in hex"),
            WithDefault("permitsigdata", RpcArgType.Bool, false,
                "If true, signatures in the inputs are dropped and the conversion goes on;\n" +
                "if false, inputs with signatures are an error."),
            WithHint("iswitness", RpcArgType.Bool, "depends on heuristic tests",
                "Whether the hex is a transaction serialized with witness data.\n" +
                "When left out, both forms are tried and heuristics decide.\n" +
                "If true, only the witness form is tried; if false, only the form without witness."),
            PsbtVersionArg(),
        ],
        [Value(RpcResultType.Str, "the PSBT, in base64")],
        RpcExamples.Cli("createrawtransaction", "\"[{\\\"txid\\\":\\\"myid\\\",\\\"vout\\\":0}]\" \"[{\\\"data\\\":\\\"00010203\\\"}]\"") +
        RpcExamples.Cli("converttopsbt", "\"rawtransaction\""),
        call =>
        {
            bool permitSigData = !call.Param(1).IsNull() && call.Param(1).GetBool();
            bool witnessGiven = !call.Param(2).IsNull();
            bool isWitness = witnessGiven && call.Param(2).GetBool();
            bool tryWitness = !witnessGiven || isWitness;
            bool tryNoWitness = !witnessGiven || !isWitness;
            var tx = TransactionDecoding.DecodeHexTx(call.Param(0).GetStr(), tryNoWitness, tryWitness)
                     ?? throw new RpcException(RpcErrorCode.DeserializationError, "TX decode failed");
            foreach (var input in tx.Inputs)
            {
                if ((input.ScriptSig.Length != 0 || input.WitScript.PushCount != 0) && !permitSigData)
                    throw new RpcException(RpcErrorCode.DeserializationError, "Inputs must not have scriptSigs and scriptWitnesses");
                input.ScriptSig = Script.Empty;
                input.WitScript = WitScript.Empty;
            }
            uint version = ParsePsbtVersion(call.Param(3));
            return PsbtEncoding.ToBase64(new PartiallySignedTransaction(tx, version));
        });

    // The arguments createpsbt shares with createrawtransaction (Core's CreateTxDoc).
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
}
