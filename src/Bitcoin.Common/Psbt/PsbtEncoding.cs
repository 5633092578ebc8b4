using Bitcoin.Common.Psbt.Internal;

namespace Bitcoin.Common.Psbt;

/// <summary>PSBT bytes and base64 (Core's DecodeBase64PSBT / DecodeRawPSBT and the PSBT serializer).</summary>
public static class PsbtEncoding
{
    /// <summary>The serialized PSBT.</summary>
    public static byte[] Serialize(PartiallySignedTransaction psbt)
    {
        ArgumentNullException.ThrowIfNull(psbt);
        var w = new PsbtWriter();
        psbt.Write(w);
        return w.ToArray();
    }

    /// <summary>The serialized PSBT in base64.</summary>
    public static string ToBase64(PartiallySignedTransaction psbt) => Convert.ToBase64String(Serialize(psbt));

    /// <summary>
    /// Decodes base64 text (Core's DecodeBase64PSBT). On failure <paramref name="error"/> is Core's message: "invalid
    /// base64", "extra data after PSBT", or the deserialization failure.
    /// </summary>
    public static bool TryDecodeBase64(string base64, out PartiallySignedTransaction psbt, out string error)
    {
        ArgumentNullException.ThrowIfNull(base64);
        psbt = null!;
        if (!TryDecodeBase64Strict(base64, out var data))
        {
            error = "invalid base64";
            return false;
        }
        return TryDecode(data, out psbt, out error);
    }

    /// <summary>Decodes PSBT bytes (Core's DecodeRawPSBT).</summary>
    public static bool TryDecode(byte[] data, out PartiallySignedTransaction psbt, out string error)
    {
        ArgumentNullException.ThrowIfNull(data);
        psbt = null!;
        var reader = new PsbtReader(data);
        try
        {
            psbt = PartiallySignedTransaction.Read(reader);
        }
        catch (PsbtFormatException e)
        {
            error = e.Message;
            return false;
        }
        if (!reader.IsEmpty)
        {
            psbt = null!;
            error = "extra data after PSBT";
            return false;
        }
        error = "";
        return true;
    }

    // Core's DecodeBase64: a multiple of four characters, at most two '=' at the very end, and padding bits that are
    // zero (ConvertBits<6, 8, false>); anything else, whitespace included, is refused.
    private static bool TryDecodeBase64Strict(string text, out byte[] data)
    {
        data = [];
        if (text.Length % 4 != 0) return false;
        int length = text.Length;
        if (length >= 1 && text[length - 1] == '=') length--;
        if (length >= 1 && text[length - 1] == '=') length--;
        var result = new List<byte>(length * 3 / 4);
        int acc = 0, bits = 0;
        for (int i = 0; i < length; i++)
        {
            int v = Base64Value(text[i]);
            if (v < 0) return false;
            acc = ((acc << 6) | v) & 0xfff;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                result.Add((byte)((acc >> bits) & 0xff));
            }
        }
        // Leftover bits must be fewer than six and all zero.
        if (bits >= 6 || ((acc << (8 - bits)) & 0xff) != 0) return false;
        data = [.. result];
        return true;
    }

    private static int Base64Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        '/' => 63,
        _ => -1,
    };
}
