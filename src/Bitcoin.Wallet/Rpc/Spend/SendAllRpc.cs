using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.CoinSelection;
using Bitcoin.Wallet.Spend;
using Bitcoin.Wallet.Spend.Internal;
using NBitcoin;
using static Bitcoin.Wallet.Rpc.Internal.RpcDoc;
using static Bitcoin.Wallet.Rpc.Spend.SpendRpcSupport;

namespace Bitcoin.Wallet.Rpc.Spend;

/// <summary>send and sendall (Core's wallet/rpc/spend.cpp).</summary>
internal static class SendAllRpc
{
    private const int TrucMaxWeight = 10_000 * 4;

    private static List<RpcResult> SendResult() =>
    [
        Value(RpcResultType.Obj, "", [
            Field(RpcResultType.Bool, "complete", "whether every input is signed"),
            OptionalField(RpcResultType.StrHex, "txid", "the id of the one transaction made"),
            OptionalField(RpcResultType.StrHex, "hex", "with add_to_wallet false, the signed transaction in hex"),
            OptionalField(RpcResultType.Str, "psbt", "when signatures are missing or add_to_wallet is false, the (partially) signed transaction in base64"),
        ]),
    ];

    public static RpcMethod Send() => new(
        "send",
        "Sends a transaction.",
        [
            Required("outputs", RpcArgType.Arr,
                "The outputs as key-value pairs; a key may appear only once (one 'data' output, no address twice) and at least one\n" +
                "output is needed. An object holding the pairs directly is accepted too.",
                FundingArgs.Outputs(), new RpcArgOptions { SkipTypeCheck = true }),
            WithHint("conf_target", RpcArgType.Num, "wallet -txconfirmtarget", "Confirmation target in blocks"),
            WithDefault("estimate_mode", RpcArgType.Str, "unset", SendRpc.EstimateModeHelp),
            WithHint("fee_rate", RpcArgType.Amount, "not set, fall back to wallet fee estimation", "The fee rate in sat/vB."),
            Optional("options", RpcArgType.ObjNamedParams, "",
            [
                WithHint("add_inputs", RpcArgType.Bool, "false when \"inputs\" are specified, true otherwise", "Add wallet coins to cover the amount.\n"),
                WithDefault("include_unsafe", RpcArgType.Bool, false,
                    "Also use unsafe inputs (unconfirmed from others, or from replacements); the transaction may become invalid\n" +
                    "if one disappears, and must then be funded again."),
                WithDefault("minconf", RpcArgType.Num, 0, "With add_inputs, the fewest confirmations an input may have."),
                Optional("maxconf", RpcArgType.Num, "With add_inputs, the most confirmations an input may have."),
                WithDefault("add_to_wallet", RpcArgType.Bool, true, "When false, return the transaction without adding it to the wallet or broadcasting it"),
                WithHint("change_address", RpcArgType.Str, "automatic", "The address for change"),
                WithHint("change_position", RpcArgType.Num, "random", "The index of the change output"),
                WithHint("change_type", RpcArgType.Str, "set by -changetype", "The change output type, without change_address: " + OutputTypes.FormatAll() + "."),
                WithHint("fee_rate", RpcArgType.Amount, "not set, fall back to wallet fee estimation", "The fee rate in sat/vB.", options: new RpcArgOptions { AlsoPositional = true }),
                WithDefault("include_watching", RpcArgType.Bool, "false", "(DEPRECATED) No longer used"),
                WithDefault("inputs", RpcArgType.Arr, new JsonArray(), "Inputs to spend instead of choosing them automatically.",
                    [FundingArgs.InputWithWeight("depends on the value of the 'replaceable' and 'locktime' arguments")]),
                WithHint("locktime", RpcArgType.Num, "locktime close to block height to prevent fee sniping", "The lock time; a non-zero value also makes the inputs' lock time count"),
                WithDefault("lock_unspents", RpcArgType.Bool, false, "Lock the inputs spent"),
                WithHint("psbt", RpcArgType.Bool, "automatic", "Always return a PSBT (implies add_to_wallet=false)."),
                WithDefault("subtract_fee_from_outputs", RpcArgType.Arr, new JsonArray(),
                    "Outputs (indices) that pay the fee in equal parts, receiving less than their amounts. When empty the sender pays.",
                    [Optional("vout_index", RpcArgType.Num, "A zero-based output index, before change is added.")]),
                FundingArgs.MaxTxWeight(),
                .. FundingArgs.FundTx(),
            ], new RpcArgOptions { OneLineDescription = "options" }),
            WithDefault("version", RpcArgType.Num, SpendCoinControl.DefaultWalletTxVersion, "Transaction version"),
        ],
        SendResult(),
        RpcExamples.Cli("send", $"'{{\"{SendRpc.ExampleAddress}\": 0.1}}' 6 economical") +
        RpcExamples.Cli("-named send", $"outputs='{{\"{SendRpc.ExampleAddress}\": 0.3}}' fee_rate=25"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            var options = call.Param(4).IsNull() ? new JsonObject() : call.Param(4).GetObj().DeepClone().AsObject();
            InterpretFeeEstimationInstructions(call.Param(1), call.Param(2), call.Param(3), options);
            PreventOutdatedOptions(options);

            bool rbf = Has(options, "replaceable") ? options["replaceable"].GetBool() : wallet.Options.SignalRbf;
            var outputs = RawTransactionConstruction.NormalizeOutputs(call.Param(0));
            var recipients = CreateRecipients(RawTransactionConstruction.ParseOutputs(outputs, wallet.Network),
                InterpretSubtractFeeFromOutputInstructions(options.Find("subtract_fee_from_outputs"), outputs.Select(o => o.Key).ToList()));
            var coinControl = SpendCoinControls.For(wallet);
            coinControl.Version = call.ArgUInt32("version");
            var rawTx = RawTransactionConstruction.ConstructTransaction(options.Find("inputs"), call.Param(0), options.Find("locktime"), rbf,
                coinControl.Version, wallet.Network);
            // Coins are chosen automatically unless inputs are given (add_inputs can change that).
            coinControl.AllowOtherInputs = rawTx.Inputs.Count == 0;
            if (Has(options, "max_tx_weight")) coinControl.MaxTxWeight = options["max_tx_weight"].GetInt32();
            SetOptionsInputWeights(options.Find("inputs"), options);
            rawTx.Outputs.Clear();
            var funded = FundingOptions.Fund(wallet, rawTx, recipients, options, coinControl, overrideMinFee: false);
            return FinishTransaction(wallet, options, funded.Tx.Clone());
        });

