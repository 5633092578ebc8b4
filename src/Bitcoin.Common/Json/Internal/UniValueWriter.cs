using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bitcoin.Common.Json.Internal;

/// <summary>Writes nodes byte for byte as UniValue::write does (escapes, spacing, indentation, number text).</summary>
internal static class UniValueWriter
{
    public static void Write(StringBuilder sb, JsonNode? node, int prettyIndent, int indentLevel)
    {
        int modIndent = indentLevel == 0 ? 1 : indentLevel;
        switch (node.GetKind())
        {
            case JsonKind.Null:
                sb.Append("null");
                break;
            case JsonKind.Bool:
                sb.Append(node!.GetValueKind() == JsonValueKind.True ? "true" : "false");
                break;
            case JsonKind.Number:
                sb.Append(JsonValueText.GetNumberText((JsonValue)node!));
                break;
            case JsonKind.String:
                sb.Append('"');
                Escape(sb, JsonValueText.GetString((JsonValue)node!));
                sb.Append('"');
                break;
            case JsonKind.Array:
                WriteArray(sb, JsonValueText.AsArray(node!), prettyIndent, modIndent);
                break;
            case JsonKind.Object:
                WriteObject(sb, JsonValueText.AsObject(node!), prettyIndent, modIndent);
                break;
        }
    }

    private static void WriteArray(StringBuilder sb, JsonArray array, int prettyIndent, int indentLevel)
    {
        sb.Append('[');
        if (prettyIndent > 0) sb.Append('\n');
        for (int i = 0; i < array.Count; i++)
        {
            if (prettyIndent > 0) sb.Append(' ', prettyIndent * indentLevel);
            Write(sb, array[i], prettyIndent, indentLevel + 1);
            if (i != array.Count - 1) sb.Append(',');
            if (prettyIndent > 0) sb.Append('\n');
        }
        if (prettyIndent > 0) sb.Append(' ', prettyIndent * (indentLevel - 1));
        sb.Append(']');
    }

    private static void WriteObject(StringBuilder sb, JsonObject obj, int prettyIndent, int indentLevel)
    {
        sb.Append('{');
        if (prettyIndent > 0) sb.Append('\n');
        int i = 0;
        foreach (var (key, value) in obj)
        {
            if (prettyIndent > 0) sb.Append(' ', prettyIndent * indentLevel);
            sb.Append('"');
            Escape(sb, key);
            sb.Append("\":");
            if (prettyIndent > 0) sb.Append(' ');
            Write(sb, value, prettyIndent, indentLevel + 1);
            if (i != obj.Count - 1) sb.Append(',');
            if (prettyIndent > 0) sb.Append('\n');
            i++;
        }
        if (prettyIndent > 0) sb.Append(' ', prettyIndent * (indentLevel - 1));
        sb.Append('}');
    }

    /// <summary>
    /// UniValue escapes only the control characters (as \b \t \n \f \r or \u00XX), the quote, the backslash and DEL
    /// (\u007f); everything else, non-ASCII included, is written as is.
    /// </summary>
    public static void Escape(StringBuilder sb, string s)
    {
        foreach (char ch in s)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (ch < 0x20 || ch == 0x7f) sb.Append("\\u").Append(((int)ch).ToString("x4"));
                    else sb.Append(ch);
                    break;
            }
        }
    }
}
