using System.Globalization;
using System.Numerics;
using System.Text;

namespace Capnp.Internal;

/// <summary>
/// Floating-point numbers as the C++ library's text format writes them (KJ's stringifier): printf's <c>%.15g</c>,
/// or <c>%.17g</c> when that does not read back as the same double (<c>%.6g</c> / <c>%.8g</c> for a Float32), with
/// the redundant '+' of the exponent dropped; <c>inf</c>, <c>-inf</c>, <c>nan</c>.
/// </summary>
internal static class KjNumbers
{
    private const float SmallestNormalFloat32 = 1.17549435e-38f;

    public static string Float64(double value)
    {
        if (!double.IsFinite(value))
            return NonFinite(value);
        var text = FormatG(value, 15);
        if (double.Parse(text, CultureInfo.InvariantCulture) != value)
            text = FormatG(value, 17);
        return text.Replace("+", "", StringComparison.Ordinal);
    }

    public static string Float32(float value)
    {
        if (!float.IsFinite(value))
            return NonFinite(value);
        var text = FormatG(value, 6);
        if (float.Parse(text, CultureInfo.InvariantCulture) != value || InexactSubnormal(value, 6))
            text = FormatG(value, 8);
        return text.Replace("+", "", StringComparison.Ordinal);
    }

    // glibc's strtof reports underflow (ERANGE) for a subnormal result it had to round, which KJ takes as failure to
    // read the number back.
    private static bool InexactSubnormal(float value, int precision) =>
        value != 0 && float.Abs(value) < SmallestNormalFloat32 && ExactDigits(float.Abs(value)).Digits.Length > precision;

    private static string NonFinite(double value) =>
        double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";

    /// <summary>printf's <c>%.{precision}g</c> of <paramref name="value"/> (finite), rounding the exact binary value
    /// half to even as glibc does.</summary>
    public static string FormatG(double value, int precision)
    {
        bool negative = double.IsNegative(value);
        if (value == 0)
            return negative ? "-0" : "0";
        var (digits, exponent) = ExactDigits(Math.Abs(value));
        if (digits.Length > precision)
        {
            (digits, bool carried) = RoundHalfEven(digits, precision);
            if (carried)
                exponent++;
        }

        digits = digits.TrimEnd('0');
        var text = new StringBuilder(precision + 8);
        if (negative)
            text.Append('-');
        if (exponent < -4 || exponent >= precision)
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
                text.Append('.').Append(digits, 1, digits.Length - 1);
            text.Append('e').Append(exponent < 0 ? '-' : '+')
                .Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (exponent >= 0)
        {
            int integerDigits = exponent + 1;
            text.Append(digits.Length >= integerDigits ? digits[..integerDigits] : digits.PadRight(integerDigits, '0'));
            if (digits.Length > integerDigits)
                text.Append('.').Append(digits, integerDigits, digits.Length - integerDigits);
        }
        else
        {
            text.Append("0.").Append('0', -exponent - 1).Append(digits);
        }

        return text.ToString();
    }

    // The exact decimal expansion of a positive finite double: its significant digits (no leading zero) and the
    // power of ten of the first one.
    private static (string Digits, int Exponent) ExactDigits(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7ff);
        long fraction = bits & 0xfffffffffffffL;
        BigInteger mantissa = biased == 0 ? fraction : fraction | (1L << 52);
        int binaryExponent = (biased == 0 ? 1 : biased) - 1075;
        string digits;
        int exponent;
        if (binaryExponent >= 0)
        {
            digits = (mantissa << binaryExponent).ToString(CultureInfo.InvariantCulture);
            exponent = digits.Length - 1;
        }
        else
        {
            // m / 2^k = m * 5^k / 10^k.
            digits = (mantissa * BigInteger.Pow(5, -binaryExponent)).ToString(CultureInfo.InvariantCulture);
            exponent = digits.Length - 1 + binaryExponent;
        }

        return (digits.TrimEnd('0'), exponent);
    }

    private static (string Digits, bool Carried) RoundHalfEven(string digits, int precision)
    {
        char next = digits[precision];
        bool rest = digits.AsSpan(precision + 1).ContainsAnyExcept('0');
        bool up = next > '5' || (next == '5' && (rest || (digits[precision - 1] - '0') % 2 == 1));
        var kept = digits.ToCharArray(0, precision);
        if (!up)
            return (new string(kept), false);
        for (int i = precision - 1; i >= 0; i--)
        {
            if (kept[i] != '9')
            {
                kept[i]++;
                return (new string(kept), false);
            }

            kept[i] = '0';
        }

        return ("1" + new string(kept), true);
    }
}
