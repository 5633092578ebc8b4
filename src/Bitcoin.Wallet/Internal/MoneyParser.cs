namespace Bitcoin.Wallet.Internal;

/// <summary>Core's ParseMoney: an amount of bitcoin as written in an option ("0.0001") to satoshis.</summary>
internal static class MoneyParser
{
    private const long Coin = 100_000_000;
    private const long MaxMoney = 21_000_000 * Coin;

    /// <summary>Satoshis, or null when the text is not a plain decimal amount within 0..21,000,000 BTC.</summary>
    public static long? Parse(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal)) return null;
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
            // Ten digits at most, so that the multiplication below cannot overflow (Core's guard).
            if (++wholeDigits > 10) return null;
            whole = (whole * 10) + (c - '0');
        }

        if (p < s.Length) return null;
        long value = (whole * Coin) + units;
        return value is >= 0 and <= MaxMoney ? value : null;
    }
}
