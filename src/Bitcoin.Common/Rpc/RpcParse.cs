using System.Globalization;
using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using NBitcoin;

namespace Bitcoin.Common.Rpc;

/// <summary>
/// Parsers for common argument forms with Core's errors (rpc/util.cpp): amounts, fee rates, hashes, hex strings,
/// verbosity, confirmation targets, descriptor ranges and typed object members.
/// </summary>
public static class RpcParse
{
    /// <summary>Satoshis per bitcoin.</summary>
    public const long Coin = 100_000_000;

    /// <summary>The largest valid amount, 21 million BTC in satoshis (Core's MAX_MONEY).</summary>
    public const long MaxMoney = 21_000_000 * Coin;

    /// <summary>
    /// An amount in satoshis from a number or a string holding one (Core's AmountFromValue): -3 "Amount is not a number
    /// or string", -3 "Invalid amount" (more than <paramref name="decimals"/> decimals, bad syntax, overflow), -3 "Amount
    /// out of range" (negative or above 21 million BTC).
    /// </summary>
    public static long Amount(JsonNode? value, int decimals = 8)
    {
        if (!value.IsNum() && !value.IsStr())
            throw new RpcException(RpcErrorCode.TypeError, "Amount is not a number or string");
        if (!TryParseFixedPoint(value.GetValStr(), decimals, out long amount))
            throw new RpcException(RpcErrorCode.TypeError, "Invalid amount");
        if (amount < 0 || amount > MaxMoney)
            throw new RpcException(RpcErrorCode.TypeError, "Amount out of range");
        return amount;
    }

    /// <summary>
    /// A fee rate in BTC/kvB (Core's ParseFeeRate): an <see cref="Amount"/>, and -8 "Fee rates larger than or equal to
    /// 1BTC/kvB are not accepted" for 1 BTC/kvB or more.
    /// </summary>
    public static FeeRate FeeRate(JsonNode? value)
    {
        long perKvB = Amount(value);
        if (perKvB >= Coin)
            throw new RpcException(RpcErrorCode.InvalidParameter, "Fee rates larger than or equal to 1BTC/kvB are not accepted");
        return new FeeRate(Money.Satoshis(perKvB));
    }

    /// <summary>
    /// A 256-bit hash from 64 hex digits (Core's ParseHashV): -3 if not a string, -8 "&lt;name&gt; must be of length 64
    /// (not N, for 'X')", -8 "&lt;name&gt; must be hexadecimal string (not 'X')".
    /// </summary>
    public static uint256 Hash(JsonNode? value, string name)
    {
        string hex = value.GetStr();
        if (hex.Length == 64 && IsHex(hex)) return uint256.Parse(hex);
        if (hex.Length != 64)
            throw new RpcException(RpcErrorCode.InvalidParameter, $"{name} must be of length 64 (not {hex.Length.ToString(CultureInfo.InvariantCulture)}, for '{hex}')");
        throw new RpcException(RpcErrorCode.InvalidParameter, $"{name} must be hexadecimal string (not '{hex}')");
    }

    /// <summary>The hash in member <paramref name="key"/> of an object (Core's ParseHashO).</summary>
    public static uint256 HashMember(JsonNode? obj, string key) => Hash(obj.Find(key), key);

    /// <summary>
    /// Bytes from an even-length hex string (Core's ParseHexV): anything else, a non-string included, is -8
    /// "&lt;name&gt; must be hexadecimal string (not 'X')".
    /// </summary>
    public static byte[] Hex(JsonNode? value, string name)
    {
        string hex = value.IsStr() ? value.GetStr() : "";
        if (!IsHex(hex))
            throw new RpcException(RpcErrorCode.InvalidParameter, $"{name} must be hexadecimal string (not '{hex}')");
        return Convert.FromHexString(hex);
    }

    /// <summary>The bytes in member <paramref name="key"/> of an object (Core's ParseHexO).</summary>
    public static byte[] HexMember(JsonNode? obj, string key) => Hex(obj.Find(key), key);

    /// <summary>True for a non-empty, even-length string of hex digits (Core's IsHex).</summary>
    public static bool IsHex(string s) => s.Length > 0 && s.Length % 2 == 0 && s.All(char.IsAsciiHexDigit);

    /// <summary>
    /// A verbosity level (Core's ParseVerbosity): the default for null, an integer, or with <paramref name="allowBool"/>
    /// true/false as 1/0; a boolean otherwise is -3 "Verbosity was boolean but only integer allowed".
    /// </summary>
    public static int Verbosity(JsonNode? value, int defaultVerbosity, bool allowBool)
    {
        if (value.IsNull()) return defaultVerbosity;
        if (value.IsBool())
        {
            if (!allowBool) throw new RpcException(RpcErrorCode.TypeError, "Verbosity was boolean but only integer allowed");
            return value.GetBool() ? 1 : 0;
        }
        return value.GetInt32();
    }

    /// <summary>A confirmation target between 1 and <paramref name="maxTarget"/> (Core's ParseConfirmTarget), else -8.</summary>
    public static uint ConfirmTarget(JsonNode? value, uint maxTarget)
    {
        int target = value.GetInt32();
        if (target < 1 || (uint)target > maxTarget)
            throw new RpcException(RpcErrorCode.InvalidParameter, $"Invalid conf_target, must be between 1 and {maxTarget.ToString(CultureInfo.InvariantCulture)}");
        return (uint)target;
    }

