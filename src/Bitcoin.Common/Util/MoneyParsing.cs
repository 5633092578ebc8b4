namespace Bitcoin.Common.Util;

/// <summary>Amounts of bitcoin as users write them in options and config files (Core's ParseMoney).</summary>
public static class MoneyParsing
{
    private const long Coin = 100_000_000;
    private const long MaxMoney = 21_000_000 * Coin;

    // Core's TrimString and IsSpace: space, form feed, line feed, carriage return, tab, vertical tab.
    private static readonly char[] Whitespace = [' ', '\f', '\n', '\r', '\t', '\v'];

    /// <summary>
    /// Satoshis for a plain decimal amount of bitcoin such as "0.0001", "12345." or " .5 ": surrounding whitespace is
    /// allowed, at most ten integer digits, at most eight decimals, no sign, exponent or inner space; null for
    /// anything else and for amounts outside 0..21,000,000 BTC.
    /// </summary>
    public static long? ParseMoney(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('\0', StringComparison.Ordinal)) return null;
        string s = text.Trim(Whitespace);
        if (s.Length == 0) return null;

        int point = s.IndexOf('.', StringComparison.Ordinal);
        string wholeText = point < 0 ? s : s[..point];
        string fraction = point < 0 ? "" : s[(point + 1)..];
        // More than ten digits could overflow the satoshi count; eight decimals are a satoshi.
        if (wholeText.Length > 10 || fraction.Length > 8) return null;
        if (!wholeText.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit)) return null;

        long whole = 0;
        foreach (char c in wholeText) whole = (whole * 10) + (c - '0');
        long units = 0;
        long multiplier = Coin / 10;
        foreach (char c in fraction)
        {
            units += multiplier * (c - '0');
            multiplier /= 10;
        }
        long value = (whole * Coin) + units;
        return value is >= 0 and <= MaxMoney ? value : null;
    }
}
