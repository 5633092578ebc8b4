using Bitcoin.Common.Rpc;
using Bitcoin.Wallet.CoinSelection;
using static Bitcoin.Wallet.Rpc.Internal.RpcDoc;

namespace Bitcoin.Wallet.Rpc.Spend;

/// <summary>Argument descriptions shared by the funding commands (Core's FundTxDoc and OutputsDoc).</summary>
internal static class FundingArgs
{
    /// <summary>Core's FundTxDoc: conf_target, estimate_mode, replaceable and (optionally) solving_data.</summary>
    public static List<RpcArg> FundTx(bool solvingData = true)
    {
        var args = new List<RpcArg>
        {
            WithHint("conf_target", RpcArgType.Num, "wallet -txconfirmtarget", "Confirmation target in blocks", options: new RpcArgOptions { AlsoPositional = true }),
            WithDefault("estimate_mode", RpcArgType.Str, "unset", SendRpc.EstimateModeHelp, options: new RpcArgOptions { AlsoPositional = true }),
            WithHint("replaceable", RpcArgType.Bool, "wallet default", "Mark the transaction BIP125-replaceable, so a version with a higher fee may replace it"),
        };
        if (solvingData)
        {
            args.Add(Optional("solving_data", RpcArgType.Obj, "Keys and scripts that solve inputs the wallet does not know, to size them for fees.",
            [
                WithDefault("pubkeys", RpcArgType.Arr, new System.Text.Json.Nodes.JsonArray(), "Public keys involved in the transaction.",
                    [Optional("pubkey", RpcArgType.StrHex, "A public key")]),
                WithDefault("scripts", RpcArgType.Arr, new System.Text.Json.Nodes.JsonArray(), "Scripts involved in the transaction.",
                    [Optional("script", RpcArgType.StrHex, "A script")]),
                WithDefault("descriptors", RpcArgType.Arr, new System.Text.Json.Nodes.JsonArray(), "Descriptors that solve inputs of the transaction.",
                    [Optional("descriptor", RpcArgType.Str, "A descriptor")]),
            ]));
        }
        return args;
    }

    /// <summary>Core's OutputsDoc: address/amount pairs and a data output.</summary>
    public static List<RpcArg> Outputs() =>
    [
        Optional("", RpcArgType.ObjUserKeys, "", [Required("address", RpcArgType.Amount, "A pair: the key is an address, the value (number or string) the amount in BTC")]),
        Optional("", RpcArgType.Obj, "", [Required("data", RpcArgType.StrHex, "A pair: the key is \"data\", the value hex bytes put in an OP_RETURN output")]),
    ];

    /// <summary>The input object of send/walletcreatefundedpsbt (with a weight).</summary>
    public static RpcArg InputWithWeight(string sequenceHint) => Optional("", RpcArgType.Obj, "",
    [
        Required("txid", RpcArgType.StrHex, "The transaction id"),
        Required("vout", RpcArgType.Num, "The output index"),
        WithHint("sequence", RpcArgType.Num, sequenceHint, "The sequence number"),
        WithHint("weight", RpcArgType.Num, "Calculated from wallet and solving data",
            "The largest weight of the input once signed, outpoint and sequence included. Signature sizes vary, so count " +
            "ECDSA signatures at their largest DER size of 73 bytes, and convert sizes to weight units where needed."),
    ]);

    /// <summary>The max_tx_weight option.</summary>
    public static RpcArg MaxTxWeight() => WithDefault("max_tx_weight", RpcArgType.Num, CoinSelector.MaxStandardTxWeight,
        "The largest transaction weight acceptable; building fails if it cannot be met.");
}
