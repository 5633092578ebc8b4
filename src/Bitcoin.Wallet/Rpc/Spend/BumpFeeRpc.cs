using System.Text.Json.Nodes;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Psbt;
using Bitcoin.Common.Rpc;
using Bitcoin.Wallet.CoinSelection;
using Bitcoin.Wallet.Psbt;
using Bitcoin.Wallet.Spend;
using NBitcoin;
using static Bitcoin.Wallet.Rpc.Internal.RpcDoc;
using PsbtFillOptions = Bitcoin.Common.Psbt.PsbtFillOptions;

namespace Bitcoin.Wallet.Rpc.Spend;

/// <summary>bumpfee and psbtbumpfee (Core's bumpfee_helper).</summary>
internal static class BumpFeeRpc
{
    private static readonly Dictionary<string, JsonKind?> s_optionTypes = new()
    {
        ["confTarget"] = JsonKind.Number,
        ["conf_target"] = JsonKind.Number,
        ["fee_rate"] = null,
        ["replaceable"] = JsonKind.Bool,
        ["estimate_mode"] = JsonKind.String,
        ["outputs"] = null,
        ["original_change_index"] = JsonKind.Number,
        ["psbt_version"] = JsonKind.Number,
    };

    public static RpcMethod BumpFee() => Helper("bumpfee");

    public static RpcMethod PsbtBumpFee() => Helper("psbtbumpfee");

    private static RpcMethod Helper(string name)
    {
        bool wantPsbt = name == "psbtbumpfee";
        string incrementalFee = TxFeeRate.FromSatoshisPerKvB(100).ToSatPerVbString();
        var optionArgs = new List<RpcArg>
        {
            WithHint("conf_target", RpcArgType.Num, "wallet -txconfirmtarget", "Confirmation target in blocks\n"),
            WithHint("fee_rate", RpcArgType.Amount, "not set, fall back to wallet fee estimation",
                "\nThe fee rate in sat/vB for the new transaction instead of an estimate.\n" +
                $"It must be at least {incrementalFee} above the current fee rate.\n" +
                "(Before version 0.21 this was in BTC/kvB.)\n"),
            WithDefault("replaceable", RpcArgType.Bool, true,
                "Mark the new transaction BIP125-replaceable (sequences 0xfffffffd); if false the sequences are 0xfffffffe and it\n" +
                "is not explicitly replaceable (it may still be in practice, e.g. through replaceable unconfirmed ancestors).\n"),
            WithDefault("estimate_mode", RpcArgType.Str, "unset", SendRpc.EstimateModeHelp),
            WithDefault("outputs", RpcArgType.Arr, new JsonArray(),
                "New outputs as key-value pairs, each key at most once (one 'data' output, no address twice), at least one.\n" +
                "Not with 'original_change_index'.",
                FundingArgs.Outputs(), new RpcArgOptions { SkipTypeCheck = true }),
            WithHint("original_change_index", RpcArgType.Num, "not set, detect change automatically",
                "The 0-based index of the original transaction's change output: it becomes the new change output, receiving " +
                "what remains after recipients and fees (more if inputs are added, less otherwise). Not with 'outputs'."),
        };
        if (wantPsbt) optionArgs.Add(WithDefault("psbt_version", RpcArgType.Num, 2, "The PSBT version to make (0 or 2)"));

        return new RpcMethod(
            name,
            "Replaces a wallet transaction T by a new transaction B paying a higher fee.\n" +
            (wantPsbt ? "Returns a PSBT instead of creating and signing the new transaction.\n" : "") +
            "The extra fee comes from smaller change or added inputs; a change output may be added. Every input of T is\n" +
            "spent by B. It fails if the wallet or the mempool has a transaction spending an output of T.\n" +
            "The new fee rate is estimated (see estimatesmartfee), for a confirmation target if given, or set in sat/vB;\n" +
            "it must pay at least the incremental relay fee (incrementalfee of getnetworkinfo) more to enter the mempool.\n" +
            "* fee_rate was in BTC/kvB before version 0.21, and is in sat/vB since. *\n",
            [
                Required("txid", RpcArgType.StrHex, "The transaction to bump"),
                Optional("options", RpcArgType.ObjNamedParams, "", optionArgs, new RpcArgOptions { OneLineDescription = "options" }),
            ],
            [
                Value(RpcResultType.Obj, "", [
                    wantPsbt ? Field(RpcResultType.Str, "psbt", "the new transaction as an unsigned PSBT in base64")
                             : Field(RpcResultType.StrHex, "txid", "the id of the new transaction"),
                    Field(RpcResultType.StrAmount, "origfee", "the fee of the transaction replaced"),
                    Field(RpcResultType.StrAmount, "fee", "the fee of the new transaction"),
                    Field(RpcResultType.Arr, "errors", "errors met (may be empty)", [Value(RpcResultType.Str, "")]),
                ]),
            ],
            Examples(name, "<txid>"),
            call => Run(call, wantPsbt));
    }

