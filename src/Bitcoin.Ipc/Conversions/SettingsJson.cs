using System.Text;
using System.Text.Json;
using Bitcoin.Common.Settings;

namespace Bitcoin.Ipc.Conversions;

/// <summary>
/// Settings values as the schemas carry them: UniValue JSON text (Core writes <c>UniValue::write()</c>), so an unset
/// value is <c>null</c>. Numbers keep their exact text.
/// </summary>
internal static class SettingsJson
{
    public static string Write(SettingsValue value) => value.Write();

    public static SettingsValue Read(string? text)
    {
        // Core's reader treats an empty text as an unset value.
        if (string.IsNullOrEmpty(text)) return SettingsValue.Null;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { MaxDepth = 512 });
            if (!reader.Read()) throw new IpcFormatException("A setting's JSON text is empty.");
            var value = ReadValue(ref reader);
            if (reader.Read()) throw new IpcFormatException("A setting's JSON text has trailing data.");
            return value;
        }
        catch (JsonException e)
        {
            throw new IpcFormatException($"A setting's JSON text is not valid JSON: {e.Message}", e);
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
                return SettingsValue.FromNumberText(Encoding.UTF8.GetString(reader.ValueSpan));
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
                    var name = reader.GetString()!;
                    reader.Read();
                    properties.Add(new(name, ReadValue(ref reader)));
                }

                return SettingsValue.Object(properties);
            }
            default:
                throw new IpcFormatException($"Unexpected JSON token {reader.TokenType} in a setting.");
        }
    }
}
