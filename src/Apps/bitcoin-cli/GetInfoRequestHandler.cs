using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;

namespace Apps.bitcoin_cli;

/// <summary>-getinfo: a batch of getnetworkinfo, getblockchaininfo, getwalletinfo and getbalances merged into one summary.</summary>
internal sealed class GetInfoRequestHandler : IRequestHandler
{
    private const int NetworkInfo = 0, BlockchainInfo = 1, WalletInfo = 2, Balances = 3;

    public JsonNode PrepareRequest(string method, IReadOnlyList<string> args)
    {
        if (args.Count > 0) throw new InvalidOperationException("-getinfo takes no arguments");
        return new JsonArray(
            JsonRpc.Request("getnetworkinfo", null, NetworkInfo),
            JsonRpc.Request("getblockchaininfo", null, BlockchainInfo),
            JsonRpc.Request("getwalletinfo", null, WalletInfo),
            JsonRpc.Request("getbalances", null, Balances));
    }

    public JsonObject ProcessReply(JsonNode reply)
    {
        var batch = BatchReply.ByIds(reply, 4);
        // Node information is required; wallet information may be missing when no wallet is loaded.
        if (!batch[NetworkInfo].Find("error").IsNull()) return batch[NetworkInfo];
        if (!batch[BlockchainInfo].Find("error").IsNull()) return batch[BlockchainInfo];
        var network = batch[NetworkInfo].Find("result");
        var chain = batch[BlockchainInfo].Find("result");
        var wallet = batch[WalletInfo].Find("result");
        var balances = batch[Balances].Find("result");

        var result = new JsonObject
        {
            ["version"] = network.Find("version").Detached(),
            ["blocks"] = chain.Find("blocks").Detached(),
            ["headers"] = chain.Find("headers").Detached(),
            ["verificationprogress"] = chain.Find("verificationprogress").Detached(),
            ["timeoffset"] = network.Find("timeoffset").Detached(),
            ["connections"] = new JsonObject
            {
                ["in"] = network.Find("connections_in").Detached(),
                ["out"] = network.Find("connections_out").Detached(),
                ["total"] = network.Find("connections").Detached(),
            },
            ["networks"] = network.Find("networks").Detached(),
            ["difficulty"] = chain.Find("difficulty").Detached(),
            ["chain"] = chain.Find("chain").Detached(),
        };
        if (!wallet.IsNull())
        {
            result["has_wallet"] = true;
            result["keypoolsize"] = wallet.Find("keypoolsize").Detached();
            result["walletname"] = wallet.Find("walletname").Detached();
            if (!wallet.Find("unlocked_until").IsNull()) result["unlocked_until"] = wallet.Find("unlocked_until").Detached();
        }
        if (!balances.IsNull()) result["balance"] = balances.Find("mine").Find("trusted").Detached();
        result["relayfee"] = network.Find("relayfee").Detached();
        result["warnings"] = network.Find("warnings").Detached();
        return JsonRpc.Reply(result, null, 1, true, JsonRpcVersion.V2);
    }
}
