using System.Text;

namespace Bitcoin.Node.Net.Addresses;

/// <summary>RFC 4648 base32 in lower case, as Core's EncodeBase32/DecodeBase32 (onion, I2P and internal addresses).</summary>
internal static class Base32
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Encode(ReadOnlySpan<byte> input, bool pad = true)
    {
        var text = new StringBuilder((input.Length + 4) / 5 * 8);
        int accumulator = 0, bits = 0;
        foreach (var b in input)
        {
            accumulator = (accumulator << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Alphabet[(accumulator >> bits) & 31]);
            }
        }

        if (bits > 0)
            text.Append(Alphabet[(accumulator << (5 - bits)) & 31]);
        if (pad)
        {
            while (text.Length % 8 != 0)
                text.Append('=');
        }

        return text.ToString();
    }

    /// <summary>Decodes padded base32 (length a multiple of 8; either letter case); null if malformed.</summary>
    public static byte[]? Decode(string text)
    {
        if (text.Length % 8 != 0)
            return null;
        var span = text.AsSpan();
        // Core accepts 1, 3, 4 or 6 trailing '=' characters.
        if (span.EndsWith("=")) span = span[..^1];
        if (span.EndsWith("==")) span = span[..^2];
        if (span.EndsWith("=")) span = span[..^1];
        if (span.EndsWith("==")) span = span[..^2];

        var output = new List<byte>(span.Length * 5 / 8);
        int accumulator = 0, bits = 0;
        foreach (var c in span)
        {
            int value = c switch
            {
                >= 'a' and <= 'z' => c - 'a',
                >= 'A' and <= 'Z' => c - 'A',
                >= '2' and <= '7' => c - '2' + 26,
                _ => -1,
            };
            if (value < 0)
                return null;
            accumulator = ((accumulator << 5) | value) & 0xFFF;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(accumulator >> bits));
            }
        }

        // Leftover bits must be fewer than one symbol and all zero.
        if (bits >= 5 || (accumulator & ((1 << bits) - 1)) != 0)
            return null;
        return output.ToArray();
    }
}
