using System.Text.Json.Nodes;

namespace Bitcoin.Common.Rpc;

/// <summary>The outcome of an <see cref="RpcActor"/>: whether it handled the call, and the result if so.</summary>
public readonly record struct RpcActorResult(bool Handled, JsonNode? Result)
{
    /// <summary>The call was handled with <paramref name="result"/>.</summary>
    public static RpcActorResult Done(JsonNode? result) => new(true, result);

    /// <summary>The call is left to the next handler.</summary>
    public static RpcActorResult PassOn => new(false, null);
}
