using System.Text.Json.Nodes;

namespace Bitcoin.Interfaces;

/// <summary>
/// Runs JSON-RPC requests in the node as its HTTP server would, for clients that come over IPC instead of HTTP
/// (Core's <c>interfaces::Rpc</c>, used by <c>bitcoin-cli -ipcconnect</c>).
/// </summary>
public interface IRpc : IDisposable
{
    /// <summary>
    /// Executes <paramref name="request"/> — one request object or a batch array, exactly as an HTTP body — as if it
    /// had been posted to <paramref name="uri"/> (<c>/</c>, or <c>/wallet/&lt;name&gt;</c>) by the authenticated user
    /// <paramref name="user"/>, and returns the reply the HTTP server would have sent: a reply object (errors of legacy
    /// requests included, as in the body of an HTTP error status), an array for a batch, or null where HTTP answers
    /// with no body (a JSON-RPC 2.0 notification, a user whose whitelist forbids the call). A <paramref name="request"/>
    /// that is null or neither object nor array gets the "Top-level object parse error" reply.
    /// </summary>
    JsonNode? ExecuteRpc(JsonNode? request, string uri, string user);
}
