using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Psbt;
using Bitcoin.Common.Rpc;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.CoinSelection;
using Bitcoin.Wallet.Psbt;
using Bitcoin.Wallet.Spend;
using NBitcoin;
using PsbtFillOptions = Bitcoin.Common.Psbt.PsbtFillOptions;

namespace Bitcoin.Wallet.Rpc.Spend;

/// <summary>What the spending commands share (Core's helpers at the top of wallet/rpc/spend.cpp).</summary>
internal static class SpendRpcSupport
{
    /// <summary>Core's CreateRecipients: recipients in order, fees taken from those at <paramref name="subtractFeeOutputs"/>.</summary>
    public static List<Recipient> CreateRecipients(IReadOnlyList<(TxDestination Destination, long Amount)> outputs, ISet<int> subtractFeeOutputs) =>
        outputs.Select((o, i) => new Recipient(o.Destination, Money.Satoshis(o.Amount), subtractFeeOutputs.Contains(i))).ToList();

    /// <summary>Whether an options object has a key (UniValue::exists: an explicit null counts).</summary>
    public static bool Has(JsonNode? options, string key) => options is JsonObject o && o.ContainsKey(key);

    /// <summary>
    /// Core's InterpretFeeEstimationInstructions: moves conf_target, estimate_mode and fee_rate given as arguments into
    /// <paramref name="options"/>, refusing them in both places.
    /// </summary>
    public static void InterpretFeeEstimationInstructions(JsonNode? confTarget, JsonNode? estimateMode, JsonNode? feeRate, JsonObject options)
    {
        if (Has(options, "conf_target") || Has(options, "estimate_mode"))
        {
            if (!confTarget.IsNull() || !estimateMode.IsNull())
                throw new RpcException(RpcErrorCode.InvalidParameter, "Pass conf_target and estimate_mode either as arguments or in the options object, but not both");
        }
        else
        {
            options["conf_target"] = confTarget.Detached();
            options["estimate_mode"] = estimateMode.Detached();
        }
        if (Has(options, "fee_rate"))
        {
            if (!feeRate.IsNull())
                throw new RpcException(RpcErrorCode.InvalidParameter, "Pass the fee_rate either as an argument, or in the options object, but not both");
        }
        else
        {
            options["fee_rate"] = feeRate.Detached();
        }
        if (!options["conf_target"].IsNull() && (options["estimate_mode"].IsNull() || options["estimate_mode"].GetStr() == "unset"))
            throw new RpcException(RpcErrorCode.InvalidParameter, "Specify estimate_mode");
    }

    /// <summary>
    /// Core's InterpretSubtractFeeFromOutputInstructions: positions (numbers) or destinations (strings found in
    /// <paramref name="destinations"/>) of the outputs that pay the fee, with Core's -8 errors.
    /// </summary>
    public static SortedSet<int> InterpretSubtractFeeFromOutputInstructions(JsonNode? instructions, IReadOnlyList<string> destinations)
    {
        var set = new SortedSet<int>();
        if (instructions.IsNull()) return set;
        foreach (var item in instructions.GetArr())
        {
            int pos;
            if (item.IsStr())
            {
                pos = -1;
                for (int i = 0; i < destinations.Count; i++)
                {
                    if (destinations[i] == item.GetStr())
                    {
                        pos = i;
                        break;
                    }
                }
                if (pos < 0)
                    throw new RpcException(RpcErrorCode.InvalidParameter, $"Invalid parameter 'subtract fee from output', destination {item.GetStr()} not found in tx outputs");
            }
            else if (item.IsNum())
            {
                pos = item.GetInt32();
            }
            else
            {
                throw new RpcException(RpcErrorCode.InvalidParameter, $"Invalid parameter 'subtract fee from output', invalid value type: {item.GetKind().TypeName()}");
            }
            if (set.Contains(pos)) throw new RpcException(RpcErrorCode.InvalidParameter, $"Invalid parameter 'subtract fee from output', duplicated position: {pos}");
            if (pos < 0) throw new RpcException(RpcErrorCode.InvalidParameter, $"Invalid parameter 'subtract fee from output', negative position: {pos}");
            if (pos >= destinations.Count) throw new RpcException(RpcErrorCode.InvalidParameter, $"Invalid parameter 'subtract fee from output', position too large: {pos}");
            set.Add(pos);
        }
        return set;
    }

    /// <summary>
    /// Core's SetFeeEstimateMode: an explicit fee_rate (sat/vB, at most 3 decimals; defaults RBF on) excludes
    /// conf_target and estimate_mode; otherwise the mode and the target are checked.
    /// </summary>
    public static void SetFeeEstimateMode(DescriptorWallet wallet, SpendCoinControl coinControl, JsonNode? confTarget, JsonNode? estimateMode,
        JsonNode? feeRate, bool overrideMinFee)
    {
        if (!feeRate.IsNull())
        {
            if (!confTarget.IsNull())
            {
                throw new RpcException(RpcErrorCode.InvalidParameter,
                    "Cannot specify both conf_target and fee_rate. Please provide either a confirmation target in blocks for automatic fee estimation, or an explicit fee rate.");
            }
            if (!estimateMode.IsNull() && estimateMode.GetStr() != "unset")
                throw new RpcException(RpcErrorCode.InvalidParameter, "Cannot specify both estimate_mode and fee_rate");
            // Rates in sat/vB carry at most three decimals.
            coinControl.FeeRate = TxFeeRate.FromSatoshisPerKvB(Amounts.AmountFromValue(feeRate, 3));
            if (overrideMinFee) coinControl.OverrideFeeRate = true;
            coinControl.SignalRbf ??= true;
            return;
        }
        if (!estimateMode.IsNull())
        {
            if (!FeeModes.TryParse(estimateMode.GetStr(), out var mode)) throw new RpcException(RpcErrorCode.InvalidParameter, FeeModes.InvalidModeMessage);
            coinControl.FeeMode = mode;
        }
        if (!confTarget.IsNull())
            coinControl.ConfirmTarget = RpcParse.ConfirmTarget(confTarget, wallet.RequireChain().MaximumFeeEstimationTargetBlocks());
    }

