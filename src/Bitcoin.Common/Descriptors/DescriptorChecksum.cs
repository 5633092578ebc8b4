namespace Bitcoin.Common.Descriptors;

/// <summary>
/// The 8-character descriptor checksum (BIP380, Core's DescriptorChecksum): a BCH code over GF(32) on the descriptor
/// text, appended after '#'.
/// </summary>
public static class DescriptorChecksum
{
    private const string InputCharset =
        "0123456789()[],'/*abcdefgh@:$%{}" +
        "IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~" +
        "ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";

    private const string ChecksumCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    /// <summary>The checksum of <paramref name="descriptor"/> (without any '#'), or "" if it has characters outside the descriptor character set.</summary>
    public static string Compute(ReadOnlySpan<char> descriptor)
    {
        ulong c = 1;
        int cls = 0;
        int clscount = 0;
        foreach (char ch in descriptor)
        {
            int pos = InputCharset.IndexOf(ch, StringComparison.Ordinal);
            if (pos < 0) return "";
            c = PolyMod(c, pos & 31);
            cls = cls * 3 + (pos >> 5);
            if (++clscount == 3)
            {
                c = PolyMod(c, cls);
                cls = 0;
                clscount = 0;
            }
        }
        if (clscount > 0) c = PolyMod(c, cls);
        for (int j = 0; j < 8; j++) c = PolyMod(c, 0);
        c ^= 1;
        var ret = new char[8];
        for (int j = 0; j < 8; j++) ret[j] = ChecksumCharset[(int)((c >> (5 * (7 - j))) & 31)];
        return new string(ret);
    }

    /// <summary>The descriptor with "#checksum" appended.</summary>
    public static string Add(string descriptor) => descriptor + "#" + Compute(descriptor);

    /// <summary>
    /// Core's GetDescriptorChecksum: the checksum a descriptor has (if present and correct) or needs (if absent);
    /// "" if its checksum is wrong or it cannot have one.
    /// </summary>
    public static string Get(string descriptor)
        => TryCheck(descriptor, requireChecksum: false, out _, out string checksum, out _) ? checksum : "";

    /// <summary>
    /// Core's CheckChecksum: splits off and verifies the checksum. On failure returns false with Core's message:
    /// "Multiple '#' symbols", "Missing checksum", "Expected 8 character checksum, not N characters",
    /// "Invalid characters in payload", "Provided checksum 'X' does not match computed checksum 'Y'".
    /// </summary>
    public static bool TryCheck(string descriptor, bool requireChecksum, out string payload, out string checksum, out string error)
    {
        payload = descriptor;
        checksum = "";
        error = "";
        var parts = descriptor.Split('#');
        if (parts.Length > 2)
        {
            error = "Multiple '#' symbols";
            return false;
        }
        if (parts.Length == 1 && requireChecksum)
        {
            error = "Missing checksum";
            return false;
        }
        if (parts.Length == 2 && parts[1].Length != 8)
        {
            error = $"Expected 8 character checksum, not {parts[1].Length} characters";
            return false;
        }
        string computed = Compute(parts[0]);
        if (computed.Length == 0)
        {
            error = "Invalid characters in payload";
            return false;
        }
        if (parts.Length == 2 && parts[1] != computed)
        {
            error = $"Provided checksum '{parts[1]}' does not match computed checksum '{computed}'";
            return false;
        }
        payload = parts[0];
        checksum = computed;
        return true;
    }

    private static ulong PolyMod(ulong c, int val)
    {
        byte c0 = (byte)(c >> 35);
        c = ((c & 0x7ffffffffUL) << 5) ^ (ulong)val;
        if ((c0 & 1) != 0) c ^= 0xf5dee51989UL;
        if ((c0 & 2) != 0) c ^= 0xa9fdca3312UL;
        if ((c0 & 4) != 0) c ^= 0x1bab10e32dUL;
        if ((c0 & 8) != 0) c ^= 0x3706b1677aUL;
        if ((c0 & 16) != 0) c ^= 0x644d626ffdUL;
        return c;
    }
}
