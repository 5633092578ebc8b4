using System.Text.Json.Nodes;

namespace Bitcoin.Common.Rpc;

/// <summary>
/// The body of an RPC method: reads its arguments from <paramref name="call"/> and returns the result (null for JSON
/// null). Errors are reported by throwing <see cref="RpcException"/>.
/// </summary>
public delegate ValueTask<JsonNode?> RpcHandler(RpcCall call);
