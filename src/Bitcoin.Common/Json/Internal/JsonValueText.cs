using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bitcoin.Common.Json.Internal;

/// <summary>Reads the text of scalar nodes whatever CLR value backs them (a parsed element, a long, a double...).</summary>
internal static class JsonValueText
{
    public static string GetString(JsonValue value)
    {
        if (value.TryGetValue(out string? s)) return s;
        if (value.TryGetValue(out JsonElement element) && element.ValueKind == JsonValueKind.String) return element.GetString()!;
        if (value.TryGetValue(out char c)) return c.ToString();
        // Other CLR types that serialise as strings (Guid, DateTime...): use their JSON form.
        return JsonSerializer.Deserialize<string>(value.ToJsonString()) ?? "";
    }

    /// <summary>
    /// The node as an array; a <see cref="JsonValue"/> holding an array (a JsonElement or a serialisable CLR list) is
    /// converted to nodes.
    /// </summary>
    public static JsonArray AsArray(JsonNode node) => node as JsonArray ?? JsonNode.Parse(node.ToJsonString())!.AsArray();

    /// <summary>The node as an object; a <see cref="JsonValue"/> holding an object is converted to nodes.</summary>
    public static JsonObject AsObject(JsonNode node) => node as JsonObject ?? JsonNode.Parse(node.ToJsonString())!.AsObject();

    public static string GetNumberText(JsonValue value)
    {
        if (value.TryGetValue(out JsonElement element)) return element.GetRawText();
        if (value.TryGetValue(out long l)) return l.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out int i)) return i.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out ulong ul)) return ul.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out uint ui)) return ui.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out short sh)) return sh.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out ushort ush)) return ush.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out byte b)) return b.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out sbyte sb)) return sb.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out double d)) return FormatDouble(d);
        if (value.TryGetValue(out float f)) return FormatDouble(f);
        // decimal keeps its scale (50.00000000m prints as 50.00000000) and never uses an exponent.
        if (value.TryGetValue(out decimal m)) return m.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out Int128 i128)) return i128.ToString(CultureInfo.InvariantCulture);
        if (value.TryGetValue(out UInt128 u128)) return u128.ToString(CultureInfo.InvariantCulture);
        return value.ToJsonString();
    }

    /// <summary>
    /// A double as UniValue::setFloat writes it: iostream with setprecision(16) in the default float field, which is
    /// printf's "%.16g" (16 significant digits, trailing zeros dropped, exponent form below 1e-4 and from 1e16).
    /// </summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentException($"The string '{(double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf")}' is not a valid JSON number", nameof(value));
        if (value == 0) return double.IsNegative(value) ? "-0" : "0";

        // "E15" rounds to 16 significant digits once; both notations are built from those digits.
        string e = value.ToString("E15", CultureInfo.InvariantCulture); // -d.dddddddddddddddE+xxx
        bool negative = e[0] == '-';
        if (negative) e = e[1..];
        int ePos = e.IndexOf('E');
        string digits = e[0] + e[2..ePos]; // 16 digits
        int exponent = int.Parse(e.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";

        string body;
        if (exponent < -4 || exponent >= 16)
        {
            string mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            string expText = Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
            body = mantissa + "e" + (exponent < 0 ? "-" : "+") + expText;
        }
        else if (exponent >= 0)
        {
            if (digits.Length <= exponent + 1) body = digits + new string('0', exponent + 1 - digits.Length);
            else body = digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
        }
        else
        {
            body = "0." + new string('0', -exponent - 1) + digits;
        }
        return negative ? "-" + body : body;
    }
}
