using System.Text.Json.Nodes;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Descriptors.Signing;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using NBitcoin;
using static Bitcoin.Node.Rpc.Internal.RpcDoc;

namespace Bitcoin.Node.Rpc;

// Signatures: signrawtransactionwithkey and combinerawtransaction.
internal static partial class RawTransactionRpc
{
    // Core's SIGHASH_ALL, which combinerawtransaction assembles signatures for.
    private const int SighashAll = 1;

    private static RpcMethod SignRawTransactionWithKey(NodeRpcContext context) => new(
        "signrawtransactionwithkey",
        "Signs the inputs of a serialized transaction (in hex).\n" +
        "The second argument lists base58 private keys, the only keys used to sign.\n" +
        "The third, optional (may be null), describes outputs the transaction spends that may not be in the chain yet.",
        [
            Required("hexstring", RpcArgType.Str, "The transaction in hex"),
            Required("privkeys", RpcArgType.Arr, "The base58 private keys to sign with",
                [Optional("privatekey", RpcArgType.StrHex, "a base58 private key")]),
            Optional("prevtxs", RpcArgType.Arr, "The outputs the transaction spends",
            [
                Optional("", RpcArgType.Obj, "",
                [
                    Required("txid", RpcArgType.StrHex, "The transaction id"),
                    Required("vout", RpcArgType.Num, "The output index"),
                    Required("scriptPubKey", RpcArgType.StrHex, "The output script"),
                    Optional("redeemScript", RpcArgType.StrHex, "(needed for P2SH) the redeem script"),
                    Optional("witnessScript", RpcArgType.StrHex, "(needed for P2WSH or P2SH-P2WSH) the witness script"),
                    Optional("amount", RpcArgType.Amount, "(needed for segwit inputs) the amount spent"),
                ]),
            ]),
            WithDefault("sighashtype", RpcArgType.Str, "DEFAULT for Taproot, ALL otherwise",
                "The signature hash type, one of:\n" +
                "       \"DEFAULT\"\n       \"ALL\"\n       \"NONE\"\n       \"SINGLE\"\n" +
                "       \"ALL|ANYONECANPAY\"\n       \"NONE|ANYONECANPAY\"\n       \"SINGLE|ANYONECANPAY\""),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.StrHex, "hex", "the transaction with the signatures made, in hex"),
                Field(RpcResultType.Bool, "complete", "whether every input is now fully signed"),
                OptionalField(RpcResultType.Arr, "errors", "verification or signing errors, if any", [
                    Value(RpcResultType.Obj, "", [
                        Field(RpcResultType.StrHex, "txid", "the spent transaction's id"),
                        Field(RpcResultType.Num, "vout", "the spent output's index"),
                        Field(RpcResultType.Arr, "witness", "", [Value(RpcResultType.StrHex, "a witness element")]),
                        Field(RpcResultType.StrHex, "scriptSig", "the signature script, in hex"),
                        Field(RpcResultType.Num, "sequence", "the input's sequence number"),
                        Field(RpcResultType.Str, "error", "what went wrong with this input"),
                    ]),
                ]),
            ]),
        ],
        Examples("signrawtransactionwithkey", "\"myhex\" \"[\\\"key1\\\",\\\"key2\\\"]\"", "\"myhex\", \"[\\\"key1\\\",\\\"key2\\\"]\""),
        call =>
        {
            var chainman = context.EnsureChainman();
            // Only an explicit sighash type is passed on; null means the default.
            var sighash = call.Param(3);
            return RawTransactionSigning.SignRawTransactionWithKey(call.Param(0).GetStr(), call.Param(1), call.Param(2), sighash,
                outpoints => FindCoins(context, outpoints), chainman.ChainParams.Network);
        });

    private static RpcMethod CombineRawTransaction(NodeRpcContext context) => new(
        "combinerawtransaction",
        "Merges the signatures of several partially signed versions of one transaction.\n" +
        "The result may still be partially signed, or fully signed.",
        [
            Required("txs", RpcArgType.Arr, "The partially signed transactions, in hex",
                [Optional("hexstring", RpcArgType.StrHex, "a transaction in hex")]),
        ],
        [Value(RpcResultType.Str, "the transaction with the merged signatures, in hex")],
        RpcExamples.Cli("combinerawtransaction", "'[\"myhex1\", \"myhex2\", \"myhex3\"]'"),
        call =>
        {
            var hexes = call.Param(0).GetArr();
            if (hexes.Count < 2)
                throw new RpcException(RpcErrorCode.DeserializationError, "Missing transactions. At least two transactions required.");
            var variants = new List<Transaction>();
            for (int i = 0; i < hexes.Count; i++)
            {
                variants.Add(TransactionDecoding.DecodeHexTx(hexes[i].GetStr())
                             ?? throw new RpcException(RpcErrorCode.DeserializationError, $"TX decode failed for tx {i}. Make sure the tx has at least one input."));
            }

            // Versions differ only in their signatures: without scriptSigs and witnesses they must be the same.
            var firstTxid = Unsigned(variants[0]).GetHash();
            for (int k = 1; k < variants.Count; k++)
            {
                if (Unsigned(variants[k]).GetHash() != firstTxid)
                    throw new RpcException(RpcErrorCode.InvalidParameter, $"Transaction number {k + 1} not compatible with first transaction");
            }

            var merged = variants[0].Clone();
            var coins = FindCoins(context, merged.Inputs.Select(i => i.PrevOut).ToList());
            for (int i = 0; i < merged.Inputs.Count; i++)
            {
                var input = merged.Inputs[i];
                if (!coins.TryGetValue(input.PrevOut, out var coin))
                    throw new RpcException(RpcErrorCode.VerifyError, "Input not found or already spent");
                var sigdata = new SignatureData();
                foreach (var variant in variants)
                {
                    if (variant.Inputs.Count > i) sigdata.Merge(SignatureProducer.DataFromTransaction(variant, i, coin));
                }
                // No keys: this only assembles the signatures collected above.
                SignatureProducer.ProduceSignature(SigningProvider.Empty,
                    new TransactionSignatureCreator(merged, i, coin.Value.Satoshi, null, SighashAll), coin.ScriptPubKey, sigdata);
                SignatureProducer.UpdateInput(input, sigdata);
            }
            return TransactionDecoding.EncodeHexTx(merged);
        });

    private static Transaction Unsigned(Transaction tx)
    {
        var copy = tx.Clone();
        foreach (var input in copy.Inputs)
        {
            input.ScriptSig = Script.Empty;
            input.WitScript = WitScript.Empty;
        }
        return copy;
    }

    /// <summary>
    /// Core's FindCoins: the outputs the given outpoints refer to, from the UTXO set and from mempool transactions;
    /// outpoints that are unknown or spent are left out.
    /// </summary>
    private static IReadOnlyDictionary<OutPoint, TxOut> FindCoins(NodeRpcContext context, IReadOnlyList<OutPoint> outpoints)
    {
        var chainman = context.EnsureChainman();
        var found = new Dictionary<OutPoint, TxOut>();
        foreach (var outpoint in outpoints)
        {
            if (found.ContainsKey(outpoint)) continue;
            if (context.Mempool?.GetTransaction(outpoint.Hash) is { } tx)
            {
                if (outpoint.N < tx.Outputs.Count) found[outpoint] = tx.Outputs[(int)outpoint.N];
                continue;
            }
            if (chainman.GetUnspentCoin(outpoint) is { } coin) found[outpoint] = coin.Output;
        }
        return found;
    }
}
