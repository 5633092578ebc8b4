using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json.Internal;

namespace Bitcoin.Common.Json;

/// <summary>
/// UniValue's accessors over System.Text.Json nodes (<c>get_str</c>, <c>getInt</c>, <c>get_bool</c>, ...), with the same
/// failures: a value of the wrong kind throws <see cref="JsonTypeException"/> (the RPC layer answers -3), an integer
/// that does not fit throws <see cref="OverflowException"/> "JSON integer out of range" (the RPC layer answers -1).
/// JSON <c>null</c> is a C# null node, so every accessor extends <c>JsonNode?</c>.
/// </summary>
public static class JsonNodeExtensions
{
    /// <summary>UniValue's name for the kind: "null", "bool", "object", "array", "string", "number".</summary>
    public static string TypeName(this JsonKind kind) => kind switch
    {
        JsonKind.Null => "null",
        JsonKind.Bool => "bool",
        JsonKind.Object => "object",
        JsonKind.Array => "array",
        JsonKind.String => "string",
        JsonKind.Number => "number",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind of <paramref name="node"/>; a C# null is <see cref="JsonKind.Null"/>.</summary>
    public static JsonKind GetKind(this JsonNode? node)
    {
        if (node is null) return JsonKind.Null;
        return node.GetValueKind() switch
        {
            JsonValueKind.Object => JsonKind.Object,
            JsonValueKind.Array => JsonKind.Array,
            JsonValueKind.String => JsonKind.String,
            JsonValueKind.Number => JsonKind.Number,
            JsonValueKind.True or JsonValueKind.False => JsonKind.Bool,
            _ => JsonKind.Null,
        };
    }

    /// <summary>True for JSON null (including a C# null).</summary>
    public static bool IsNull(this JsonNode? node) => node.GetKind() == JsonKind.Null;

    /// <summary>True for a string.</summary>
    public static bool IsStr(this JsonNode? node) => node.GetKind() == JsonKind.String;

    /// <summary>True for a number.</summary>
    public static bool IsNum(this JsonNode? node) => node.GetKind() == JsonKind.Number;

    /// <summary>True for true or false.</summary>
    public static bool IsBool(this JsonNode? node) => node.GetKind() == JsonKind.Bool;

    /// <summary>True for an object.</summary>
    public static bool IsObject(this JsonNode? node) => node.GetKind() == JsonKind.Object;

    /// <summary>True for an array.</summary>
    public static bool IsArray(this JsonNode? node) => node.GetKind() == JsonKind.Array;

    /// <summary>True only for the value <c>true</c> (UniValue's isTrue).</summary>
    public static bool IsTrue(this JsonNode? node) => node is not null && node.GetValueKind() == JsonValueKind.True;

    /// <summary>Throws <see cref="JsonTypeException"/> unless the value has kind <paramref name="expected"/> (UniValue's checkType).</summary>
    public static void CheckKind(this JsonNode? node, JsonKind expected)
    {
        var actual = node.GetKind();
        if (actual != expected) throw new JsonTypeException(actual, expected);
    }

    /// <summary>The string value (UniValue's get_str).</summary>
    public static string GetStr(this JsonNode? node)
    {
        node.CheckKind(JsonKind.String);
        return JsonValueText.GetString((JsonValue)node!);
    }

    /// <summary>The boolean value (UniValue's get_bool).</summary>
    public static bool GetBool(this JsonNode? node)
    {
        node.CheckKind(JsonKind.Bool);
        return node!.GetValueKind() == JsonValueKind.True;
    }

    /// <summary>
    /// The number as an integer of type <typeparamref name="T"/> (UniValue's getInt): the number's text must be a plain
    /// integer that fits, else <see cref="OverflowException"/> "JSON integer out of range" (so 1.5 and 1e3 fail too).
    /// </summary>
    public static T GetInt<T>(this JsonNode? node) where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        node.CheckKind(JsonKind.Number);
        var text = JsonValueText.GetNumberText((JsonValue)node!);
        bool unsigned = T.IsZero(T.MinValue);
        var style = unsigned ? NumberStyles.None : NumberStyles.AllowLeadingSign;
        if (text.Length == 0 || text[0] == '+' || !T.TryParse(text, style, CultureInfo.InvariantCulture, out var result))
            throw new OverflowException("JSON integer out of range");
        return result;
    }

