using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Rpc.Client;

namespace Apps.bitcoin_cli;

/// <summary>One command with its arguments converted by the client table (positional, or named with -named).</summary>
internal sealed class DefaultRequestHandler(bool named, string id) : IRequestHandler
{
    public JsonNode PrepareRequest(string method, IReadOnlyList<string> args)
    {
        JsonNode parameters = named ? RpcClientConversion.ConvertNamedValues(method, args) : RpcClientConversion.ConvertValues(method, args);
        return JsonRpc.Request(method, parameters, id);
    }

    public JsonObject ProcessReply(JsonNode reply) => reply.GetObj();
}
