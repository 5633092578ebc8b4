namespace Bitcoin.Common.Rpc;

/// <summary>Which JSON-RPC dialect a request used, as Core's JSONRPCVersion.</summary>
public enum JsonRpcVersion
{
    /// <summary>No "jsonrpc" member, or "1.0": replies carry both result and error, and errors use HTTP status codes.</summary>
    V1Legacy,
    /// <summary>"jsonrpc": "2.0": HTTP 200 with either result or error, notifications get no reply.</summary>
    V2,
}