    /// <summary>Shorthand for <see cref="GetInt{T}"/> with <see cref="int"/>.</summary>
    public static int GetInt32(this JsonNode? node) => node.GetInt<int>();

    /// <summary>Shorthand for <see cref="GetInt{T}"/> with <see cref="long"/>.</summary>
    public static long GetInt64(this JsonNode? node) => node.GetInt<long>();

    /// <summary>Shorthand for <see cref="GetInt{T}"/> with <see cref="uint"/>.</summary>
    public static uint GetUInt32(this JsonNode? node) => node.GetInt<uint>();

    /// <summary>Shorthand for <see cref="GetInt{T}"/> with <see cref="ulong"/>.</summary>
    public static ulong GetUInt64(this JsonNode? node) => node.GetInt<ulong>();

    /// <summary>The number as a double (UniValue's get_real); a value outside double's range throws "JSON double out of range".</summary>
    public static double GetReal(this JsonNode? node)
    {
        node.CheckKind(JsonKind.Number);
        var text = JsonValueText.GetNumberText((JsonValue)node!);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value))
            throw new OverflowException("JSON double out of range");
        return value;
    }

    /// <summary>The value as an object (UniValue's get_obj).</summary>
    public static JsonObject GetObj(this JsonNode? node)
    {
        node.CheckKind(JsonKind.Object);
        return JsonValueText.AsObject(node!);
    }

    /// <summary>The value as an array (UniValue's get_array).</summary>
    public static JsonArray GetArr(this JsonNode? node)
    {
        node.CheckKind(JsonKind.Array);
        return JsonValueText.AsArray(node!);
    }

    /// <summary>
    /// UniValue's getValStr: the text of a string or number, "1" or "" for a boolean, "" for null, objects and arrays.
    /// </summary>
    public static string GetValStr(this JsonNode? node) => node.GetKind() switch
    {
        JsonKind.String => JsonValueText.GetString((JsonValue)node!),
        JsonKind.Number => JsonValueText.GetNumberText((JsonValue)node!),
        JsonKind.Bool => node!.GetValueKind() == JsonValueKind.True ? "1" : "",
        _ => "",
    };

    /// <summary>
    /// UniValue's find_value / operator[]: the member <paramref name="key"/> of an object, or null when the value is not
    /// an object or has no such member.
    /// </summary>
    public static JsonNode? Find(this JsonNode? node, string key)
        => node is JsonObject obj && obj.TryGetPropertyValue(key, out var value) ? value : null;

    /// <summary>UniValue's operator[] on arrays: element <paramref name="index"/>, or null when out of range or not an array.</summary>
    public static JsonNode? At(this JsonNode? node, int index)
        => node is JsonArray arr && index >= 0 && index < arr.Count ? arr[index] : null;

    /// <summary>Number of elements of an array or members of an object; 0 for anything else (UniValue's size).</summary>
    public static int Size(this JsonNode? node) => node switch
    {
        JsonArray arr => arr.Count,
        JsonObject obj => obj.Count,
        _ => 0,
    };

    /// <summary>
    /// A copy of <paramref name="node"/> that has no parent, so it can be put into another object or array
    /// (System.Text.Json nodes belong to at most one parent, UniValue values are copied).
    /// </summary>
    public static JsonNode? Detached(this JsonNode? node) => node is null || node.Parent is null ? node : node.DeepClone();

    /// <summary>The value written as UniValue writes it: compact, or pretty with <paramref name="indent"/> spaces per level.</summary>
    public static string Write(this JsonNode? node, int indent = 0) => JsonText.Write(node, indent);
}
