using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;

namespace Apps.bitcoin_cli;

/// <summary>-addrinfo: getaddrmaninfo reduced to the number of known addresses per network and in total.</summary>
internal sealed class AddrInfoRequestHandler : IRequestHandler
{
    public JsonNode PrepareRequest(string method, IReadOnlyList<string> args)
    {
        if (args.Count > 0) throw new InvalidOperationException("-addrinfo takes no arguments");
        return JsonRpc.Request("getaddrmaninfo", null, 1);
    }

    public JsonObject ProcessReply(JsonNode reply)
    {
        var obj = reply.GetObj();
        if (!obj.Find("error").IsNull())
        {
            if (obj.Find("error").Find("code").GetInt32() == (int)RpcErrorCode.MethodNotFound)
                throw new InvalidOperationException("-addrinfo requires bitcoind v26.0 or later which supports getaddrmaninfo RPC. Please upgrade your node or use bitcoin-cli from the same version.");
            return obj;
        }
        var addresses = new JsonObject();
        foreach (var (network, counts) in obj.Find("result").GetObj())
        {
            int total = counts.Find("total").GetInt32();
            addresses[network == "all_networks" ? "total" : network] = total;
        }
        return JsonRpc.Reply(new JsonObject { ["addresses_known"] = addresses }, null, 1, true, JsonRpcVersion.V2);
    }
}
