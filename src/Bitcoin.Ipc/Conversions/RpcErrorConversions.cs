using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;

namespace Bitcoin.Ipc.Conversions;

/// <summary>
/// What an RPC actor throws, as <c>ActorCallback.call</c> carries it: an RPC error object (JSON text), a UniValue
/// type error (its message), a help text, or any other error (its message).
/// </summary>
internal static partial class RpcErrorConversions
{
    public static string WriteRpcError(RpcException e) => JsonConversions.Write(e.ToJson());

    public static RpcException ReadRpcError(string text)
    {
        if (JsonConversions.Read(text) is not JsonObject error || error["code"] is not JsonValue code || error["message"] is not JsonValue message
            || !code.TryGetValue<int>(out var number) || !message.TryGetValue<string>(out var what))
            throw new IpcFormatException("An RPC error must be a JSON object with a numeric code and a message.");
        return new RpcException(number, what);
    }

    /// <summary>A type error's message back as the exception (Core's text: "JSON value of type X is not of expected type Y").</summary>
    public static Exception ReadTypeError(string message)
    {
        var match = TypeErrorPattern().Match(message);
        if (match.Success && TryKind(match.Groups[1].Value, out var actual) && TryKind(match.Groups[2].Value, out var expected))
            return new JsonTypeException(actual, expected);
        return new RemoteCallException(message);
    }

    private static bool TryKind(string name, out JsonKind kind)
    {
        foreach (var candidate in Enum.GetValues<JsonKind>())
        {
            if (candidate.TypeName() == name)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    [GeneratedRegex("^JSON value of type (\\w+) is not of expected type (\\w+)$")]
    private static partial Regex TypeErrorPattern();
}
