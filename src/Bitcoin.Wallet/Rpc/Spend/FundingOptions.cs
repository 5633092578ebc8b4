using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.CoinSelection;
using Bitcoin.Wallet.Spend;
using NBitcoin;
using static Bitcoin.Wallet.Rpc.Spend.SpendRpcSupport;

namespace Bitcoin.Wallet.Rpc.Spend;

/// <summary>
/// Core's FundTransaction in wallet/rpc/spend.cpp: reads the funding options (fundrawtransaction, send,
/// walletcreatefundedpsbt) into coin control with every check and message of Core, then funds.
/// </summary>
internal static class FundingOptions
{
    private const int TrucMaxWeight = 10_000 * 4;

    private static readonly Dictionary<string, JsonKind?> s_optionTypes = new()
    {
        ["add_inputs"] = JsonKind.Bool,
        ["include_unsafe"] = JsonKind.Bool,
        ["add_to_wallet"] = JsonKind.Bool,
        ["changeAddress"] = JsonKind.String,
        ["change_address"] = JsonKind.String,
        ["changePosition"] = JsonKind.Number,
        ["change_position"] = JsonKind.Number,
        ["change_type"] = JsonKind.String,
        ["includeWatching"] = JsonKind.Bool,
        ["include_watching"] = JsonKind.Bool,
        ["inputs"] = JsonKind.Array,
        ["lockUnspents"] = JsonKind.Bool,
        ["lock_unspents"] = JsonKind.Bool,
        ["locktime"] = JsonKind.Number,
        ["fee_rate"] = null,
        ["feeRate"] = null,
        ["psbt"] = JsonKind.Bool,
        ["solving_data"] = JsonKind.Object,
        ["subtractFeeFromOutputs"] = JsonKind.Array,
        ["subtract_fee_from_outputs"] = JsonKind.Array,
        ["replaceable"] = JsonKind.Bool,
        ["conf_target"] = JsonKind.Number,
        ["estimate_mode"] = JsonKind.String,
        ["minconf"] = JsonKind.Number,
        ["maxconf"] = JsonKind.Number,
        ["input_weights"] = JsonKind.Array,
        ["max_tx_weight"] = JsonKind.Number,
    };