    private static JsonNode Run(RpcCall call, bool wantPsbt)
    {
        var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
        if (wallet.IsWalletFlagSet(WalletFlags.DisablePrivateKeys) && !wallet.IsWalletFlagSet(WalletFlags.ExternalSigner) && !wantPsbt)
            throw new RpcException(RpcErrorCode.WalletError, "bumpfee is not available with wallets that have private keys disabled. Use psbtbumpfee instead.");
        var txid = RpcValues.ParseHashV(call.Param(0), "txid");

        var coinControl = SpendCoinControls.For(wallet);
        coinControl.SignalRbf = true;
        var outputs = new List<TxOut>();
        uint? originalChangeIndex = null;
        uint psbtVersion = 2;
        var options = call.Param(1);
        if (!options.IsNull())
        {
            RpcParse.CheckObject(options, s_optionTypes, allowNull: true, strict: true);
            if (SpendRpcSupport.Has(options, "confTarget") && SpendRpcSupport.Has(options, "conf_target"))
                throw new RpcException(RpcErrorCode.InvalidParameter, "confTarget and conf_target options should not both be set. Use conf_target (confTarget is deprecated).");
            var confTarget = SpendRpcSupport.Has(options, "confTarget") ? options.Find("confTarget") : options.Find("conf_target");
            if (SpendRpcSupport.Has(options, "replaceable")) coinControl.SignalRbf = options.Find("replaceable").GetBool();
            SpendRpcSupport.SetFeeEstimateMode(wallet, coinControl, confTarget, options.Find("estimate_mode"), options.Find("fee_rate"), overrideMinFee: false);

            var outputsValue = options.Find("outputs");
            if (!outputsValue.IsNull())
            {
                if (outputsValue.IsArray() && outputsValue.Size() == 0)
                    throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, output argument cannot be an empty array");
                var temp = wallet.Network.CreateTransaction();
                RawTransactionConstruction.AddOutputs(temp, outputsValue, wallet.Network);
                outputs.AddRange(temp.Outputs);
            }
            if (SpendRpcSupport.Has(options, "original_change_index")) originalChangeIndex = options.Find("original_change_index").GetUInt32();
            if (SpendRpcSupport.Has(options, "psbt_version")) psbtVersion = options.Find("psbt_version").GetUInt32();
            if (psbtVersion is not (0 or 2)) throw new RpcException(RpcErrorCode.InvalidParameter, "The PSBT version can only be 2 or 0");
        }

        wallet.BlockUntilSyncedToCurrentChain();
        lock (wallet.SyncRoot)
        {
            WalletRpcUtil.EnsureWalletIsUnlocked(wallet);
            var errors = new List<string>();
            var outcome = FeeBumper.CreateRateBumpTransaction(wallet, txid, coinControl, errors, out var bump, requireMine: !wantPsbt, outputs, originalChangeIndex);
            if (outcome != FeeBumpResult.Ok) throw new RpcException(CodeOf(outcome), errors[0]);

            var result = new JsonObject();
            var tx = bump!.Tx;
            if (!wantPsbt)
            {
                if (!FeeBumper.SignTransaction(wallet, tx))
                {
                    if (wallet.IsWalletFlagSet(WalletFlags.ExternalSigner))
                        throw new RpcException(RpcErrorCode.WalletError, "Transaction incomplete. Try psbtbumpfee instead.");
                    throw new RpcException(RpcErrorCode.WalletError, "Can't sign transaction.");
                }
                if (FeeBumper.CommitTransaction(wallet, txid, tx, errors, out var bumpedTxid) != FeeBumpResult.Ok)
                    throw new RpcException(RpcErrorCode.WalletError, errors[0]);
                result["txid"] = bumpedTxid!.ToString();
            }
            else
            {
                var psbt = new PartiallySignedTransaction(tx, psbtVersion);
                var error = WalletPsbt.Fill(wallet, psbt, new PsbtFillOptions { Sign = false, Bip32Derivs = true }, out bool complete, out _);
                RpcInternalBugException.Check(error is null);
                RpcInternalBugException.Check(!complete);
                result["psbt"] = PsbtEncoding.ToBase64(psbt);
            }
            result["origfee"] = Amounts.ToJson(bump.OldFee);
            result["fee"] = Amounts.ToJson(bump.NewFee);
            result["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)e)]);
            return result;
        }
    }

    private static RpcErrorCode CodeOf(FeeBumpResult result) => result switch
    {
        FeeBumpResult.InvalidAddressOrKey => RpcErrorCode.InvalidAddressOrKey,
        FeeBumpResult.InvalidRequest => RpcErrorCode.InvalidRequest,
        FeeBumpResult.InvalidParameter => RpcErrorCode.InvalidParameter,
        FeeBumpResult.WalletError => RpcErrorCode.WalletError,
        _ => RpcErrorCode.MiscError,
    };
}
