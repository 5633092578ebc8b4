using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using NBitcoin;
using static Bitcoin.Wallet.Rpc.Internal.RpcDoc;
using static Bitcoin.Wallet.Rpc.Spend.SpendRpcSupport;

namespace Bitcoin.Wallet.Rpc.Spend;

/// <summary>fundrawtransaction and signrawtransactionwithwallet (Core's wallet/rpc/spend.cpp).</summary>
internal static class FundRpc
{
    public static RpcMethod FundRawTransaction() => new(
        "fundrawtransaction",
        "Adds inputs to a transaction until they cover its outputs, and at most one change output.\n" +
        "Existing outputs are not changed unless \"subtractFeeFromOutputs\" says so; signed inputs may need signing again\n" +
        "since inputs and outputs change. The inputs added are not signed: use signrawtransactionwithkey or\n" +
        "signrawtransactionwithwallet. Existing inputs must spend outputs of wallet transactions or of the UTXO set, and\n" +
        "non-wallet inputs need solving data. Every input must be standard, and P2SH scripts must be imported with\n" +
        "importdescriptors so fees can be computed (see \"solvable\" in listunspent). With an explicit fee rate, unconfirmed\n" +
        "inputs may raise the transaction's own rate: the wallet pays for the whole package to reach it.\n",
        [
            Required("hexstring", RpcArgType.StrHex, "The transaction in hex"),
            Optional("options", RpcArgType.ObjNamedParams, "",
            [
                WithDefault("add_inputs", RpcArgType.Bool, true, "With existing inputs, add more when they are not enough."),
                WithDefault("include_unsafe", RpcArgType.Bool, false,
                    "Also use unsafe inputs (unconfirmed from others, or from replacements); the transaction may become invalid\n" +
                    "if one disappears, and must then be funded again."),
                WithDefault("minconf", RpcArgType.Num, 0, "With add_inputs, the fewest confirmations an input may have."),
                Optional("maxconf", RpcArgType.Num, "With add_inputs, the most confirmations an input may have."),
                WithHint("changeAddress", RpcArgType.Str, "automatic", "The address for change"),
                WithHint("changePosition", RpcArgType.Num, "random", "The index of the change output"),
                WithHint("change_type", RpcArgType.Str, "set by -changetype", "The change output type, without changeAddress: " + OutputTypes.FormatAll() + "."),
                WithDefault("includeWatching", RpcArgType.Bool, false, "(DEPRECATED) No longer used"),
                WithDefault("lockUnspents", RpcArgType.Bool, false, "Lock the inputs chosen"),
                WithHint("fee_rate", RpcArgType.Amount, "not set, fall back to wallet fee estimation", "The fee rate in sat/vB."),
                WithHint("feeRate", RpcArgType.Amount, "not set, fall back to wallet fee estimation", "The fee rate in BTC/kvB."),
                WithDefault("subtractFeeFromOutputs", RpcArgType.Arr, new JsonArray(),
                    "Outputs (indices) that pay the fee in equal parts, receiving less than their amounts. When empty the sender pays.",
                    [Optional("vout_index", RpcArgType.Num, "A zero-based output index, before change is added.")]),
                Optional("input_weights", RpcArgType.Arr, "Inputs and their weights",
                [
                    Optional("", RpcArgType.Obj, "",
                    [
                        Required("txid", RpcArgType.StrHex, "The transaction id"),
                        Required("vout", RpcArgType.Num, "The output index"),
                        Required("weight", RpcArgType.Num,
                            "The largest weight of the input once signed, outpoint and sequence included. Signature sizes vary, " +
                            "so count ECDSA signatures at their largest DER size of 73 bytes, and convert sizes to weight units where needed."),
                    ]),
                ]),
                FundingArgs.MaxTxWeight(),
                .. FundingArgs.FundTx(),
            ], new RpcArgOptions { OneLineDescription = "options" }),
            WithHint("iswitness", RpcArgType.Bool, "depends on heuristic tests",
                "Whether the hex is a transaction serialized with witness data; when left out both forms are tried."),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.StrHex, "hex", "the funded transaction, in hex"),
                Field(RpcResultType.StrAmount, "fee", "the fee in BTC it pays"),
                Field(RpcResultType.Num, "changepos", "the index of the change output, or -1"),
            ]),
        ],
        RpcExamples.Cli("createrawtransaction", "\"[]\" \"{\\\"myaddress\\\":0.01}\"") +
        RpcExamples.Cli("fundrawtransaction", "\"rawtransactionhex\"") +
        RpcExamples.Cli("signrawtransactionwithwallet", "\"fundedtransactionhex\"") +
        RpcExamples.Cli("sendrawtransaction", "\"signedtransactionhex\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            bool tryWitness = call.Param(2).IsNull() || call.Param(2).GetBool();
            bool tryNoWitness = call.Param(2).IsNull() || !call.Param(2).GetBool();
            var tx = TransactionDecoding.DecodeHexTx(call.Param(0).GetStr(), tryNoWitness, tryWitness)
                     ?? throw new RpcException(RpcErrorCode.DeserializationError, "TX decode failed");
            var options = call.Param(1);
            var destinations = new List<(TxDestination, long)>();
            foreach (var output in tx.Outputs)
            {
                ScriptSolver.TryExtractDestination(output.ScriptPubKey, out var dest);
                destinations.Add((dest, output.Value.Satoshi));
            }
            var dummy = Enumerable.Repeat("dummy", destinations.Count).ToList();
            var recipients = CreateRecipients(destinations, InterpretSubtractFeeFromOutputInstructions(options.Find("subtractFeeFromOutputs"), dummy));
            var coinControl = SpendCoinControls.For(wallet);
            coinControl.AllowOtherInputs = true;
            tx.Outputs.Clear();
            var funded = FundingOptions.Fund(wallet, tx, recipients, options, coinControl, overrideMinFee: true);
            return new JsonObject
            {
                ["hex"] = TransactionDecoding.EncodeHexTx(funded.Tx),
                ["fee"] = Amounts.ToJson(funded.Fee),
                ["changepos"] = funded.ChangePosition ?? -1,
            };
        });

    public static RpcMethod SignRawTransactionWithWallet() => new(
        "signrawtransactionwithwallet",
        "Signs the inputs of a serialized transaction (in hex).\n" +
        "The second argument, optional (may be null), lists outputs the transaction spends that may not be in the chain yet." +
        RequiresPassphrase,
        [
            Required("hexstring", RpcArgType.Str, "The transaction in hex"),
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
        Examples("signrawtransactionwithwallet", "\"myhex\"", "\"myhex\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            var tx = TransactionDecoding.DecodeHexTx(call.Param(0).GetStr())
                     ?? throw new RpcException(RpcErrorCode.DeserializationError, "TX decode failed. Make sure the tx has at least one input.");
            lock (wallet.SyncRoot)
            {
                WalletRpcUtil.EnsureWalletIsUnlocked(wallet);
                var found = wallet.RequireChain().FindCoins(tx.Inputs.Select(i => i.PrevOut).Distinct().ToList());
                var coins = new Dictionary<OutPoint, TxOut>();
                foreach (var (outpoint, coin) in found) coins[outpoint] = coin.Output;
                RawTransactionSigning.ParsePrevouts(call.Param(1), null, coins);
                int sighash = SighashTypes.ParseArgument(call.Param(2)) ?? SighashTypes.Default;
                var inputErrors = new SortedDictionary<int, string>();
                bool complete = wallet.SignTransaction(tx, coins, sighash, inputErrors);
                var result = new JsonObject();
                RawTransactionSigning.AddSignResult(tx, complete, coins, inputErrors, result);
                return result;
            }
        });
}
