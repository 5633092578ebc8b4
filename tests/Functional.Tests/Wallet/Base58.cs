using System.Numerics;

namespace Functional.Tests.Wallet;

/// <summary>Base58 decoding (Bitcoin's alphabet) for looking into extended keys; the checksum is left on.</summary>
internal static class Base58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary>The bytes <paramref name="text"/> encodes (payload and 4-byte checksum).</summary>
    public static byte[] Decode(string text)
    {
        var value = BigInteger.Zero;
        foreach (var c in text)
        {
            var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
                throw new FormatException($"'{c}' is not a base58 character");
            value = value * 58 + digit;
        }

        var leadingZeros = text.TakeWhile(c => c == '1').Count();
        var body = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[leadingZeros], .. body];
    }
}
