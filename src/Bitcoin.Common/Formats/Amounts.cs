using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;

namespace Bitcoin.Common.Formats;

/// <summary>Amounts in JSON as Core: BTC with exactly eight decimals out (ValueFromAmount), strict fixed-point in (AmountFromValue).</summary>
public static class Amounts
{
    /// <summary>Satoshis per bitcoin.</summary>
    public const long Coin = 100_000_000;

    /// <summary>Core's MAX_MONEY (21 million BTC) in satoshis.</summary>
    public const long MaxMoney = 21_000_000 * Coin;

    /// <summary>Core's MoneyRange: 0 to 21 million BTC.</summary>
    public static bool MoneyRange(long amount) => amount >= 0 && amount <= MaxMoney;

    /// <summary>
    /// Core's ValueFromAmount: satoshis as a decimal BTC value with scale 8 (5000000000 → 50.00000000m), which the
    /// JSON writer prints with all eight decimals.
    /// </summary>
    public static decimal ValueFromAmount(long satoshis)
    {
        // Build the decimal from its parts so the scale is exactly 8 (0 prints as 0.00000000, -1 as -0.00000001).
        ulong abs = satoshis < 0 ? (ulong)(-(satoshis + 1)) + 1 : (ulong)satoshis;
        return new decimal((int)(abs & 0xffffffff), (int)(abs >> 32), 0, satoshis < 0, 8);
    }

    /// <summary>The JSON number for an amount (a decimal with scale 8).</summary>
    public static JsonValue ToJson(long satoshis) => JsonValue.Create(ValueFromAmount(satoshis));

    /// <summary>
    /// Core's AmountFromValue: a JSON number or numeric string in BTC with at most <paramref name="decimals"/>
    /// decimals, within the money range. Errors are Core's -3 (RPC_TYPE_ERROR): "Amount is not a number or string",
    /// "Invalid amount", "Amount out of range".
    /// </summary>
    public static long AmountFromValue(JsonNode? value, int decimals = 8)
    {
        if (!value.IsNum() && !value.IsStr()) throw new RpcException(RpcErrorCode.TypeError, "Amount is not a number or string");
        if (!TryParseFixedPoint(value.GetValStr(), decimals, out long amount)) throw new RpcException(RpcErrorCode.TypeError, "Invalid amount");
        if (!MoneyRange(amount)) throw new RpcException(RpcErrorCode.TypeError, "Amount out of range");
        return amount;
    }

    /// <summary>
    /// Core's ParseFixedPoint: a decimal number (optional '-', no leading zeros, optional fraction and exponent) as an
    /// integer scaled by 10^<paramref name="decimals"/>; false if it has more precision or is 10^18 or more.
    /// </summary>
    public static bool TryParseFixedPoint(string val, int decimals, out long amount)
    {
        const long upperBound = 1_000_000_000_000_000_000L - 1;
        amount = 0;
        long mantissa = 0, exponent = 0;
        int mantissaTzeros = 0, ptr = 0, end = val.Length, pointOfs = 0;
        bool mantissaSign = false, exponentSign = false;

        bool ProcessMantissaDigit(char ch)
        {
            if (ch == '0')
            {
                mantissaTzeros++;
                return true;
            }
            for (int i = 0; i <= mantissaTzeros; i++)
            {
                if (mantissa > upperBound / 10) return false;
                mantissa *= 10;
            }
            mantissa += ch - '0';
            mantissaTzeros = 0;
            return true;
        }

        if (ptr < end && val[ptr] == '-')
        {
            mantissaSign = true;
            ptr++;
        }
        if (ptr >= end) return false;
        if (val[ptr] == '0')
        {
            ptr++;
        }
        else if (val[ptr] >= '1' && val[ptr] <= '9')
        {
            while (ptr < end && char.IsAsciiDigit(val[ptr]))
            {
                if (!ProcessMantissaDigit(val[ptr])) return false;
                ptr++;
            }
        }
        else
        {
            return false;
        }
        if (ptr < end && val[ptr] == '.')
        {
            ptr++;
            if (ptr >= end || !char.IsAsciiDigit(val[ptr])) return false;
            while (ptr < end && char.IsAsciiDigit(val[ptr]))
            {
                if (!ProcessMantissaDigit(val[ptr])) return false;
                ptr++;
                pointOfs++;
            }
        }
        if (ptr < end && (val[ptr] == 'e' || val[ptr] == 'E'))
        {
            ptr++;
            if (ptr < end && val[ptr] == '+')
            {
                ptr++;
            }
            else if (ptr < end && val[ptr] == '-')
            {
                exponentSign = true;
                ptr++;
            }
            if (ptr >= end || !char.IsAsciiDigit(val[ptr])) return false;
            while (ptr < end && char.IsAsciiDigit(val[ptr]))
            {
                if (exponent > upperBound / 10) return false;
                exponent = exponent * 10 + val[ptr] - '0';
                ptr++;
            }
        }
        if (ptr != end) return false;

        if (exponentSign) exponent = -exponent;
        exponent = exponent - pointOfs + mantissaTzeros;
        if (mantissaSign) mantissa = -mantissa;
        exponent += decimals;
        if (exponent < 0 || exponent >= 18) return false;
        for (int i = 0; i < exponent; i++)
        {
            if (mantissa > upperBound / 10 || mantissa < -(upperBound / 10)) return false;
            mantissa *= 10;
        }
        if (mantissa > upperBound || mantissa < -upperBound) return false;
        amount = mantissa;
        return true;
    }
}
