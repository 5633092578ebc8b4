using System.Text.Json.Nodes;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Psbt;
using Bitcoin.Common.Rpc;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Psbt;

// combinepsbt, finalizepsbt and joinpsbts: operations on PSBTs alone, without the chain.
public static partial class PsbtRpc
{
    private static RpcMethod CombinePsbt() => new(
        "combinepsbt",
        "Merges several partially signed versions of one transaction into one PSBT (the Combiner role).",
        [
            Required("txs", RpcArgType.Arr, "The PSBTs, in base64",
                [Optional("psbt", RpcArgType.Str, "a PSBT in base64")]),
        ],
        [Value(RpcResultType.Str, "the merged PSBT, in base64")],
        RpcExamples.Cli("combinepsbt", "'[\"mybase64_1\", \"mybase64_2\", \"mybase64_3\"]'"),
        call =>
        {
            var txs = call.Param(0).GetArr();
            if (txs.Count == 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Parameter 'txs' cannot be empty");
            var psbts = txs.Select(DecodeArgument).ToList();
            var merged = PsbtOperations.Combine(psbts)
                         ?? throw new RpcException(RpcErrorCode.InvalidParameter, "PSBTs not compatible (different transactions)");
            return PsbtEncoding.ToBase64(merged);
        });

    private static RpcMethod FinalizePsbt() => new(
        "finalizepsbt",
        "Makes the final scriptSigs and witnesses of the inputs that have every signature they need.\n" +
        "When the whole transaction is complete it can be returned ready for sendrawtransaction; otherwise the PSBT is\n" +
        "returned with the complete inputs finalized (the Finalizer and Extractor roles).",
        [
            Required("psbt", RpcArgType.Str, "The PSBT in base64"),
            WithDefault("extract", RpcArgType.Bool, true, "When the transaction is complete, return it serialized in hex instead of the PSBT"),
        ],
        [
            Value(RpcResultType.Obj, "", [
                OptionalField(RpcResultType.Str, "psbt", "the PSBT in base64, when not extracted"),
                OptionalField(RpcResultType.StrHex, "hex", "the network transaction in hex, when extracted"),
                Field(RpcResultType.Bool, "complete", "whether every input is signed"),
            ]),
        ],
        Examples("finalizepsbt", "\"psbt\""),
        call =>
        {
            var psbt = DecodeArgument(call.Param(0));
            bool extract = call.Param(1).IsNull() || call.Param(1).GetBool();
            var tx = PsbtOperations.FinalizeAndExtract(psbt);
            bool complete = tx is not null;
            var result = new JsonObject();
            if (complete && extract) result["hex"] = TransactionDecoding.EncodeHexTx(tx!);
            else result["psbt"] = PsbtEncoding.ToBase64(psbt);
            result["complete"] = complete;
            return result;
        });

    private static RpcMethod JoinPsbts() => new(
        "joinpsbts",
        "Joins version 0 PSBTs with distinct inputs into one version 0 PSBT holding every input and output, in random order.\n" +
        "No input may appear in more than one of them.",
        [
            Required("txs", RpcArgType.Arr, "The PSBTs, in base64",
                [Required("psbt", RpcArgType.Str, "a PSBT in base64")]),
        ],
        [Value(RpcResultType.Str, "the joined PSBT, in base64")],
        Examples("joinpsbts", "\"psbt\""),
        call =>
        {
            var txs = call.Param(0).GetArr();
            if (txs.Count <= 1) throw new RpcException(RpcErrorCode.InvalidParameter, "At least two PSBTs are required to join PSBTs.");
            uint bestVersion = 1, bestLocktime = uint.MaxValue;
            var psbts = new List<PartiallySignedTransaction>();
            foreach (var text in txs)
            {
                var psbt = DecodeArgument(text);
                psbts.Add(psbt);
                if (psbt.Version != 0) throw new RpcException(RpcErrorCode.InvalidParameter, "joinpsbts only operates on version 0 PSBTs");
                bestVersion = Math.Max(bestVersion, psbt.TxVersion);
                bestLocktime = Math.Min(bestLocktime, psbt.FallbackLocktime ?? 0);
            }

            var blank = Network.Main.CreateTransaction();
            blank.Version = bestVersion;
            blank.LockTime = new LockTime(bestLocktime);
            var merged = new PartiallySignedTransaction(blank, psbts[0].Version);
            foreach (var psbt in psbts)
            {
                foreach (var input in psbt.Inputs)
                {
                    if (!merged.AddInput(input))
                        throw new RpcException(RpcErrorCode.InvalidParameter, $"Input {input.PrevTxid}:{input.PrevOut} exists in multiple PSBTs");
                }
                foreach (var output in psbt.Outputs) merged.AddOutput(output);
                merged.MergeGlobalXpubs(psbt);
                AddUnknown(merged.Unknown, psbt.Unknown);
            }

            // Shuffle inputs and outputs so their order does not tell which PSBT they came from.
            var inputOrder = Enumerable.Range(0, merged.Inputs.Count).ToArray();
            var outputOrder = Enumerable.Range(0, merged.Outputs.Count).ToArray();
            Random.Shared.Shuffle(inputOrder);
            Random.Shared.Shuffle(outputOrder);
            var shuffled = new PartiallySignedTransaction(blank, merged.Version);
            foreach (int i in inputOrder) shuffled.AddInput(merged.Inputs[i]);
            foreach (int i in outputOrder) shuffled.AddOutput(merged.Outputs[i]);
            AddUnknown(shuffled.Unknown, merged.Unknown);
            return PsbtEncoding.ToBase64(shuffled);
        });

    // std::map::insert: records already present keep their value.
    private static void AddUnknown(SortedDictionary<byte[], byte[]> into, SortedDictionary<byte[], byte[]> from)
    {
        foreach (var (k, v) in from)
        {
            if (!into.ContainsKey(k)) into.Add(k, v);
        }
    }
}
