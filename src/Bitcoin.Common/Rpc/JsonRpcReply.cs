using System.Text.Json.Nodes;

namespace Bitcoin.Common.Rpc;

/// <summary>The answer to a JSON-RPC body: the HTTP status the server uses and the reply (null when there is none, as for 204 and 403).</summary>
public readonly record struct JsonRpcReply(int HttpStatus, JsonNode? Reply);
