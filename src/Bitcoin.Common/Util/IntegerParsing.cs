using System.Numerics;

namespace Bitcoin.Common.Util;

/// <summary>
/// Integer parsing with Bitcoin Core's rules: <see cref="LocaleIndependentAtoi{T}"/> is the lenient atoi-like parser
/// behind <c>GetIntArg</c> (and the boolean meaning of option values); <see cref="ToIntegral{T}"/> is the strict one.
/// </summary>
public static class IntegerParsing
{
    /// <summary>The characters Core trims by default: space, form feed, newline, carriage return, tab, vertical tab.</summary>
    public const string Whitespace = " \f\n\r\t\v";

    /// <summary>
    /// Parses like C's <c>atoi</c> in the "C" locale, as Core's <c>LocaleIndependentAtoi</c>: surrounding whitespace is
    /// ignored, one leading '+' is allowed, the longest run of decimal digits (after an optional '-' for signed types) is
    /// taken and anything after it ignored ("5x" is 5); input that does not start with a number gives 0; values out of
    /// range saturate to the type's minimum or maximum.
    /// </summary>
    public static T LocaleIndependentAtoi<T>(ReadOnlySpan<char> text) where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var s = Trim(text, Whitespace);
        if (!s.IsEmpty && s[0] == '+')
        {
            if (s.Length >= 2 && s[1] == '-')
                return T.Zero;
            s = s[1..];
        }

        var negative = false;
        var digitsStart = 0;
        if (!s.IsEmpty && s[0] == '-')
        {
            // std::from_chars accepts '-' only for signed types.
            if (T.IsZero(T.MinValue))
                return T.Zero;
            negative = true;
            digitsStart = 1;
        }

        var end = digitsStart;
        while (end < s.Length && s[end] is >= '0' and <= '9')
            end++;
        if (end == digitsStart)
            return T.Zero;

        return Accumulate<T>(s[digitsStart..end], negative) ?? (negative ? T.MinValue : T.MaxValue);
    }

    /// <summary>
    /// Strict parse as Core's <c>ToIntegral</c>: the whole text must be an optional '-' (signed types only) followed by
    /// decimal digits and the value must fit; no whitespace, no '+'. Returns null otherwise.
    /// </summary>
    public static T? ToIntegral<T>(ReadOnlySpan<char> text) where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var negative = false;
        var start = 0;
        if (!text.IsEmpty && text[0] == '-')
        {
            if (T.IsZero(T.MinValue))
                return null;
            negative = true;
            start = 1;
        }

        var digits = text[start..];
        if (digits.IsEmpty)
            return null;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
                return null;
        }

        return Accumulate<T>(digits, negative);
    }

    /// <summary>Removes any of <paramref name="pattern"/>'s characters from both ends, as Core's <c>TrimStringView</c>.</summary>
    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> text, string pattern = Whitespace)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && pattern.Contains(text[start]))
            start++;
        while (end > start && pattern.Contains(text[end - 1]))
            end--;
        return text[start..end];
    }

    /// <summary>Removes any of <paramref name="pattern"/>'s characters from both ends.</summary>
    public static string Trim(string text, string pattern = Whitespace) => Trim(text.AsSpan(), pattern).ToString();

    // Returns null on overflow so callers can saturate (atoi) or fail (ToIntegral).
    private static T? Accumulate<T>(ReadOnlySpan<char> digits, bool negative) where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var ten = T.CreateTruncating(10);
        var value = T.Zero;
        foreach (var c in digits)
        {
            var digit = T.CreateTruncating(c - '0');
            try
            {
                // Accumulate towards the sign so that the minimum of a signed type is reachable.
                value = negative ? checked((value * ten) - digit) : checked((value * ten) + digit);
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return value;
    }
}