    public static RpcMethod SendAll() => new(
        "sendall",
        "Spends all (or the given) confirmed outputs and unconfirmed change of the wallet to one or more recipients.\n" +
        "Unconfirmed incoming outputs and locked outputs are not spent. The avoid_reuse flag is honoured.\n" +
        "With many small outputs, consider send_max to leave out those worth less than the fee to spend them.\n",
        [
            Required("recipients", RpcArgType.Arr,
                "The destinations, each address at most once. Some may be given with an amount (payments), but at least one\n" +
                "address must have none: those share what is left.\n",
            [
                Required("address", RpcArgType.Str, "An address receiving an equal share of what is left."),
                Optional("", RpcArgType.ObjUserKeys, "", [Required("address", RpcArgType.Amount, "A pair: the key is an address, the value (number or string) the amount in BTC")]),
            ]),
            WithHint("conf_target", RpcArgType.Num, "wallet -txconfirmtarget", "Confirmation target in blocks"),
            WithDefault("estimate_mode", RpcArgType.Str, "unset", SendRpc.EstimateModeHelp),
            WithHint("fee_rate", RpcArgType.Amount, "not set, fall back to wallet fee estimation", "The fee rate in sat/vB."),
            Optional("options", RpcArgType.ObjNamedParams, "",
            [
                WithDefault("add_to_wallet", RpcArgType.Bool, true, "When false, return the transaction without broadcasting or adding it to the wallet"),
                WithHint("fee_rate", RpcArgType.Amount, "not set, fall back to wallet fee estimation", "The fee rate in sat/vB.", options: new RpcArgOptions { AlsoPositional = true }),
                WithDefault("include_watching", RpcArgType.Bool, false, "(DEPRECATED) No longer used"),
                WithDefault("inputs", RpcArgType.Arr, new JsonArray(),
                    "Spend exactly these inputs. Not with send_max, minconf or maxconf.",
                [
                    Optional("", RpcArgType.Obj, "",
                    [
                        Required("txid", RpcArgType.StrHex, "The transaction id"),
                        Required("vout", RpcArgType.Num, "The output index"),
                        WithHint("sequence", RpcArgType.Num, "depends on the value of the 'replaceable' and 'locktime' arguments", "The sequence number"),
                    ]),
                ]),
                WithHint("locktime", RpcArgType.Num, "locktime close to block height to prevent fee sniping", "The lock time; a non-zero value also makes the inputs' lock time count"),
                WithDefault("lock_unspents", RpcArgType.Bool, false, "Lock the inputs spent"),
                WithHint("psbt", RpcArgType.Bool, "automatic", "Always return a PSBT (implies add_to_wallet=false)."),
                WithDefault("send_max", RpcArgType.Bool, false,
                    "Spend only outputs worth more than the fee to spend them, for the largest amount; otherwise (default) none is left behind. Not with inputs."),
                WithDefault("minconf", RpcArgType.Num, 0, "The fewest confirmations an input may have."),
                Optional("maxconf", RpcArgType.Num, "The most confirmations an input may have."),
                WithDefault("version", RpcArgType.Num, SpendCoinControl.DefaultWalletTxVersion, "Transaction version"),
                .. FundingArgs.FundTx(),
            ], new RpcArgOptions { OneLineDescription = "options" }),
        ],
        SendResult(),
        RpcExamples.Cli("sendall", $"'[\"{SendRpc.ExampleAddress}\"]' null \"unset\" 1.1") +
        RpcExamples.Cli("-named sendall", $"recipients='[\"{SendRpc.ExampleAddress}\"]' fee_rate=1"),
        call =>
        {
            var wallet = WalletRpcUtil.GetWalletForRequest(call.Request);
            wallet.BlockUntilSyncedToCurrentChain();
            var options = call.Param(4).IsNull() ? new JsonObject() : call.Param(4).GetObj().DeepClone().AsObject();
            InterpretFeeEstimationInstructions(call.Param(1), call.Param(2), call.Param(3), options);
            PreventOutdatedOptions(options);

            var withoutAmount = new HashSet<string>();
            var pairs = new JsonArray();
            foreach (var recipient in call.Param(0).GetArr())
            {
                if (recipient.IsStr())
                {
                    pairs.Add(new JsonObject { [recipient.GetStr()] = 0 });
                    withoutAmount.Add(recipient.GetStr());
                }
                else
                {
                    pairs.Add(recipient.Detached());
                }
            }
            if (withoutAmount.Count == 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Must provide at least one address without a specified amount");

            var coinControl = SpendCoinControls.For(wallet);
            SetFeeEstimateMode(wallet, coinControl, options.Find("conf_target"), options.Find("estimate_mode"), options.Find("fee_rate"), overrideMinFee: false);
            if (Has(options, "minconf"))
            {
                int minconf = options["minconf"].GetInt32();
                if (minconf < 0) throw new RpcException(RpcErrorCode.InvalidParameter, $"Invalid minconf (minconf cannot be negative): {minconf}");
                coinControl.MinDepth = minconf;
            }
            if (Has(options, "maxconf"))
            {
                coinControl.MaxDepth = options["maxconf"].GetInt32();
                if (coinControl.MaxDepth < coinControl.MinDepth)
                    throw new RpcException(RpcErrorCode.InvalidParameter, $"maxconf can't be lower than minconf: {coinControl.MaxDepth} < {coinControl.MinDepth}");
            }
            if (Has(options, "version")) coinControl.Version = options["version"].GetUInt32();
            coinControl.MaxTxWeight = coinControl.Version == CoinSelector.TrucVersion ? TrucMaxWeight : CoinSelector.MaxStandardTxWeight;
            bool rbf = Has(options, "replaceable") ? options["replaceable"].GetBool() : wallet.Options.SignalRbf;

            var minFee = WalletFees.GetMinimumFeeRate(wallet, coinControl);
            var feeRate = minFee.FeeRate;
            // An explicit fee rate is never raised silently.
            if (coinControl.FeeRate is { } userRate && feeRate > userRate)
            {
                string message = $"Fee rate ({userRate.ToSatPerVbString()}) is lower than the minimum fee rate setting ({feeRate.ToSatPerVbString()}).";
                if (minFee.Reason == FeeReason.Required)
                {
                    message += $"\nConsider modifying -mintxfee ({wallet.Options.MinFee.ToTx().ToSatPerVbString()}) or " +
                               $"-minrelaytxfee ({wallet.RequireChain().RelayMinFee().ToTx().ToSatPerVbString()}).";
                }
                throw new RpcException(RpcErrorCode.InvalidParameter, message);
            }
            if (minFee.Reason == FeeReason.Fallback && !wallet.Options.AllowFallbackFee)
                throw new RpcException(RpcErrorCode.WalletError, "Fee estimation failed. Fallbackfee is disabled. Wait a few blocks or enable -fallbackfee.");

            var rawTx = RawTransactionConstruction.ConstructTransaction(options.Find("inputs"), pairs, options.Find("locktime"), rbf, coinControl.Version,
                wallet.Network);
            lock (wallet.SyncRoot)
            {
                long totalInputValue = 0;
                bool sendMax = Has(options, "send_max") && options["send_max"].GetBool();
                if (Has(options, "inputs") && Has(options, "send_max"))
                    throw new RpcException(RpcErrorCode.InvalidParameter, "Cannot combine send_max with specific inputs.");
                if (Has(options, "inputs") && (Has(options, "minconf") || Has(options, "maxconf")))
                    throw new RpcException(RpcErrorCode.InvalidParameter, "Cannot combine minconf or maxconf with specific inputs.");
                if (Has(options, "inputs"))
                {
                    foreach (var input in rawTx.Inputs)
                    {
                        var prev = input.PrevOut;
                        if (wallet.IsSpent(prev))
                            throw new RpcException(RpcErrorCode.InvalidParameter, $"Input not available. UTXO ({prev.Hash}:{prev.N}) was already spent.");
                        var parent = wallet.GetWalletTx(prev.Hash);
                        if (parent is null || prev.N >= parent.Tx.Outputs.Count || !wallet.IsMine(parent.Tx.Outputs[(int)prev.N]))
                            throw new RpcException(RpcErrorCode.InvalidParameter, $"Input not found. UTXO ({prev.Hash}:{prev.N}) is not part of wallet.");
                        if (wallet.GetTxDepthInMainChain(parent) == 0)
                        {
                            if (parent.Tx.Version == CoinSelector.TrucVersion && coinControl.Version != CoinSelector.TrucVersion)
                                throw new RpcException(RpcErrorCode.InvalidParameter, $"Can't spend unconfirmed version 3 pre-selected input with a version {coinControl.Version} tx");
                            if (coinControl.Version == CoinSelector.TrucVersion && parent.Tx.Version != CoinSelector.TrucVersion)
                                throw new RpcException(RpcErrorCode.InvalidParameter, $"Can't spend unconfirmed version {parent.Tx.Version} pre-selected input with a version 3 tx");
                        }
                        totalInputValue += parent.Tx.Outputs[(int)prev.N].Value.Satoshi;
                    }
                }
                else
                {
                    foreach (var output in SpendableCoins.AvailableCoins(wallet, coinControl, feeRate, new CoinFilter { MinAmount = 0 }).All())
                    {
                        if (sendMax && feeRate.GetFee(output.InputBytes) > output.Value) continue;
                        // Spending an unconfirmed TRUC transaction: the child weight limit applies.
                        if (output.Depth == 0 && coinControl.Version == CoinSelector.TrucVersion) coinControl.MaxTxWeight = CoinSelector.TrucChildMaxWeight;
                        rawTx.Inputs.Add(new TxIn(output.OutPoint) { Sequence = new Sequence(rbf ? Sequences.MaxBip125Rbf : Sequences.MaxNonFinal) });
                        totalInputValue += output.Value;
                    }
                }

                var outpointsSpent = rawTx.Inputs.Select(i => i.PrevOut).ToList();
                var size = InputSizes.MaximumSignedTxSize(rawTx, wallet, null);
                if (size.VirtualSize == -1)
                    throw new RpcException(RpcErrorCode.WalletError, "Unable to determine the size of the transaction, the wallet contains unsolvable descriptors");
                long feeFromSize = feeRate.GetFee(size.VirtualSize);
                long? totalBumpFees = wallet.RequireChain().CalculateCombinedBumpFee(outpointsSpent, feeRate.ToNBitcoin())?.Satoshi;
                long effectiveValue = totalInputValue - feeFromSize - (totalBumpFees ?? 0);

                if (feeFromSize > wallet.Options.DefaultMaxTxFee)
                    throw new RpcException(RpcErrorCode.WalletError, "Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)");
                if (effectiveValue <= 0)
                {
                    throw new RpcException(RpcErrorCode.WalletInsufficientFunds, sendMax
                        ? "Total value of UTXO pool too low to pay for transaction, try using lower feerate."
                        : "Total value of UTXO pool too low to pay for transaction. Try using lower feerate or excluding uneconomic UTXOs with 'send_max' option.");
                }
                // Too large to be relayed (e.g. a wallet with very many outputs).
                if (size.Weight > coinControl.MaxTxWeight) throw new RpcException(RpcErrorCode.WalletError, "Transaction too large.");

                long claimed = rawTx.Outputs.Sum(o => o.Value.Satoshi);
                if (claimed > totalInputValue) throw new RpcException(RpcErrorCode.WalletInsufficientFunds, "Assigned more value to outputs than available funds.");
                long remainder = effectiveValue - claimed;
                if (remainder < 0) throw new RpcException(RpcErrorCode.WalletInsufficientFunds, "Insufficient funds for fees after creating specified outputs.");

                long perOutput = remainder / withoutAmount.Count;
                bool gaveRemainder = false;
                var dustRelayFee = wallet.RequireChain().RelayDustFee().ToTx();
                foreach (var output in rawTx.Outputs)
                {
                    ScriptSolver.TryExtractDestination(output.ScriptPubKey, out var dest);
                    string address = AddressEncoding.EncodeDestination(dest, wallet.Network);
                    if (withoutAmount.Contains(address))
                    {
                        output.Value = Money.Satoshis(perOutput);
                        if (!gaveRemainder)
                        {
                            output.Value += Money.Satoshis(remainder % withoutAmount.Count);
                            gaveRemainder = true;
                        }
                        if (Dust.IsDust(output, dustRelayFee))
                            throw new RpcException(RpcErrorCode.WalletInsufficientFunds, "Dynamically assigned remainder results in dust output.");
                    }
                    else if (Dust.IsDust(output, dustRelayFee))
                    {
                        throw new RpcException(RpcErrorCode.InvalidParameter, $"Specified output amount to {address} is below dust threshold.");
                    }
                }

                bool lockUnspents = Has(options, "lock_unspents") && options["lock_unspents"].GetBool();
                if (lockUnspents)
                {
                    foreach (var input in rawTx.Inputs) wallet.LockCoin(input.PrevOut, persist: false);
                }
                return FinishTransaction(wallet, options, rawTx);
            }
        });
}
