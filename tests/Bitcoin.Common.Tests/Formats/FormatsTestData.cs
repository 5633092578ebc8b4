using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>Small helpers for JSON assertions in the Formats tests.</summary>
internal static class FormatsTestData
{
    /// <summary>Parses JSON text as the RPC server does (numbers keep their text, repeated keys are remembered).</summary>
    public static JsonNode? ParseJson(string text) => JsonText.Parse(text);

    /// <summary>Core's compact JSON text of a value.</summary>
    public static string Write(JsonNode? node) => JsonText.Write(node);

    /// <summary>Asserts an RPC error code and message.</summary>
    public static void AssertRpcError(RpcErrorCode code, string message, Action action)
    {
        var e = Assert.Throws<RpcException>(action);
        Assert.Equal(message, e.Message);
        Assert.Equal((int)code, e.Code);
    }
}
