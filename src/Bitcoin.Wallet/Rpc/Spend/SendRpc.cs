using System.Text.Json.Nodes;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Wallet.Spend;
using static Bitcoin.Wallet.Rpc.Internal.RpcDoc;
using static Bitcoin.Wallet.Rpc.Spend.SpendRpcSupport;

namespace Bitcoin.Wallet.Rpc.Spend;

/// <summary>sendtoaddress and sendmany (Core's wallet/rpc/spend.cpp).</summary>
internal static class SendRpc
{
    internal const string ExampleAddress = "bc1q09vm5lfy0j5reeulh4x5752q25uqqvz34hufdl";
    internal const string ExampleAddress2 = "bc1q02ad21edsxd23d32dfgqqsz4vv4nmtfzuklhy3";

    internal static readonly string EstimateModeHelp = "The fee estimate mode, one of (case insensitive):\n" +
        FeeModes.Detail("economical when the transaction is replaceable;\notherwise conservative");

    public static RpcMethod SendToAddress() => new(
        "sendtoaddress",
        "Sends an amount to an address." + RequiresPassphrase,
        [
            Required("address", RpcArgType.Str, "The address to send to."),
            Required("amount", RpcArgType.Amount, "The amount in BTC, e.g. 0.1"),
            Optional("comment", RpcArgType.Str, "A note on what the transaction is for, kept in the wallet only."),
            Optional("comment_to", RpcArgType.Str, "A note on whom the transaction pays, kept in the wallet only."),
            WithDefault("subtractfeefromamount", RpcArgType.Bool, false, "Take the fee out of the amount sent: the recipient gets less than the amount."),
            WithHint("replaceable", RpcArgType.Bool, "wallet default", "Signal that the transaction may be replaced (BIP 125)"),
            WithHint("conf_target", RpcArgType.Num, "wallet -txconfirmtarget", "Confirmation target in blocks"),
            WithDefault("estimate_mode", RpcArgType.Str, "unset", EstimateModeHelp),
            WithDefault("avoid_reuse", RpcArgType.Bool, true,
                "(wallets with the avoid_reuse flag only) Avoid spending from addresses already used; this also spends outputs\n" +
                "to the same address together."),
            WithHint("fee_rate", RpcArgType.Amount, "not set, fall back to wallet fee estimation", "The fee rate in sat/vB."),
            WithDefault("verbose", RpcArgType.Bool, false, "Also return why the fee rate was chosen."),
        ],
        [
            new RpcResult(RpcResultType.StrHex, "txid", "the transaction id", condition: "if verbose is not set or set to false"),
            Conditional("if verbose is set to true", RpcResultType.Obj, "", [
                Field(RpcResultType.StrHex, "txid", "the transaction id"),
                Field(RpcResultType.Str, "fee_reason", "why the wallet chose this fee rate (estimator, mempool minimum, fallback, or required minimum)"),
            ]),
        ],
        RpcExamples.Cli("sendtoaddress", $"\"{ExampleAddress}\" 0.1") +
        RpcExamples.Cli("-named sendtoaddress", $"address=\"{ExampleAddress}\" amount=0.5 fee_rate=25") +
        RpcExamples.Rpc("sendtoaddress", $"\"{ExampleAddress}\", 0.1"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            lock (wallet.SyncRoot)
            {
                string? comment = call.Param(2).IsNull() || call.Param(2).GetStr().Length == 0 ? null : call.Param(2).GetStr();
                string? commentTo = call.Param(3).IsNull() || call.Param(3).GetStr().Length == 0 ? null : call.Param(3).GetStr();
                var coinControl = SpendCoinControls.For(wallet);
                if (!call.Param(5).IsNull()) coinControl.SignalRbf = call.Param(5).GetBool();
                coinControl.AvoidAddressReuse = WalletRpcUtil.GetAvoidReuseFlag(wallet, call.Param(8));
                // Avoiding reuse also spends each address's outputs together.
                coinControl.AvoidPartialSpends |= coinControl.AvoidAddressReuse;
                SetFeeEstimateMode(wallet, coinControl, call.Param(6), call.Param(7), call.Param(9), overrideMinFee: false);
                WalletRpcUtil.EnsureWalletIsUnlocked(wallet);

                var amounts = new List<KeyValuePair<string, JsonNode?>> { new(call.Param(0).GetStr(), call.Param(1).Detached()) };
                var subtract = new SortedSet<int>();
                if (!call.Param(4).IsNull() && call.Param(4).GetBool()) subtract.Add(0);
                var recipients = CreateRecipients(RawTransactionConstruction.ParseOutputs(amounts, wallet.Network), subtract);
                bool verbose = !call.Param(10).IsNull() && call.Param(10).GetBool();
                return SendMoney(wallet, coinControl, recipients, comment, commentTo, verbose);
            }
        });

