namespace Bitcoin.Node.Mining.Internal;

/// <summary>Core's ParseMoney: a decimal amount of bitcoin as written in options, to satoshis.</summary>
internal static class MoneyParser
{
    private const long Coin = 100_000_000;
    private const long MaxMoney = 21_000_000 * Coin;

    /// <summary>
    /// Satoshis for text such as "0.00001" or " 5 " (surrounding whitespace allowed, at most ten integer digits, digits
    /// beyond the eighth decimal rejected, nothing else); null when invalid or outside 0..21,000,000 BTC.
    /// </summary>
    public static long? Parse(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal)) return null;
        // Core's TrimString removes " \f\n\r\t\v".
        string s = text.Trim(' ', '\f', '\n', '\r', '\t', '\v');
        if (s.Length == 0) return null;

        long whole = 0;
        int wholeDigits = 0;
        long units = 0;
        int p = 0;
        for (; p < s.Length; p++)
        {
            char c = s[p];
            if (c == '.')
            {
                p++;
                long multiplier = Coin / 10;
                while (p < s.Length && char.IsAsciiDigit(s[p]) && multiplier > 0)
                {
                    units += multiplier * (s[p++] - '0');
                    multiplier /= 10;
                }
                break;
            }
            if (!char.IsAsciiDigit(c)) return null;
            wholeDigits++;
            // More than ten digits could overflow; Core refuses them the same way.
            if (wholeDigits > 10) return null;
            whole = (whole * 10) + (c - '0');
        }
        if (p < s.Length) return null;
        long value = (whole * Coin) + units;
        return value is >= 0 and <= MaxMoney ? value : null;
    }
}