    /// <summary>Core's PreventOutdatedOptions: -8 for the camelCase names of send and sendall.</summary>
    public static void PreventOutdatedOptions(JsonNode? options)
    {
        if (Has(options, "feeRate")) throw new RpcException(RpcErrorCode.InvalidParameter, "Use fee_rate (sat/vB) instead of feeRate");
        if (Has(options, "changeAddress")) throw new RpcException(RpcErrorCode.InvalidParameter, "Use change_address instead of changeAddress");
        if (Has(options, "changePosition")) throw new RpcException(RpcErrorCode.InvalidParameter, "Use change_position instead of changePosition");
        if (Has(options, "lockUnspents")) throw new RpcException(RpcErrorCode.InvalidParameter, "Use lock_unspents instead of lockUnspents");
        if (Has(options, "subtractFeeFromOutputs"))
            throw new RpcException(RpcErrorCode.InvalidParameter, "Use subtract_fee_from_outputs instead of subtractFeeFromOutputs");
    }

    /// <summary>
    /// Core's SendMoney (sendtoaddress, sendmany): creates, signs, commits and broadcasts; -6 with Core's message when
    /// the transaction cannot be made.
    /// </summary>
    public static JsonNode SendMoney(DescriptorWallet wallet, SpendCoinControl coinControl, List<Recipient> recipients, string? comment, string? commentTo,
        bool verbose)
    {
        WalletRpcUtil.EnsureWalletIsUnlocked(wallet);
        if (wallet.IsWalletFlagSet(WalletFlags.ExternalSigner))
            throw new RpcException(RpcErrorCode.WalletError, "Error: sendtoaddress and sendmany are not supported for wallets with external signers; use send instead");
        if (wallet.IsWalletFlagSet(WalletFlags.DisablePrivateKeys))
            throw new RpcException(RpcErrorCode.WalletError, "Error: Private keys are disabled for this wallet");

        var random = new CoinSelectionRandom();
        random.Shuffle(recipients);
        var created = TransactionCreator.CreateTransaction(wallet, recipients, null, coinControl, sign: true, random);
        if (!created.Success) throw new RpcException(RpcErrorCode.WalletInsufficientFunds, created.Error);
        var tx = created.Value!.Tx;
        wallet.CommitTransaction(tx, null, comment, commentTo, [], []);
        if (verbose)
        {
            return new JsonObject
            {
                ["txid"] = tx.GetHash().ToString(),
                ["fee_reason"] = WalletFees.ReasonText(created.Value.FeeReason),
            };
        }
        return tx.GetHash().ToString();
    }

    /// <summary>
    /// Core's FinishTransaction (send, sendall): anti-fee-sniping when allowed, filled and signed through a PSBT, then
    /// committed, or returned as hex and/or PSBT (add_to_wallet=false, psbt=true, or incomplete).
    /// </summary>
    public static JsonObject FinishTransaction(DescriptorWallet wallet, JsonNode? options, Transaction tx)
    {
        bool canAntiFeeSnipe = !Has(options, "locktime");
        foreach (var input in tx.Inputs)
            canAntiFeeSnipe &= input.Sequence.Value is 0xfffffffe or 0xfffffffd;
        if (canAntiFeeSnipe)
        {
            lock (wallet.SyncRoot)
                TransactionCreator.DiscourageFeeSniping(tx, new CoinSelectionRandom(), wallet.RequireChain(), wallet.LastBlockHash, wallet.LastBlockHeight);
        }

        var psbt = new PartiallySignedTransaction(tx, 2);
        // Fill first without signing, so external signers are asked to sign once.
        WalletPsbt.Fill(wallet, psbt, new PsbtFillOptions { Sign = false, Bip32Derivs = true }, out _, out _);
        var error = WalletPsbt.Fill(wallet, psbt, new PsbtFillOptions { Sign = true, Bip32Derivs = false }, out _, out _);
        if (error is { } e) throw PsbtErrors.ToRpcException(e);

        var final = PsbtOperations.FinalizeAndExtract(psbt);
        bool complete = final is not null;
        var result = new JsonObject();
        bool psbtOptIn = Has(options, "psbt") && options!["psbt"].GetBool();
        bool addToWallet = !Has(options, "add_to_wallet") || options!["add_to_wallet"].GetBool();
        if (psbtOptIn || !complete || !addToWallet) result["psbt"] = PsbtEncoding.ToBase64(psbt);
        if (complete)
        {
            string hex = TransactionDecoding.EncodeHexTx(final!);
            result["txid"] = final!.GetHash().ToString();
            if (addToWallet && !psbtOptIn) wallet.CommitTransaction(final, null, null, null, [], []);
            else result["hex"] = hex;
        }
        result["complete"] = complete;
        return result;
    }

    /// <summary>Core's SetOptionsInputWeights: copies each input's "weight" into options.input_weights.</summary>
    public static void SetOptionsInputWeights(JsonNode? inputs, JsonObject options)
    {
        if (Has(options, "input_weights"))
            throw new RpcException(RpcErrorCode.InvalidParameter, "Input weights should be specified in inputs rather than in options.");
        if (inputs.Size() == 0) return;
        var weights = new JsonArray();
        foreach (var input in inputs.GetArr())
        {
            if (Has(input, "weight")) weights.Add(input.Detached());
        }
        options["input_weights"] = weights;
    }
}
