using System.Text;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json.Internal;

namespace Bitcoin.Common.Json;

/// <summary>
/// JSON text exactly as Bitcoin Core's UniValue reads and writes it. Values are System.Text.Json nodes (a C# null is
/// JSON null); numbers parsed here keep their original text, so <c>1.50</c> is written back as <c>1.50</c>.
/// </summary>
public static class JsonText
{
    /// <summary>
    /// Writes <paramref name="value"/> as UniValue::write(indent) does: compact when <paramref name="indent"/> is 0 (the
    /// server's replies), else one member per line indented by that many spaces per level (bitcoin-cli uses 2).
    /// Object keys keep their insertion order.
    /// </summary>
    public static string Write(JsonNode? value, int indent = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(indent);
        var sb = new StringBuilder();
        UniValueWriter.Write(sb, value, indent, 0);
        return sb.ToString();
    }

    /// <summary>
    /// Parses UTF-8 JSON with UniValue's rules (see <see cref="TryParse(string, out JsonNode?)"/>); false on any error.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out JsonNode? value) => UniValueReader.TryRead(utf8, out value);

    /// <summary>
    /// Parses JSON with UniValue's rules: any single value (also a bare string, number, true, false or null) with only
    /// space, tab, CR and LF around it; no trailing commas, comments, leading zeros or invalid UTF-8; at most 512
    /// levels of nesting. Returns false on any error (UniValue reports no position either).
    /// </summary>
    public static bool TryParse(string text, out JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(text);
        return UniValueReader.TryRead(Encoding.UTF8.GetBytes(text), out value);
    }

    /// <summary>Parses like <see cref="TryParse(string, out JsonNode?)"/> but throws <see cref="FormatException"/> on error.</summary>
    public static JsonNode? Parse(string text)
    {
        if (!TryParse(text, out var value)) throw new FormatException("JSON value is invalid");
        return value;
    }

    /// <summary>
    /// Keys that appeared more than once in <paramref name="obj"/> when it was parsed by this class (the object keeps
    /// the first value of each, as UniValue's find_value would return). Empty for objects built in code.
    /// </summary>
    public static IReadOnlyList<string> DuplicateKeys(JsonObject obj) => UniValueReader.DuplicateKeys(obj);
}
