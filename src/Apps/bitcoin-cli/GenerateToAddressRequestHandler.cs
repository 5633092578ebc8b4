using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Rpc.Client;

namespace Apps.bitcoin_cli;

/// <summary>-generate: generatetoaddress to an address obtained before, answered as {"address": ..., "blocks": [...]}.</summary>
internal sealed class GenerateToAddressRequestHandler : IRequestHandler
{
    private string _address = "";

    public JsonNode PrepareRequest(string method, IReadOnlyList<string> args)
    {
        _address = args[1];
        return JsonRpc.Request("generatetoaddress", RpcClientConversion.ConvertValues("generatetoaddress", args), 1);
    }

    public JsonObject ProcessReply(JsonNode reply)
    {
        var result = new JsonObject
        {
            ["address"] = _address,
            ["blocks"] = reply.GetObj().Find("result").Detached(),
        };
        return JsonRpc.Reply(result, null, 1, true, JsonRpcVersion.V2);
    }
}
