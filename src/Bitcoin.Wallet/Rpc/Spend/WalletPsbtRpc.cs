using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Psbt;
using Bitcoin.Common.Rpc;
using Bitcoin.Wallet.Psbt;
using Bitcoin.Wallet.Spend;
using static Bitcoin.Wallet.Rpc.Internal.RpcDoc;
using static Bitcoin.Wallet.Rpc.Spend.SpendRpcSupport;
using PsbtFillOptions = Bitcoin.Common.Psbt.PsbtFillOptions;

namespace Bitcoin.Wallet.Rpc.Spend;

/// <summary>walletprocesspsbt and walletcreatefundedpsbt (Core's wallet/rpc/spend.cpp).</summary>
internal static class WalletPsbtRpc
{
    public static RpcMethod WalletProcessPsbt() => new(
        "walletprocesspsbt",
        "Adds what the wallet knows to a PSBT's inputs, then signs the inputs it can." + RequiresPassphrase,
        [
            Required("psbt", RpcArgType.Str, "The PSBT in base64"),
            WithDefault("sign", RpcArgType.Bool, true, "Also sign (the wallet must be unlocked)"),
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
        Examples("walletprocesspsbt", "\"psbt\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            if (!PsbtEncoding.TryDecodeBase64(call.Param(0).GetStr(), out var psbt, out var decodeError))
                throw new RpcException(RpcErrorCode.DeserializationError, "TX decode failed " + decodeError);
            int? sighash = SighashTypes.ParseArgument(call.Param(2));
            bool sign = call.Param(1).IsNull() || call.Param(1).GetBool();
            bool bip32derivs = call.Param(3).IsNull() || call.Param(3).GetBool();
            bool finalize = call.Param(4).IsNull() || call.Param(4).GetBool();
            if (sign) WalletRpcUtil.EnsureWalletIsUnlocked(wallet);

            var error = WalletPsbt.Fill(wallet, psbt, new PsbtFillOptions { Sign = sign, SighashType = sighash, Finalize = finalize, Bip32Derivs = bip32derivs },
                out bool complete, out _);
            if (error is { } e) throw PsbtErrors.ToRpcException(e);
            var result = new JsonObject
            {
                ["psbt"] = PsbtEncoding.ToBase64(psbt),
                ["complete"] = complete,
            };
            if (complete)
            {
                var tx = PsbtOperations.FinalizeAndExtract(psbt);
                RpcInternalBugException.Check(tx is not null);
                result["hex"] = TransactionDecoding.EncodeHexTx(tx!);
            }
            return result;
        });

    public static RpcMethod WalletCreateFundedPsbt() => new(
        "walletcreatefundedpsbt",
        "Creates and funds a transaction as a PSBT (the Creator and Updater roles).\n" +
        "Existing inputs must spend outputs of wallet transactions or of the UTXO set; non-wallet inputs need solving data.\n",
        [
            Optional("inputs", RpcArgType.Arr, "Leave empty to add inputs automatically (see add_inputs).",
                [FundingArgs.InputWithWeight("depends on the value of the 'locktime' and 'options.replaceable' arguments")]),
            Required("outputs", RpcArgType.Arr,
                "The outputs as key-value pairs; a key may appear only once (one 'data' output, no address twice) and at least one\n" +
                "output is needed. For compatibility, an object holding the pairs directly is accepted too.",
                FundingArgs.Outputs(), new RpcArgOptions { SkipTypeCheck = true }),
            WithDefault("locktime", RpcArgType.Num, 0, "The lock time; a non-zero value also makes the inputs' lock time count"),
            Optional("options", RpcArgType.ObjNamedParams, "",
            [
                WithHint("add_inputs", RpcArgType.Bool, "false when \"inputs\" are specified, true otherwise", "Add wallet coins to cover the amount.\n"),
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
                FundingArgs.MaxTxWeight(),
                .. FundingArgs.FundTx(),
            ], new RpcArgOptions { OneLineDescription = "options" }),
            WithDefault("bip32derivs", RpcArgType.Bool, true, "Include the BIP 32 derivation paths of keys that are known"),
            WithDefault("version", RpcArgType.Num, SpendCoinControl.DefaultWalletTxVersion, "Transaction version"),
            WithDefault("psbt_version", RpcArgType.Num, 2, "The PSBT version to make (0 or 2)"),
        ],
        [
            Value(RpcResultType.Obj, "", [
                Field(RpcResultType.Str, "psbt", "the funded PSBT, in base64"),
                Field(RpcResultType.StrAmount, "fee", "the fee in BTC it pays"),
                Field(RpcResultType.Num, "changepos", "the index of the change output, or -1"),
            ]),
        ],
        RpcExamples.Cli("walletcreatefundedpsbt", $"\"[]\" \"[{{\\\"{SendRpc.ExampleAddress}\\\":0.5}}]\" 0 \"{{\\\"fee_rate\\\":2}}\"") +
        RpcExamples.Cli("-named walletcreatefundedpsbt", $"outputs=\"[{{\\\"{SendRpc.ExampleAddress}\\\":0.5}}]\" fee_rate=2"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            var options = call.Param(3).IsNull() ? new JsonObject() : call.Param(3).GetObj().DeepClone().AsObject();
            var coinControl = SpendCoinControls.For(wallet);
            coinControl.Version = call.ArgUInt32("version");
            var replaceable = options.Find("replaceable");
            bool rbf = replaceable.IsNull() ? wallet.Options.SignalRbf : replaceable.GetBool();
            var rawTx = RawTransactionConstruction.ConstructTransaction(call.Param(0), call.Param(1), call.Param(2), rbf, coinControl.Version, wallet.Network);
            var outputs = RawTransactionConstruction.NormalizeOutputs(call.Param(1));
            var recipients = CreateRecipients(RawTransactionConstruction.ParseOutputs(outputs, wallet.Network),
                InterpretSubtractFeeFromOutputInstructions(options.Find("subtractFeeFromOutputs"), outputs.Select(o => o.Key).ToList()));
            coinControl.AllowOtherInputs = rawTx.Inputs.Count == 0;
            SetOptionsInputWeights(call.Param(0), options);
            rawTx.Outputs.Clear();
            var funded = FundingOptions.Fund(wallet, rawTx, recipients, options, coinControl, overrideMinFee: true);

            uint psbtVersion = call.Param(6).IsNull() ? 2 : (uint)call.Param(6).GetInt32();
            if (psbtVersion is not (0 or 2)) throw new RpcException(RpcErrorCode.InvalidParameter, "The PSBT version can only be 2 or 0");
            var psbt = new PartiallySignedTransaction(funded.Tx, psbtVersion);
            bool bip32derivs = call.Param(4).IsNull() || call.Param(4).GetBool();
            var error = WalletPsbt.Fill(wallet, psbt, new PsbtFillOptions { Sign = false, Bip32Derivs = bip32derivs }, out _, out _);
            if (error is { } e) throw PsbtErrors.ToRpcException(e);
            return new JsonObject
            {
                ["psbt"] = PsbtEncoding.ToBase64(psbt),
                ["fee"] = Amounts.ToJson(funded.Fee),
                ["changepos"] = funded.ChangePosition ?? -1,
            };
        });
}
