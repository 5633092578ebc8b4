using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json.Internal;

namespace Bitcoin.Common.Json;

/// <summary>
/// Number nodes written with an exact text, as UniValue's setNumStr: amounts with eight decimals, doubles as
/// UniValue's setFloat prints them, or any valid JSON number text.
/// </summary>
public static class JsonNumbers
{
    /// <summary>
    /// An amount in satoshis as BTC with exactly eight decimals, as Core's ValueFromAmount: 5000000000 → <c>50.00000000</c>,
    /// -1 → <c>-0.00000001</c>. For an NBitcoin <c>Money</c>, pass <c>money.Satoshi</c>.
    /// </summary>
    public static JsonValue Amount(long satoshis)
    {
        // A decimal with scale 8 prints exactly eight decimals; built from its bits so that long.MinValue stays exact.
        bool negative = satoshis < 0;
        ulong abs = negative ? (ulong)(-(satoshis + 1)) + 1 : (ulong)satoshis;
        var value = new decimal((int)(uint)abs, (int)(uint)(abs >> 32), 0, negative, 8);
        return JsonValue.Create(value);
    }

    /// <summary>
    /// A double written as UniValue's setFloat writes it (16 significant digits, "%.16g"): 0.1 → <c>0.1</c>,
    /// 1e20 → <c>1e+20</c>. NaN and infinities are not JSON numbers and throw <see cref="ArgumentException"/>.
    /// </summary>
    public static JsonValue Double(double value) => FromValidText(JsonValueText.FormatDouble(value));

    /// <summary>
    /// A number with exactly the text <paramref name="text"/>, which must be a JSON number (UniValue's setNumStr);
    /// otherwise <see cref="ArgumentException"/> "The string '...' is not a valid JSON number".
    /// </summary>
    public static JsonValue FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!JsonText.TryParse(Encoding.UTF8.GetBytes(text), out var node) || node.GetKind() != JsonKind.Number || text.Trim(' ', '\t', '\r', '\n') != text)
            throw new ArgumentException($"The string '{text}' is not a valid JSON number", nameof(text));
        return (JsonValue)node!;
    }

    /// <summary>The exact text of a number node (UniValue's getValStr on a number).</summary>
    public static string GetText(JsonNode? number)
    {
        number.CheckKind(JsonKind.Number);
        return JsonValueText.GetNumberText((JsonValue)number!);
    }

    internal static JsonValue FromValidText(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return JsonValue.Create(doc.RootElement.Clone())!;
    }
}