    /// <summary>
    /// Funds <paramref name="tx"/> (inputs only) paying <paramref name="recipients"/> under <paramref name="options"/>;
    /// -4 with Core's message when it cannot be funded.
    /// </summary>
    public static CreatedTransaction Fund(DescriptorWallet wallet, Transaction tx, List<Recipient> recipients, JsonNode? options,
        SpendCoinControl coinControl, bool overrideMinFee)
    {
        RpcInternalBugException.Check(tx.Outputs.Count == 0);
        wallet.BlockUntilSyncedToCurrentChain();
        int? changePosition = null;
        bool lockUnspents = false;
        var network = wallet.Network;
        if (!options.IsNull())
        {
            RpcParse.CheckObject(options, s_optionTypes, allowNull: true, strict: true);
            if (Has(options, "add_inputs")) coinControl.AllowOtherInputs = options!["add_inputs"].GetBool();
            if (Has(options, "changeAddress") || Has(options, "change_address"))
            {
                string text = (Has(options, "change_address") ? options!["change_address"] : options!["changeAddress"]).GetStr();
                var decoded = AddressEncoding.DecodeDestination(text, network);
                if (!decoded.IsValid) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Change address must be a valid bitcoin address");
                coinControl.DestChange = decoded.Destination;
            }
            if (Has(options, "changePosition") || Has(options, "change_position"))
            {
                int pos = (Has(options, "change_position") ? options!["change_position"] : options!["changePosition"]).GetInt32();
                if (pos < 0 || pos > recipients.Count) throw new RpcException(RpcErrorCode.InvalidParameter, "changePosition out of bounds");
                changePosition = pos;
            }
            if (Has(options, "change_type"))
            {
                if (Has(options, "changeAddress") || Has(options, "change_address"))
                    throw new RpcException(RpcErrorCode.InvalidParameter, "Cannot specify both change address and address type options");
                string typeText = options!["change_type"].GetStr();
                coinControl.ChangeType = OutputTypes.Parse(typeText)
                                         ?? throw new RpcException(RpcErrorCode.InvalidAddressOrKey, $"Unknown change type '{typeText}'");
            }
            if (Has(options, "lockUnspents") || Has(options, "lock_unspents"))
                lockUnspents = (Has(options, "lock_unspents") ? options!["lock_unspents"] : options!["lockUnspents"]).GetBool();
            if (Has(options, "include_unsafe")) coinControl.IncludeUnsafeInputs = options!["include_unsafe"].GetBool();
            if (Has(options, "feeRate"))
            {
                if (Has(options, "fee_rate")) throw new RpcException(RpcErrorCode.InvalidParameter, "Cannot specify both fee_rate (sat/vB) and feeRate (BTC/kvB)");
                if (Has(options, "conf_target"))
                {
                    throw new RpcException(RpcErrorCode.InvalidParameter,
                        "Cannot specify both conf_target and feeRate. Please provide either a confirmation target in blocks for automatic fee estimation, or an explicit fee rate.");
                }
                if (Has(options, "estimate_mode")) throw new RpcException(RpcErrorCode.InvalidParameter, "Cannot specify both estimate_mode and feeRate");
                coinControl.FeeRate = TxFeeRate.FromSatoshisPerKvB(Amounts.AmountFromValue(options!["feeRate"]));
                coinControl.OverrideFeeRate = true;
            }
            if (Has(options, "replaceable")) coinControl.SignalRbf = options!["replaceable"].GetBool();
            if (Has(options, "minconf"))
            {
                coinControl.MinDepth = options!["minconf"].GetInt32();
                if (coinControl.MinDepth < 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Negative minconf");
            }
            if (Has(options, "maxconf"))
            {
                coinControl.MaxDepth = options!["maxconf"].GetInt32();
                if (coinControl.MaxDepth < coinControl.MinDepth)
                    throw new RpcException(RpcErrorCode.InvalidParameter, $"maxconf can't be lower than minconf: {coinControl.MaxDepth} < {coinControl.MinDepth}");
            }
            SetFeeEstimateMode(wallet, coinControl, options.Find("conf_target"), options.Find("estimate_mode"), options.Find("fee_rate"), overrideMinFee);
        }

        if (Has(options, "solving_data")) ReadSolvingData(options!["solving_data"].GetObj(), coinControl.ExternalProvider, network);

        if (Has(options, "input_weights"))
        {
            foreach (var input in options!["input_weights"].GetArr())
            {
                var txid = RpcValues.ParseHashO(input, "txid");
                var vout = input.Find("vout");
                if (!vout.IsNum()) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, missing vout key");
                int n = vout.GetInt32();
                if (n < 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, vout cannot be negative");
                var weightValue = input.Find("weight");
                if (!weightValue.IsNum()) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, missing weight key");
                long weight = weightValue.GetInt64();
                // An empty input: 41 bytes at full weight plus an empty witness.
                const long minInputWeight = 165;
                if (weight < minInputWeight)
                {
                    throw new RpcException(RpcErrorCode.InvalidParameter,
                        "Invalid parameter, weight cannot be less than 165 (41 bytes (size of outpoint + sequence + empty scriptSig) * 4 (witness scaling factor)) + 1 (empty witness)");
                }
                if (weight > CoinSelector.MaxStandardTxWeight)
                {
                    throw new RpcException(RpcErrorCode.InvalidParameter,
                        $"Invalid parameter, weight cannot be greater than the maximum standard tx weight of {CoinSelector.MaxStandardTxWeight}");
                }
                coinControl.SetInputWeight(new OutPoint(txid, (uint)n), weight);
            }
        }

        if (Has(options, "max_tx_weight")) coinControl.MaxTxWeight = options!["max_tx_weight"].GetInt32();
        if (tx.Version == CoinSelector.TrucVersion && (coinControl.MaxTxWeight is null || coinControl.MaxTxWeight > TrucMaxWeight))
            coinControl.MaxTxWeight = TrucMaxWeight;

        if (recipients.Count == 0) throw new RpcException(RpcErrorCode.InvalidParameter, "TX must have at least one output");

        var funded = TransactionCreator.FundTransaction(wallet, tx, recipients, changePosition, lockUnspents, coinControl);
        if (!funded.Success) throw new RpcException(RpcErrorCode.WalletError, funded.Error);
        return funded.Value!;
    }

    // The solving_data option: public keys (with their P2WPKH scripts), scripts, and descriptors expanded at index 0.
    private static void ReadSolvingData(JsonObject solving, FlatSigningProvider provider, Network network)
    {
        if (Has(solving, "pubkeys"))
        {
            foreach (var item in solving["pubkeys"].GetArr())
            {
                var pubkey = RpcValues.HexToPubKey(item.GetStr());
                provider.PubKeys[pubkey.Hash] = pubkey;
                var witnessScript = pubkey.WitHash.ScriptPubKey;
                provider.Scripts[witnessScript.Hash] = witnessScript;
            }
        }
        if (Has(solving, "scripts"))
        {
            foreach (var item in solving["scripts"].GetArr())
            {
                string text = item.GetStr();
                if (!RpcParse.IsHex(text)) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, $"'{text}' is not hex");
                var script = Script.FromBytesUnsafe(Convert.FromHexString(text));
                provider.Scripts[script.Hash] = script;
            }
        }
        if (Has(solving, "descriptors"))
        {
            foreach (var item in solving["descriptors"].GetArr())
            {
                string text = item.GetStr();
                var found = new FlatSigningProvider();
                if (!Descriptor.TryParse(text, network, found, out var descriptors, out var error, requireChecksum: true))
                    throw new RpcException(RpcErrorCode.InvalidParameter, $"Unable to parse descriptor '{text}': {error}");
                foreach (var descriptor in descriptors) descriptor.Expand(0, found, out _, found);
                provider.Merge(found);
            }
        }
    }
}
