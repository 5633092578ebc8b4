using Bitcoin.Common.Psbt;
using Bitcoin.Common.Rpc;
using Bitcoin.Node.Rpc;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Psbt;

// analyzepsbt.
public static partial class PsbtRpc
{
    private static RpcMethod AnalyzePsbt(NodeRpcContext context) => new(
        "analyzepsbt",
        "Tells where a PSBT and each of its inputs are in the signing workflow, and what is missing.",
        [Required("psbt", RpcArgType.Str, "The PSBT in base64")],
        [
            Value(RpcResultType.Obj, "", [
                OptionalField(RpcResultType.Arr, "inputs", "", [
                    Value(RpcResultType.Obj, "", [
                        Field(RpcResultType.Bool, "has_utxo", "whether the spent output is known"),
                        Field(RpcResultType.Bool, "is_final", "whether the input is finalized"),
                        OptionalField(RpcResultType.Obj, "missing", "what the input still needs", [
                            OptionalField(RpcResultType.Arr, "pubkeys", "", [Value(RpcResultType.StrHex, "the HASH160 of a key whose BIP 32 path is missing")]),
                            OptionalField(RpcResultType.Arr, "signatures", "", [Value(RpcResultType.StrHex, "the HASH160 of a key whose signature is missing")]),
                            OptionalField(RpcResultType.StrHex, "redeemscript", "the HASH160 of the missing redeem script"),
                            OptionalField(RpcResultType.StrHex, "witnessscript", "the SHA256 of the missing witness script"),
                        ]),
                        OptionalField(RpcResultType.Str, "next", "the role that must handle the input next"),
                    ]),
                ]),
                OptionalField(RpcResultType.Num, "estimated_vsize", "the estimated virtual size of the signed transaction"),
                OptionalField(RpcResultType.StrAmount, "estimated_feerate", "the estimated fee rate of the signed transaction in BTC/kvB (when every spent output is known)"),
                OptionalField(RpcResultType.StrAmount, "fee", "the fee (when every spent output is known)"),
                Field(RpcResultType.Str, "next", "the role that must handle the PSBT next"),
                OptionalField(RpcResultType.Str, "error", "why the PSBT is invalid, if it is"),
            ]),
        ],
        Examples("analyzepsbt", "\"psbt\""),
        call =>
        {
            var psbt = DecodeArgument(call.Param(0));
            long bytesPerSigOp = context.Node.Args.GetIntArg("-bytespersigop", PsbtAnalyzer.DefaultBytesPerSigOp);
            return PsbtJson.Analysis(PsbtAnalyzer.Analyze(psbt, bytesPerSigOp));
        });
}