    /// <summary>
    /// A descriptor range from <c>end</c> or <c>[begin, end]</c> (Core's ParseDescriptorRange), with its -8 errors.
    /// </summary>
    public static (long Begin, long End) DescriptorRange(JsonNode? value)
    {
        long low, high;
        if (value.IsNum())
        {
            low = 0;
            high = value.GetInt64();
        }
        else if (value is JsonArray { Count: 2 } pair && pair[0].IsNum() && pair[1].IsNum())
        {
            low = pair[0].GetInt64();
            high = pair[1].GetInt64();
            if (low > high) throw new RpcException(RpcErrorCode.InvalidParameter, "Range specified as [begin,end] must not have begin after end");
        }
        else
        {
            throw new RpcException(RpcErrorCode.InvalidParameter, "Range must be specified as end or as [begin,end]");
        }
        if (low < 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Range should be greater or equal than 0");
        if ((high >> 31) != 0) throw new RpcException(RpcErrorCode.InvalidParameter, "End of range is too high");
        if (high >= low + 1_000_000) throw new RpcException(RpcErrorCode.InvalidParameter, "Range is too large");
        return (low, high);
    }

    /// <summary>
    /// Checks members of an object (Core's RPCTypeCheckObj): each expected key must be present (unless
    /// <paramref name="allowNull"/>) with the given kind (null kind = any); -3 "Missing key", -3 "JSON value of type X for
    /// field K is not of expected type Y", and with <paramref name="strict"/> -3 "Unexpected key K".
    /// </summary>
    public static void CheckObject(JsonNode? obj, IReadOnlyDictionary<string, JsonKind?> expected, bool allowNull = false, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(expected);
        foreach (var key in expected.Keys.Order(StringComparer.Ordinal))
        {
            var value = obj.Find(key);
            if (!allowNull && value.IsNull()) throw new RpcException(RpcErrorCode.TypeError, $"Missing {key}");
            var want = expected[key];
            if (want is { } kind && value.GetKind() != kind && !(allowNull && value.IsNull()))
                throw new RpcException(RpcErrorCode.TypeError,
                    $"JSON value of type {value.GetKind().TypeName()} for field {key} is not of expected type {kind.TypeName()}");
        }
        if (strict && obj is JsonObject o)
        {
            foreach (var (key, _) in o)
                if (!expected.ContainsKey(key)) throw new RpcException(RpcErrorCode.TypeError, $"Unexpected key {key}");
        }
    }

    /// <summary>
    /// Parses a decimal number into an integer scaled by 10^<paramref name="decimals"/> (Core's ParseFixedPoint):
    /// optional '-', digits without leading zeros, optional fraction and exponent; at most 18 significant digits, and
    /// nothing finer than 10^-decimals or of 10^(18-decimals) and more.
    /// </summary>
    public static bool TryParseFixedPoint(string text, int decimals, out long value)
    {
        const long UpperBound = 999_999_999_999_999_999;
        value = 0;
        int p = 0, end = text.Length;
        bool negative = false;
        if (p < end && text[p] == '-') { negative = true; p++; }
        if (p >= end) return false;

        // Significant digits without trailing zeros, the count of pending zeros, and digits after the point.
        long mantissa = 0;
        int pendingZeros = 0, fractionDigits = 0;
        bool AddDigit(char c)
        {
            if (c == '0') { pendingZeros++; return true; }
            for (int i = 0; i <= pendingZeros; i++)
            {
                if (mantissa > UpperBound / 10) return false;
                mantissa *= 10;
            }
            mantissa += c - '0';
            pendingZeros = 0;
            return true;
        }

        if (text[p] == '0') p++;
        else if (text[p] is >= '1' and <= '9')
        {
            while (p < end && char.IsAsciiDigit(text[p])) if (!AddDigit(text[p++])) return false;
        }
        else return false;

        if (p < end && text[p] == '.')
        {
            p++;
            if (p >= end || !char.IsAsciiDigit(text[p])) return false;
            while (p < end && char.IsAsciiDigit(text[p]))
            {
                if (!AddDigit(text[p++])) return false;
                fractionDigits++;
            }
        }

        long exponent = 0;
        if (p < end && text[p] is 'e' or 'E')
        {
            p++;
            bool expNegative = false;
            if (p < end && text[p] == '+') p++;
            else if (p < end && text[p] == '-') { expNegative = true; p++; }
            if (p >= end || !char.IsAsciiDigit(text[p])) return false;
            while (p < end && char.IsAsciiDigit(text[p]))
            {
                if (exponent > UpperBound / 10) return false;
                exponent = exponent * 10 + (text[p++] - '0');
            }
            if (expNegative) exponent = -exponent;
        }
        if (p != end) return false;

        exponent = exponent - fractionDigits + pendingZeros + decimals;
        if (negative) mantissa = -mantissa;
        if (exponent < 0 || exponent >= 18) return false;
        for (int i = 0; i < exponent; i++)
        {
            if (mantissa > UpperBound / 10 || mantissa < -(UpperBound / 10)) return false;
            mantissa *= 10;
        }
        if (mantissa > UpperBound || mantissa < -UpperBound) return false;
        value = mantissa;
        return true;
    }

    /// <summary>An amount in satoshis as a JSON number with eight decimals (Core's ValueFromAmount).</summary>
    public static JsonValue ValueFromAmount(long satoshis) => JsonNumbers.Amount(satoshis);
}
