using System.Text.Json.Nodes;

namespace Bitcoin.Common.Rpc;

/// <summary>
/// An RPC error with Core's code and message, as Core's <c>throw JSONRPCError(code, message)</c>. Thrown from a handler
/// it becomes the reply's <c>error</c> object; any other exception becomes -1 (RPC_MISC_ERROR) with its message, and a
/// <see cref="Json.JsonTypeException"/> becomes -3 (RPC_TYPE_ERROR).
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates the error <paramref name="code"/> with <paramref name="message"/>.</summary>
    public RpcException(RpcErrorCode code, string message) : base(message) => Code = (int)code;

    /// <summary>Creates an error with a numeric code (for codes outside <see cref="RpcErrorCode"/>).</summary>
    public RpcException(int code, string message) : base(message) => Code = code;

    /// <summary>The JSON-RPC error code.</summary>
    public int Code { get; }

    /// <summary>The error object <c>{"code": ..., "message": ...}</c> (Core's JSONRPCError).</summary>
    public JsonObject ToJson() => JsonRpc.Error(Code, Message);
}
