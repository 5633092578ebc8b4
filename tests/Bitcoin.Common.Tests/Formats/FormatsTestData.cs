using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>Loads the vectors in Formats/Data (see Data/README.md) and small helpers for JSON assertions.</summary>
internal static class FormatsTestData
{
    public static JsonArray LoadArray(string file) => JsonNode.Parse(File.ReadAllText(Locate(file)))!.AsArray();

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

    private static string Locate(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Bitcoin.Common.Tests", "Formats", "Data", file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("Formats vectors not found above " + AppContext.BaseDirectory, file);
    }
}
