using System.Globalization;

namespace Bitcoin.Wallet.Spend.Internal;

/// <summary>Core's FormatMoney: BTC with trailing zeros trimmed down to two decimals ("0.00001", "1.00").</summary>
internal static class MoneyFormat
{
    public static string Format(long satoshis)
    {
        long quotient = Math.Abs(satoshis / 100_000_000);
        long remainder = Math.Abs(satoshis % 100_000_000);
        string text = string.Create(CultureInfo.InvariantCulture, $"{quotient}.{remainder:D8}");
        int end = text.Length;
        while (end > 0 && text[end - 1] == '0' && char.IsAsciiDigit(text[end - 3])) end--;
        text = text[..end];
        return satoshis < 0 ? "-" + text : text;
    }
}
