using System.Text.Json.Nodes;
using Bitcoin.Common.Json;

namespace Bitcoin.Ipc.Conversions;

/// <summary>JSON values (request ids, parameters, results) as the schemas carry them: UniValue JSON text.</summary>
internal static class JsonConversions
{
    public static string Write(JsonNode? value) => JsonText.Write(value);

    /// <summary>Reads JSON text; an empty text is JSON null (a field the peer left unset).</summary>
    public static JsonNode? Read(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (!JsonText.TryParse(text, out var value)) throw new IpcFormatException("The JSON text received is not valid JSON.");
        return value;
    }
}
