using System.Text.Json.Nodes;
using Bitcoin.Common.Json;

namespace Bitcoin.Common.Rpc;

/// <summary>Builders for JSON-RPC request, reply and error objects, member for member as Core's rpc/request.cpp makes them.</summary>
public static class JsonRpc
{
    /// <summary>The error object <c>{"code":code,"message":message}</c> (Core's JSONRPCError).</summary>
    public static JsonObject Error(int code, string message) => new() { ["code"] = code, ["message"] = message };

    /// <summary>The error object for a code of <see cref="RpcErrorCode"/>.</summary>
    public static JsonObject Error(RpcErrorCode code, string message) => Error((int)code, message);

    /// <summary>
    /// A reply object (Core's JSONRPCReplyObj). Version 2 replies start with <c>"jsonrpc":"2.0"</c> and carry only one of
    /// result and error; legacy replies carry both, the unused one null. <c>id</c> is written only when
    /// <paramref name="hasId"/> (a legacy request without an id gets a reply without one).
    /// </summary>
    public static JsonObject Reply(JsonNode? result, JsonObject? error, JsonNode? id, bool hasId, JsonRpcVersion version)
    {
        var reply = new JsonObject();
        if (version == JsonRpcVersion.V2) reply["jsonrpc"] = "2.0";
        if (error is null)
        {
            reply["result"] = result.Detached();
            if (version == JsonRpcVersion.V1Legacy) reply["error"] = null;
        }
        else
        {
            if (version == JsonRpcVersion.V1Legacy) reply["result"] = null;
            reply["error"] = error.Detached();
        }
        if (hasId) reply["id"] = id.Detached();
        return reply;
    }

    /// <summary>A version 2 request object <c>{"method":..,"params":..,"id":..,"jsonrpc":"2.0"}</c> (Core's JSONRPCRequestObj).</summary>
    public static JsonObject Request(string method, JsonNode? parameters, JsonNode? id) => new()
    {
        ["method"] = method,
        ["params"] = parameters.Detached(),
        ["id"] = id.Detached(),
        ["jsonrpc"] = "2.0",
    };
}
