using System.Text;
using System.Text.Json;

namespace Bitcoin.Common.Settings.Internal;

/// <summary>JSON reading and writing with UniValue's conventions (escapes, number text kept verbatim).</summary>
internal static class JsonText
{
    // UniValue refuses documents nested deeper than this.
    private const int MaxDepth = 512;

    /// <summary>Appends a JSON string literal, escaping as UniValue does (control characters as \u00XX, DEL too).</summary>
    internal static void AppendQuoted(StringBuilder output, string text)
    {
        output.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\t': output.Append("\\t"); break;
                case '\n': output.Append("\\n"); break;
                case '\f': output.Append("\\f"); break;
                case '\r': output.Append("\\r"); break;
                default:
                    if (c < 0x20 || c == 0x7f)
                        output.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else
                        output.Append(c);
                    break;
            }
        }

        output.Append('"');
    }

    /// <summary>True if the text is exactly one JSON number.</summary>
    internal static bool IsJsonNumber(string text)
    {
        var value = Parse(Encoding.UTF8.GetBytes(text));
        return value is { IsNumber: true };
    }

    /// <summary>Parses one JSON document; null if it is not valid JSON.</summary>
    internal static SettingsValue? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
            {
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,
                MaxDepth = MaxDepth,
            });
            if (!reader.Read())
                return null;
            var value = ReadValue(ref reader);
            // Anything but whitespace after the value makes the document invalid; the reader throws on it.
            if (reader.Read())
                return null;
            return value;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 inside a string surfaces here.
            return null;
        }
    }

    private static SettingsValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return SettingsValue.Null;
            case JsonTokenType.True:
                return SettingsValue.True;
            case JsonTokenType.False:
                return SettingsValue.False;
            case JsonTokenType.Number:
                return SettingsValue.FromNumberTextUnchecked(Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.String:
                return SettingsValue.FromString(reader.GetString()!);
            case JsonTokenType.StartArray:
            {
                var items = new List<SettingsValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader));
                return SettingsValue.Array(items);
            }

            case JsonTokenType.StartObject:
            {
                var properties = new List<KeyValuePair<string, SettingsValue>>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    properties.Add(new(key, ReadValue(ref reader)));
                }

                return SettingsValue.Object(properties);
            }

            default:
                throw new JsonException($"Unexpected JSON token {reader.TokenType}");
        }
    }
}
