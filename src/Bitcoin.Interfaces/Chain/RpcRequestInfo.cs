using System.Text.Json.Nodes;
using Bitcoin.Common.Rpc;

namespace Bitcoin.Interfaces;

/// <summary>
/// One call forwarded to an <see cref="IRpcActorCallback"/> (Core's <c>JSONRPCRequest</c>, the IPC
/// <c>JSONRPCRequest</c>). JSON members are JSON values; across processes they travel as JSON text.
/// </summary>
public sealed record RpcRequestInfo
{
    /// <summary>The request id (JSON), or null.</summary>
    public JsonNode? Id { get; init; }

    /// <summary>The method name.</summary>
    public required string Method { get; init; }

    /// <summary>The parameters, always positional by the time an actor sees them (named ones are placed by the node).</summary>
    public required JsonArray Params { get; init; }

    /// <summary>Execute, or collect help or the argument map.</summary>
    public RpcRequestMode Mode { get; init; }

    /// <summary>The HTTP path, e.g. "/wallet/w1" (percent-encoded as received).</summary>
    public string Uri { get; init; } = "";

    /// <summary>The authenticated user.</summary>
    public string AuthUser { get; init; } = "";

    /// <summary>The caller's address, for logs.</summary>
    public string PeerAddress { get; init; } = "";

    /// <summary>The JSON-RPC dialect of the request.</summary>
    public JsonRpcVersion Version { get; init; }
}
