namespace Functional.Tests.Infrastructure;

/// <summary>A JSON-RPC error returned by the node: its code and message.</summary>
internal sealed class RpcError : Exception
{
    public RpcError(int code, string message) : base($"RPC error {code}: {message}")
    {
        Code = code;
        RpcMessage = message;
    }

    /// <summary>The JSON-RPC error code (e.g. -28 in warm-up, -32601 method not found).</summary>
    public int Code { get; }

    /// <summary>The error message as the node sent it.</summary>
    public string RpcMessage { get; }
}
