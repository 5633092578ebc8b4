using Bitcoin.Common.Addresses.Internal;

namespace Bitcoin.Common.Addresses;

/// <summary>
/// Base58 and Base58Check exactly as Core's base58.cpp: leading and trailing whitespace is skipped when decoding,
/// embedded NUL characters and any other non-alphabet character make decoding fail, and decoding stops early (fails)
/// once the result would exceed the caller's length limit.
/// </summary>
public static class Base58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static readonly sbyte[] s_map = BuildMap();

    /// <summary>Encodes bytes as Base58 (leading zero bytes become '1').</summary>
    public static string Encode(ReadOnlySpan<byte> input)
    {
        int zeroes = 0;
        while (input.Length > 0 && input[0] == 0)
        {
            input = input[1..];
            zeroes++;
        }
        int size = input.Length * 138 / 100 + 1;
        var b58 = new byte[size];
        int length = 0;
        foreach (byte value in input)
        {
            int carry = value;
            int i = 0;
            for (int it = size - 1; (carry != 0 || i < length) && it >= 0; it--, i++)
            {
                carry += 256 * b58[it];
                b58[it] = (byte)(carry % 58);
                carry /= 58;
            }
            length = i;
        }
        int start = size - length;
        while (start < size && b58[start] == 0) start++;
        var chars = new char[zeroes + size - start];
        for (int i = 0; i < zeroes; i++) chars[i] = '1';
        for (int i = start; i < size; i++) chars[zeroes + i - start] = Alphabet[b58[i]];
        return new string(chars);
    }

    /// <summary>Decodes Base58; false on a bad character or if the result would be longer than <paramref name="maxLength"/>.</summary>
    public static bool TryDecode(string text, int maxLength, out byte[] result)
    {
        result = [];
        if (text.Contains('\0', StringComparison.Ordinal)) return false;
        int p = 0;
        while (p < text.Length && IsSpace(text[p])) p++;
        int zeroes = 0;
        int length = 0;
        while (p < text.Length && text[p] == '1')
        {
            zeroes++;
            if (zeroes > maxLength) return false;
            p++;
        }
        int size = (text.Length - p) * 733 / 1000 + 1;
        var b256 = new byte[size];
        while (p < text.Length && !IsSpace(text[p]))
        {
            char c = text[p];
            int carry = c < 256 ? s_map[c] : -1;
            if (carry == -1) return false;
            int i = 0;
            for (int it = size - 1; (carry != 0 || i < length) && it >= 0; it--, i++)
            {
                carry += 58 * b256[it];
                b256[it] = (byte)(carry % 256);
                carry /= 256;
            }
            length = i;
            if (length + zeroes > maxLength) return false;
            p++;
        }
        while (p < text.Length && IsSpace(text[p])) p++;
        if (p != text.Length) return false;
        result = new byte[zeroes + length];
        Array.Copy(b256, size - length, result, zeroes, length);
        return true;
    }

    /// <summary>Encodes with a 4-byte double-SHA256 checksum appended.</summary>
    public static string EncodeCheck(ReadOnlySpan<byte> input)
    {
        var data = new byte[input.Length + 4];
        input.CopyTo(data);
        CoreHashes.DoubleSha256(input).AsSpan(0, 4).CopyTo(data.AsSpan(input.Length));
        return Encode(data);
    }

    /// <summary>Decodes Base58Check; false on a bad encoding, bad checksum, or a payload longer than <paramref name="maxLength"/>.</summary>
    public static bool TryDecodeCheck(string text, int maxLength, out byte[] payload)
    {
        payload = [];
        int limit = maxLength > int.MaxValue - 4 ? int.MaxValue : maxLength + 4;
        if (!TryDecode(text, limit, out var data) || data.Length < 4) return false;
        var hash = CoreHashes.DoubleSha256(data.AsSpan(0, data.Length - 4));
        if (!hash.AsSpan(0, 4).SequenceEqual(data.AsSpan(data.Length - 4))) return false;
        payload = data[..^4];
        return true;
    }

    // Core's IsSpace: the C locale's whitespace characters.
    private static bool IsSpace(char c) => c == ' ' || c == '\f' || c == '\n' || c == '\r' || c == '\t' || c == '\v';

    private static sbyte[] BuildMap()
    {
        var map = new sbyte[256];
        Array.Fill(map, (sbyte)-1);
        for (int i = 0; i < Alphabet.Length; i++) map[Alphabet[i]] = (sbyte)i;
        return map;
    }
}
