using System.Text.Json.Nodes;

namespace Bitcoin.Common.Rpc;

/// <summary>
/// Whether an argument is required, and what is assumed when it is missing (Core's RPCArg::Fallback):
/// <see cref="Required"/>, <see cref="Omitted"/> (optional, no default shown), <see cref="Hint"/> (optional, default
/// described in words) or <see cref="Default"/> (optional, with a JSON default that <see cref="RpcCall.Arg"/> returns).
/// </summary>
public sealed class RpcArgFallback
{
    private RpcArgFallback(RpcArgFallbackKind kind, string? hint, JsonNode? value)
    {
        Kind = kind;
        HintText = hint;
        DefaultValue = value;
    }

    /// <summary>The argument must be given.</summary>
    public static RpcArgFallback Required { get; } = new(RpcArgFallbackKind.Required, null, null);

    /// <summary>The argument may be left out; its absence is meaningful or its default is obvious.</summary>
    public static RpcArgFallback Omitted { get; } = new(RpcArgFallbackKind.Omitted, null, null);

    /// <summary>Optional, with the default described in words in the help text (e.g. "all commands").</summary>
    public static RpcArgFallback Hint(string hint) => new(RpcArgFallbackKind.Hint, hint ?? throw new ArgumentNullException(nameof(hint)), null);

    /// <summary>Optional, with this JSON default (shown in help as JSON; pass e.g. <c>1</c>, <c>false</c>, <c>"text"</c>).</summary>
    public static RpcArgFallback Default(JsonNode? value) => new(RpcArgFallbackKind.Default, null, value);

    /// <summary>Which of the four forms this is.</summary>
    public RpcArgFallbackKind Kind { get; }

    /// <summary>The words for <see cref="RpcArgFallbackKind.Hint"/>.</summary>
    public string? HintText { get; }

    /// <summary>The value for <see cref="RpcArgFallbackKind.Default"/>.</summary>
    public JsonNode? DefaultValue { get; }
}
