using System.Text.Json.Nodes;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Descriptors.Signing;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Psbt;
using Bitcoin.Common.Rpc;
using Bitcoin.Node.Psbt.Internal;
using Bitcoin.Node.Rpc;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Psbt;

// utxoupdatepsbt and descriptorprocesspsbt (the Updater and, with keys in descriptors, Signer roles).
public static partial class PsbtRpc
{
    private static RpcMethod UtxoUpdatePsbt(NodeRpcContext context) => new(
        "utxoupdatepsbt",
        "Fills in the spent outputs of a PSBT's inputs from the UTXO set, the transaction index or the mempool, and the\n" +
        "scripts and key paths of inputs and outputs from the given descriptors.",
        [
            Required("psbt", RpcArgType.Str, "The PSBT in base64"),
            Optional("descriptors", RpcArgType.Arr, "Descriptors, as strings or objects", DescriptorListDoc()),
        ],
        [Value(RpcResultType.Str, "the updated PSBT, in base64")],
        Examples("utxoupdatepsbt", "\"psbt\""),
        call =>
        {
            var network = NetworkOf(context);
            var provider = new FlatSigningProvider();
            if (!call.Param(1).IsNull())
            {
                foreach (var desc in call.Param(1).GetArr()) DescriptorArguments.Evaluate(desc, provider, expandPrivate: false, network);
            }
            // No private keys are needed to update; hide them as a precaution.
            var psbt = ProcessPsbt(call.Param(0), context, new HidingSigningProvider(provider, hideSecret: true, hideOrigin: false),
                sighashType: null, finalize: false);
            return PsbtEncoding.ToBase64(psbt);
        });

