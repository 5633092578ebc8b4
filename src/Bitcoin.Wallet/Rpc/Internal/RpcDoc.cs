using System.Text.Json.Nodes;
using Bitcoin.Common.Rpc;

namespace Bitcoin.Wallet.Rpc.Internal;

/// <summary>Short constructors for the argument and result descriptions of the wallet's commands.</summary>
internal static class RpcDoc
{
    public static RpcArg Required(string name, RpcArgType type, string description, IReadOnlyList<RpcArg>? inner = null, RpcArgOptions? options = null) =>
        new(name, type, RpcArgFallback.Required, description, inner, options);

    public static RpcArg Optional(string name, RpcArgType type, string description, IReadOnlyList<RpcArg>? inner = null, RpcArgOptions? options = null) =>
        new(name, type, RpcArgFallback.Omitted, description, inner, options);

    public static RpcArg WithDefault(string name, RpcArgType type, JsonNode? value, string description, IReadOnlyList<RpcArg>? inner = null, RpcArgOptions? options = null) =>
        new(name, type, RpcArgFallback.Default(value), description, inner, options);

    public static RpcArg WithHint(string name, RpcArgType type, string hint, string description, IReadOnlyList<RpcArg>? inner = null, RpcArgOptions? options = null) =>
        new(name, type, RpcArgFallback.Hint(hint), description, inner, options);

    public static RpcResult Field(RpcResultType type, string key, string description, IReadOnlyList<RpcResult>? inner = null) =>
        new(type, key, description, inner);

    public static RpcResult OptionalField(RpcResultType type, string key, string description, IReadOnlyList<RpcResult>? inner = null) =>
        new(type, key, description, inner, optional: true);

    public static RpcResult Value(RpcResultType type, string description, IReadOnlyList<RpcResult>? inner = null) =>
        new(type, "", description, inner);

    public static RpcResult Conditional(string condition, RpcResultType type, string description, IReadOnlyList<RpcResult>? inner = null) =>
        new(type, "", description, inner, condition: condition);

    public static RpcResult Null(string condition = "") => new(RpcResultType.None, "", "", condition: condition);

    /// <summary>A bitcoin-cli example line and a curl example line.</summary>
    public static string Examples(string method, string cliArgs = "", string rpcArgs = "") =>
        RpcExamples.Cli(method, cliArgs) + RpcExamples.Rpc(method, rpcArgs);

    /// <summary>Appended to the help of commands that need an unlocked wallet (Core's HELP_REQUIRING_PASSPHRASE).</summary>
    public const string RequiresPassphrase = "\nAn encrypted wallet must be unlocked with walletpassphrase first.\n";

    /// <summary>The "lastprocessedblock" result field (Core's RESULT_LAST_PROCESSED_BLOCK).</summary>
    public static RpcResult LastProcessedBlock => Field(RpcResultType.Obj, "lastprocessedblock", "the block the wallet was in step with when the result was computed", [
        Field(RpcResultType.StrHex, "hash", "its hash"),
        Field(RpcResultType.Num, "height", "its height"),
    ]);
}