    public static RpcMethod SendMany() => new(
        "sendmany",
        "Sends to several addresses in one transaction." + RequiresPassphrase,
        [
            WithDefault("dummy", RpcArgType.Str, "\"\"", "Must be \"\" (kept for backwards compatibility).",
                options: new RpcArgOptions { OneLineDescription = "\"\"", Placeholder = true }),
            Required("amounts", RpcArgType.ObjUserKeys, "The addresses and amounts",
                [Required("address", RpcArgType.Amount, "The address is the key, the amount in BTC (number or string) the value")]),
            Optional("minconf", RpcArgType.Num, "Ignored", options: new RpcArgOptions { Placeholder = true }),
            Optional("comment", RpcArgType.Str, "A note kept in the wallet"),
            Optional("subtractfeefrom", RpcArgType.Arr,
                "Addresses that pay the fee, in equal parts (they receive less than their amounts).\n" +
                "When empty the sender pays the fee.",
                [Optional("address", RpcArgType.Str, "An address to take the fee from")]),
            WithHint("replaceable", RpcArgType.Bool, "wallet default", "Signal that the transaction may be replaced (BIP 125)"),
            WithHint("conf_target", RpcArgType.Num, "wallet -txconfirmtarget", "Confirmation target in blocks"),
            WithDefault("estimate_mode", RpcArgType.Str, "unset", EstimateModeHelp),
            WithHint("fee_rate", RpcArgType.Amount, "not set, fall back to wallet fee estimation", "The fee rate in sat/vB."),
            WithDefault("verbose", RpcArgType.Bool, false, "Also return why the fee rate was chosen."),
        ],
        [
            new RpcResult(RpcResultType.StrHex, "txid", "the id of the one transaction made", condition: "if verbose is not set or set to false"),
            Conditional("if verbose is set to true", RpcResultType.Obj, "", [
                Field(RpcResultType.StrHex, "txid", "the id of the one transaction made"),
                Field(RpcResultType.Str, "fee_reason", "why the wallet chose this fee rate (estimator, mempool minimum, fallback, or required minimum)"),
            ]),
        ],
        RpcExamples.Cli("sendmany", $"\"\" \"{{\\\"{ExampleAddress}\\\":0.01,\\\"{ExampleAddress2}\\\":0.02}}\"") +
        RpcExamples.Rpc("sendmany", $"\"\", {{\"{ExampleAddress}\":0.01,\"{ExampleAddress2}\":0.02}}, 6, \"testing\""),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            lock (wallet.SyncRoot)
            {
                if (!call.Param(0).IsNull() && call.Param(0).GetStr().Length != 0)
                    throw new RpcException(RpcErrorCode.InvalidParameter, "Dummy value must be set to \"\"");
                call.Param(1).GetObj();
                string? comment = call.Param(3).IsNull() || call.Param(3).GetStr().Length == 0 ? null : call.Param(3).GetStr();
                var coinControl = SpendCoinControls.For(wallet);
                if (!call.Param(5).IsNull()) coinControl.SignalRbf = call.Param(5).GetBool();
                SetFeeEstimateMode(wallet, coinControl, call.Param(6), call.Param(7), call.Param(8), overrideMinFee: false);

                var pairs = RawTransactionConstruction.NormalizeOutputs(call.Param(1));
                var subtract = InterpretSubtractFeeFromOutputInstructions(call.Param(4), pairs.Select(p => p.Key).ToList());
                var recipients = CreateRecipients(RawTransactionConstruction.ParseOutputs(pairs, wallet.Network), subtract);
                bool verbose = !call.Param(9).IsNull() && call.Param(9).GetBool();
                return SendMoney(wallet, coinControl, recipients, comment, null, verbose);
            }
        });
}