    private static RpcMethod DescriptorProcessPsbt(NodeRpcContext context) => new(
        "descriptorprocesspsbt",
        "Fills in a PSBT's segwit inputs from the UTXO set or the mempool and the given descriptors, then signs every\n" +
        "input the descriptors' private keys can sign.",
        [
            Required("psbt", RpcArgType.Str, "The PSBT in base64"),
            Required("descriptors", RpcArgType.Arr, "Descriptors, as strings or objects", DescriptorListDoc()),
            WithDefault("sighashtype", RpcArgType.Str, "DEFAULT for Taproot, ALL otherwise",
                "The sighash type to sign with when the PSBT does not give one, one of:\n" +
                "       \"DEFAULT\"\n       \"ALL\"\n       \"NONE\"\n       \"SINGLE\"\n" +
                "       \"ALL|ANYONECANPAY\"\n       \"NONE|ANYONECANPAY\"\n       \"SINGLE|ANYONECANPAY\""),
            WithDefault("bip32derivs", RpcArgType.Bool, true, "Include the BIP 32 derivation paths of keys that are known"),
            WithDefault("finalize", RpcArgType.Bool, true, "Also finalize the inputs that can be"),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "psbt", "the PSBT, in base64"),
                Field(RpcResultType.Bool, "complete", "whether every input is signed"),
                OptionalField(RpcResultType.StrHex, "hex", "the network transaction in hex, when complete"),
            ]),
        ],
        RpcExamples.Cli("descriptorprocesspsbt", "\"psbt\" \"[\\\"descriptor1\\\", \\\"descriptor2\\\"]\"") +
        RpcExamples.Cli("descriptorprocesspsbt", "\"psbt\" \"[{\\\"desc\\\":\\\"mydescriptor\\\", \\\"range\\\":21}]\""),
        call =>
        {
            var network = NetworkOf(context);
            var provider = new FlatSigningProvider();
            foreach (var desc in call.Param(1).GetArr()) DescriptorArguments.Evaluate(desc, provider, expandPrivate: true, network);
            int? sighash = SighashTypes.ParseArgument(call.Param(2));
            bool bip32derivs = call.Param(3).IsNull() || call.Param(3).GetBool();
            bool finalize = call.Param(4).IsNull() || call.Param(4).GetBool();

            var psbt = ProcessPsbt(call.Param(0), context, new HidingSigningProvider(provider, hideSecret: false, hideOrigin: !bip32derivs),
                sighash, finalize);

            var txData = PsbtOperations.PrecomputeData(psbt);
            RpcInternalBugException.Check(txData is not null);
            bool complete = true;
            for (int i = 0; i < psbt.Inputs.Count && complete; i++) complete = PsbtOperations.InputSignedAndVerified(psbt, i, txData);

            var result = new JsonObject
            {
                ["psbt"] = PsbtEncoding.ToBase64(psbt),
                ["complete"] = complete,
            };
            if (complete)
            {
                var tx = PsbtOperations.FinalizeAndExtract(psbt.Clone());
                RpcInternalBugException.Check(tx is not null);
                result["hex"] = TransactionDecoding.EncodeHexTx(tx!);
            }
            return result;
        });

    private static IReadOnlyList<RpcArg> DescriptorListDoc() =>
    [
        Optional("", RpcArgType.Str, "An output descriptor"),
        Optional("", RpcArgType.Obj, "An output descriptor with options",
        [
            Required("desc", RpcArgType.Str, "An output descriptor"),
            WithDefault("range", RpcArgType.Range, 1000, "For ranged descriptors, the end or [begin,end] of the range to explore"),
        ]),
    ];

    /// <summary>
    /// Core's ProcessPSBT: adds each input's previous transaction from the transaction index or the mempool, or else
    /// the spent output of segwit inputs from the UTXO set; then signs and updates what <paramref name="provider"/>
    /// allows (only a sighash mismatch is an error), updates the outputs and drops previous transactions that are not
    /// needed.
    /// </summary>
    private static PartiallySignedTransaction ProcessPsbt(JsonNode? psbtText, NodeRpcContext context, SigningProvider provider,
        int? sighashType, bool finalize)
    {
        var psbt = DecodeArgument(psbtText);
        var chainman = context.EnsureChainman();
        var txIndex = context.TxIndex;
        txIndex?.BlockUntilSyncedToCurrentChain();

        var missing = new List<PsbtInput>();
        foreach (var input in psbt.Inputs)
        {
            if (input.NonWitnessUtxo is not null) continue;
            var prevTx = txIndex?.FindTx(input.PrevTxid)?.Transaction ?? context.Mempool?.GetTransaction(input.PrevTxid);
            if (prevTx is not null) input.NonWitnessUtxo = prevTx;
            else missing.Add(input);
        }
        foreach (var input in missing)
        {
            TxOut? coin = null;
            if (context.Mempool?.GetTransaction(input.PrevTxid) is { } memTx)
            {
                if (input.PrevOut < memTx.Outputs.Count) coin = memTx.Outputs[(int)input.PrevOut];
            }
            else if (chainman.GetUnspentCoin(input.OutPoint) is { } utxo)
            {
                coin = utxo.Output;
            }
            if (coin is not null && SignatureProducer.IsSegWitOutput(provider, coin.ScriptPubKey)) input.WitnessUtxo = coin;
        }

        var txData = PsbtOperations.PrecomputeData(psbt) ?? throw PsbtErrors.ToRpcException(PsbtError.InvalidTx);
        for (int i = 0; i < psbt.Inputs.Count; i++)
        {
            if (psbt.Inputs[i].IsSigned) continue;
            var error = PsbtOperations.SignInput(provider, psbt, i, txData, new PsbtFillOptions { SighashType = sighashType, Finalize = finalize });
            if (error == PsbtError.SighashMismatch) throw PsbtErrors.ToRpcException(PsbtError.SighashMismatch);
        }
        for (int i = 0; i < psbt.Outputs.Count; i++) PsbtOperations.UpdateOutput(provider, psbt, i);
        PsbtOperations.RemoveUnnecessaryTransactions(psbt);
        return psbt;
    }
}
