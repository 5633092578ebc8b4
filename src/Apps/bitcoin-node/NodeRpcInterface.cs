using System.Text.Json.Nodes;
using Bitcoin.Interfaces;
using Bitcoin.Node.Context;

namespace Apps.bitcoin_node;

/// <summary>
/// Runs JSON-RPC requests that come over IPC exactly as the node's HTTP server runs a request body (Core's
/// <c>RpcImpl</c> calling <c>ExecuteHTTPRPC</c>): through the server when it runs, so <c>-rpcwhitelist</c> applies to
/// the user the client names; with <c>-server=0</c> straight through the command table (there are no whitelists then).
/// </summary>
internal sealed class NodeRpcInterface(NodeContext node) : IRpc
{
    /// <inheritdoc/>
    public JsonNode? ExecuteRpc(JsonNode? request, string uri, string user)
    {
        // IPC calls run on their own mapped thread, which waits for the answer as the caller's thread does.
        var reply = node.RpcServer is { } server
            ? server.ExecuteJsonRpcAsync(request, uri, user).GetAwaiter().GetResult()
            : node.RpcTable.ExecuteJsonRpcAsync(request, uri, user, node).GetAwaiter().GetResult();
        return reply.Reply;
    }

    /// <summary>Nothing to release: the node outlives its RPC clients.</summary>
    public void Dispose()
    {
    }
}
