namespace Bitcoin.Common.Addresses.Internal;

/// <summary>Core's CScriptNum: little-endian sign-magnitude script numbers.</summary>
internal static class ScriptNum
{
    /// <summary>Serializes a number the way CScriptNum::serialize does (0 is the empty vector).</summary>
    public static byte[] Serialize(long value)
    {
        if (value == 0) return [];
        var result = new List<byte>();
        bool negative = value < 0;
        ulong abs = negative ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        while (abs != 0)
        {
            result.Add((byte)(abs & 0xff));
            abs >>= 8;
        }
        if ((result[^1] & 0x80) != 0)
            result.Add(negative ? (byte)0x80 : (byte)0);
        else if (negative)
            result[^1] |= 0x80;
        return [.. result];
    }

    /// <summary>
    /// Decodes a script number. Returns false where CScriptNum's constructor would throw: more than
    /// <paramref name="maxSize"/> bytes, or (with <paramref name="requireMinimal"/>) a non-minimal encoding.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, bool requireMinimal, int maxSize, out long value)
    {
        value = 0;
        if (data.Length > maxSize) return false;
        if (requireMinimal && data.Length > 0)
        {
            if ((data[^1] & 0x7f) == 0 && (data.Length <= 1 || (data[^2] & 0x80) == 0)) return false;
        }
        if (data.Length == 0) return true;
        long result = 0;
        for (int i = 0; i < data.Length; i++) result |= (long)data[i] << (8 * i);
        if ((data[^1] & 0x80) != 0)
        {
            value = -(result & ~(0x80L << (8 * (data.Length - 1))));
            return true;
        }
        value = result;
        return true;
    }

    /// <summary>CScriptNum::getint: the value clamped to the int range.</summary>
    public static int ClampToInt(long value)
        => value > int.MaxValue ? int.MaxValue : value < int.MinValue ? int.MinValue : (int)value;
}
