using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Logging;

namespace Bitcoin.Common.Rpc.Http;

/// <summary>
/// Turns a parsed HTTP body into the reply and HTTP status as Core's ExecuteHTTPRPC: single requests (legacy errors as
/// HTTP 500/400/404, 2.0 errors inside HTTP 200, 2.0 notifications as 204), batches (always 200, notifications
/// omitted, all-notification batches 204), and the per-user method whitelist (403).
/// </summary>
internal sealed class HttpRpcProcessor
{
    private readonly RpcCommandTable _table;
    private readonly RpcAuthenticator? _auth;

    /// <summary>Processes for <paramref name="table"/>; <paramref name="auth"/> supplies the whitelists (none when null).</summary>
    public HttpRpcProcessor(RpcCommandTable table, RpcAuthenticator? auth)
    {
        _table = table;
        _auth = auth;
    }

    /// <summary>The reply body (null for none) and status for a request body that failed to parse as JSON.</summary>
    public static (int Status, JsonNode? Reply) ParseFailure(RpcRequest request)
        => ErrorReply(JsonRpc.Error(RpcErrorCode.ParseError, "Parse error"), request);

    public async Task<(int Status, JsonNode? Reply)> ProcessAsync(JsonNode? body, RpcRequest request)
    {
        try
        {
            var whitelist = _auth?.WhitelistOf(request.AuthUser);
            if (whitelist is null && _auth is { WhitelistDefault: true })
            {
                Log.Warning($"RPC User {request.AuthUser} not allowed to call any methods");
                return (403, null);
            }
            if (body is JsonObject)
            {
                request.Parse(body);
                if (whitelist is not null && !whitelist.Contains(request.Method))
                {
                    Log.Warning($"RPC User {request.AuthUser} not allowed to call method {request.Method}");
                    return (403, null);
                }
                // Legacy requests report errors through HTTP status codes; 2.0 requests inside the reply.
                bool catchErrors = request.Version == JsonRpcVersion.V2;
                var reply = await _table.ExecuteToReplyAsync(request, catchErrors).ConfigureAwait(false);
                if (request.IsNotification) return (204, null);
                return (200, reply);
            }
            if (body is JsonArray batch)
            {
                if (whitelist is not null)
                {
                    foreach (var item in batch)
                    {
                        if (item is not JsonObject itemObj) throw new RpcException(RpcErrorCode.InvalidRequest, "Invalid Request object");
                        string method = itemObj.Find("method").GetStr();
                        if (!whitelist.Contains(method))
                        {
                            Log.Warning($"RPC User {request.AuthUser} not allowed to call method {method}");
                            return (403, null);
                        }
                    }
                }

                var replies = new JsonArray();
                foreach (var item in batch)
                {
                    // As in Core, one request object is reused, so an element that is not an object is answered
                    // with the id and version of the element before it.
                    JsonObject response;
                    try
                    {
                        request.Parse(item);
                        response = await _table.ExecuteToReplyAsync(request, catchErrors: true).ConfigureAwait(false);
                    }
                    catch (RpcException e)
                    {
                        response = JsonRpc.Reply(null, e.ToJson(), request.Id, request.HasId, request.Version);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        response = JsonRpc.Reply(null, JsonRpc.Error(RpcErrorCode.ParseError, e.Message), request.Id, request.HasId, request.Version);
                    }
                    if (!request.IsNotification) replies.Add(response);
                }
                // An all-notification batch gets no content; an empty batch still gets "[]" for old clients.
                if (replies.Count == 0 && batch.Count > 0) return (204, null);
                return (200, replies);
            }
            throw new RpcException(RpcErrorCode.ParseError, "Top-level object parse error");
        }
        catch (RpcException e)
        {
            return ErrorReply(e.ToJson(), request);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ErrorReply(JsonRpc.Error(RpcErrorCode.ParseError, e.Message), request);
        }
    }

    /// <summary>Core's JSONErrorReply: HTTP 400 for -32600, 404 for -32601, 500 otherwise.</summary>
    private static (int Status, JsonNode? Reply) ErrorReply(JsonObject error, RpcRequest request)
    {
        int code = error.Find("code").GetInt32();
        int status = code switch
        {
            (int)RpcErrorCode.InvalidRequest => 400,
            (int)RpcErrorCode.MethodNotFound => 404,
            _ => 500,
        };
        return (status, JsonRpc.Reply(null, error, request.Id, request.HasId, request.Version));
    }
}
