using System.Text.Json.Nodes;
using Bitcoin.Interfaces;
using Bitcoin.Node.Context;

namespace Apps.bitcoin_node;

/// <summary>
/// Runs JSON-RPC requests that come over IPC through the node's command table exactly as its HTTP server runs a
/// request body (Core's <c>RpcImpl</c> calling <c>ExecuteHTTPRPC</c>), with the node as the commands' context.
/// </summary>
internal sealed class NodeRpcInterface(NodeContext node) : IRpc
{
    /// <inheritdoc/>
    public JsonNode? ExecuteRpc(JsonNode? request, string uri, string user)
    {
        // IPC calls run on their own mapped thread, which waits for the answer as the caller's thread does.
        var reply = node.RpcTable.ExecuteJsonRpcAsync(request, uri, user, node).GetAwaiter().GetResult();
        return reply.Reply;
    }

    /// <summary>Nothing to release: the node outlives its RPC clients.</summary>
    public void Dispose()
    {
    }
}
