namespace Bitcoin.Common.Addresses;

/// <summary>
/// Bech32 and Bech32m (BIP173, BIP350) as Core's bech32.cpp, including the error locator that
/// <c>validateaddress</c> reports as <c>error_locations</c> (it finds up to two substitution errors).
/// </summary>
public static class Bech32
{
    /// <summary>The character limit Core applies to addresses (BIP173/BIP350), within which two errors are always located.</summary>
    public const int AddressCharLimit = 90;

    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private const int ChecksumSize = 6;
    private const char Separator = '1';

    private static readonly sbyte[] s_charsetRev = BuildCharsetRev();
    private static readonly (short[] Exp, short[] Log) s_gf1024 = BuildGf1024Tables();
    private static readonly uint[] s_syndromeConsts = BuildSyndromeConstants();

    /// <summary>Encodes a lower-case human-readable part and 5-bit values, appending the checksum.</summary>
    public static string Encode(Bech32Encoding encoding, string hrp, ReadOnlySpan<byte> values)
    {
        if (encoding == Bech32Encoding.Invalid) throw new ArgumentOutOfRangeException(nameof(encoding));
        foreach (char c in hrp)
        {
            if (c >= 'A' && c <= 'Z') throw new ArgumentException("The human-readable part must be lower case.", nameof(hrp));
        }
        var sb = new System.Text.StringBuilder(hrp.Length + 1 + values.Length + ChecksumSize);
        sb.Append(hrp).Append(Separator);
        foreach (byte v in values) sb.Append(Charset[v]);
        foreach (byte v in CreateChecksum(encoding, hrp, values)) sb.Append(Charset[v]);
        return sb.ToString();
    }

    /// <summary>Decodes a Bech32 or Bech32m string of at most <paramref name="limit"/> characters.</summary>
    public static Bech32DecodeResult Decode(string str, int limit = AddressCharLimit)
    {
        if (!CheckCharacters(str, new List<int>())) return Bech32DecodeResult.Invalid;
        int pos = str.LastIndexOf(Separator);
        if (str.Length > limit) return Bech32DecodeResult.Invalid;
        if (pos < 1 || pos + ChecksumSize >= str.Length) return Bech32DecodeResult.Invalid;
        var values = new byte[str.Length - 1 - pos];
        for (int i = 0; i < values.Length; i++)
        {
            char c = str[i + pos + 1];
            int rev = c < 128 ? s_charsetRev[c] : -1;
            if (rev == -1) return Bech32DecodeResult.Invalid;
            values[i] = (byte)rev;
        }
        string hrp = LowerHrp(str, pos);
        var encoding = VerifyChecksum(hrp, values);
        if (encoding == Bech32Encoding.Invalid) return Bech32DecodeResult.Invalid;
        return new Bech32DecodeResult(encoding, hrp, values[..^ChecksumSize]);
    }

    /// <summary>
    /// Explains why a string is not valid Bech32/Bech32m: Core's message ("Invalid Bech32 checksum", "Invalid character
    /// or mixed case", ...) and the indices of the characters most likely wrong. Returns ("", []) for a valid string.
    /// </summary>
    public static (string Error, IReadOnlyList<int> Locations) LocateErrors(string str, int limit = AddressCharLimit)
    {
        var locations = new List<int>();
        if (str.Length > limit)
        {
            for (int i = limit; i < str.Length; i++) locations.Add(i);
            return ("Bech32 string too long", locations);
        }
        if (!CheckCharacters(str, locations)) return ("Invalid character or mixed case", locations);

        int pos = str.LastIndexOf(Separator);
        if (pos == -1) return ("Missing separator", []);
        if (pos == 0 || pos + ChecksumSize >= str.Length)
        {
            locations.Add(pos);
            return ("Invalid separator position", locations);
        }

        string hrp = LowerHrp(str, pos);
        int length = str.Length - 1 - pos;
        var values = new byte[length];
        for (int i = pos + 1; i < str.Length; i++)
        {
            char c = str[i];
            int rev = c < 128 ? s_charsetRev[c] : -1;
            if (rev == -1)
            {
                locations.Add(i);
                return ("Invalid Base 32 character", locations);
            }
            values[i - pos - 1] = (byte)rev;
        }

        var (exp, log) = s_gf1024;
        Bech32Encoding? errorEncoding = null;
        foreach (var encoding in new[] { Bech32Encoding.Bech32, Bech32Encoding.Bech32m })
        {
            var possible = new List<int>();
            uint residue = PolyMod(PrepareCoefficients(hrp, values)) ^ EncodingConstant(encoding);
            if (residue == 0) return ("", []);

            uint syn = Syndrome(residue);
            int s0 = (int)(syn & 0x3FF);
            int s1 = (int)((syn >> 10) & 0x3FF);
            int s2 = (int)(syn >> 20);
            int ls0 = log[s0], ls1 = log[s1], ls2 = log[s2];

            if (ls0 != -1 && ls1 != -1 && ls2 != -1 && (2 * ls1 - ls2 - ls0 + 2046) % 1023 == 0)
            {
                // One error: its position is log(s1/s0); its value must lie in GF(32).
                int p1 = (ls1 - ls0 + 1023) % 1023;
                int le1 = ls0 + (1023 - 997) * p1;
                if (p1 < length && le1 % 33 == 0) possible.Add(str.Length - p1 - 1);
            }
            else
            {
                // Two errors: try each first position and solve for the second.
                for (int p1 = 0; p1 < length; p1++)
                {
                    int s2s1p1 = s2 ^ (s1 == 0 ? 0 : exp[(ls1 + p1) % 1023]);
                    if (s2s1p1 == 0) continue;
                    int ls2s1p1 = log[s2s1p1];
                    int s1s0p1 = s1 ^ (s0 == 0 ? 0 : exp[(ls0 + p1) % 1023]);
                    if (s1s0p1 == 0) continue;
                    int ls1s0p1 = log[s1s0p1];
                    int p2 = (ls2s1p1 - ls1s0p1 + 1023) % 1023;
                    if (p2 >= length || p1 == p2) continue;
                    int s1s0p2 = s1 ^ (s0 == 0 ? 0 : exp[(ls0 + p2) % 1023]);
                    if (s1s0p2 == 0) continue;
                    int ls1s0p2 = log[s1s0p2];
                    int invP1P2 = 1023 - log[exp[p1] ^ exp[p2]];
                    int le2 = ls1s0p1 + invP1P2 + (1023 - 997) * p2;
                    if (le2 % 33 != 0) continue;
                    int le1 = ls1s0p2 + invP1P2 + (1023 - 997) * p1;
                    if (le1 % 33 != 0) continue;
                    if (p1 > p2)
                    {
                        possible.Add(str.Length - p1 - 1);
                        possible.Add(str.Length - p2 - 1);
                    }
                    else
                    {
                        possible.Add(str.Length - p2 - 1);
                        possible.Add(str.Length - p1 - 1);
                    }
                    break;
                }
            }

            if (locations.Count == 0 || (possible.Count > 0 && possible.Count < locations.Count))
            {
                locations = possible;
                if (locations.Count > 0) errorEncoding = encoding;
            }
        }
        string message = errorEncoding switch
        {
            Bech32Encoding.Bech32m => "Invalid Bech32m checksum",
            Bech32Encoding.Bech32 => "Invalid Bech32 checksum",
            _ => "Invalid checksum",
        };
        return (message, locations);
    }

    /// <summary>
    /// Regroups bits (Core's ConvertBits): 8→5 with padding for encoding, 5→8 without padding for decoding.
    /// Returns false when the input has leftover non-zero bits or an incomplete group where padding is not allowed.
    /// </summary>
    public static bool ConvertBits(ReadOnlySpan<byte> input, int fromBits, int toBits, bool pad, out byte[] output)
    {
        var result = new List<byte>(input.Length * fromBits / toBits + 1);
        int acc = 0;
        int bits = 0;
        int maxv = (1 << toBits) - 1;
        int maxAcc = (1 << (fromBits + toBits - 1)) - 1;
        foreach (byte value in input)
        {
            acc = ((acc << fromBits) | value) & maxAcc;
            bits += fromBits;
            while (bits >= toBits)
            {
                bits -= toBits;
                result.Add((byte)((acc >> bits) & maxv));
            }
        }
        output = [];
        if (pad)
        {
            if (bits > 0) result.Add((byte)((acc << (toBits - bits)) & maxv));
        }
        else if (bits >= fromBits || ((acc << (toBits - bits)) & maxv) != 0)
        {
            return false;
        }
        output = [.. result];
        return true;
    }

    private static string LowerHrp(string str, int pos)
    {
        var chars = new char[pos];
        for (int i = 0; i < pos; i++)
        {
            char c = str[i];
            chars[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
        }
        return new string(chars);
    }

    private static bool CheckCharacters(string str, List<int> errors)
    {
        bool lower = false, upper = false;
        for (int i = 0; i < str.Length; i++)
        {
            char c = str[i];
            if (c >= 'a' && c <= 'z')
            {
                if (upper) errors.Add(i);
                else lower = true;
            }
            else if (c >= 'A' && c <= 'Z')
            {
                if (lower) errors.Add(i);
                else upper = true;
            }
            else if (c < 33 || c > 126)
            {
                errors.Add(i);
            }
        }
        return errors.Count == 0;
    }

    private static uint EncodingConstant(Bech32Encoding encoding) => encoding == Bech32Encoding.Bech32 ? 1u : 0x2bc830a3u;

    private static byte[] PrepareCoefficients(string hrp, ReadOnlySpan<byte> values)
    {
        var ret = new byte[hrp.Length * 2 + 1 + values.Length];
        for (int i = 0; i < hrp.Length; i++) ret[i] = (byte)(hrp[i] >> 5);
        ret[hrp.Length] = 0;
        for (int i = 0; i < hrp.Length; i++) ret[hrp.Length + 1 + i] = (byte)(hrp[i] & 0x1f);
        values.CopyTo(ret.AsSpan(hrp.Length * 2 + 1));
        return ret;
    }

    private static Bech32Encoding VerifyChecksum(string hrp, ReadOnlySpan<byte> values)
    {
        uint check = PolyMod(PrepareCoefficients(hrp, values));
        if (check == EncodingConstant(Bech32Encoding.Bech32)) return Bech32Encoding.Bech32;
        if (check == EncodingConstant(Bech32Encoding.Bech32m)) return Bech32Encoding.Bech32m;
        return Bech32Encoding.Invalid;
    }

    private static byte[] CreateChecksum(Bech32Encoding encoding, string hrp, ReadOnlySpan<byte> values)
    {
        var enc = PrepareCoefficients(hrp, values);
        Array.Resize(ref enc, enc.Length + ChecksumSize);
        uint mod = PolyMod(enc) ^ EncodingConstant(encoding);
        var ret = new byte[ChecksumSize];
        for (int i = 0; i < ChecksumSize; i++) ret[i] = (byte)((mod >> (5 * (5 - i))) & 31);
        return ret;
    }

    // The BCH code's remainder; the generator constants are those of BIP173.
    private static uint PolyMod(ReadOnlySpan<byte> v)
    {
        uint c = 1;
        foreach (byte vi in v)
        {
            uint c0 = c >> 25;
            c = ((c & 0x1ffffff) << 5) ^ vi;
            if ((c0 & 1) != 0) c ^= 0x3b6a57b2;
            if ((c0 & 2) != 0) c ^= 0x26508e6d;
            if ((c0 & 4) != 0) c ^= 0x1ea119fa;
            if ((c0 & 8) != 0) c ^= 0x3d4233dd;
            if ((c0 & 16) != 0) c ^= 0x2a1462b3;
        }
        return c;
    }

    // Evaluates the residue at e^997, e^998, e^999 (packed 10 bits each) using precomputed per-bit constants.
    private static uint Syndrome(uint residue)
    {
        uint low = residue & 0x1f;
        uint result = low ^ (low << 10) ^ (low << 20);
        for (int i = 0; i < 25; i++)
        {
            if (((residue >> (5 + i)) & 1) != 0) result ^= s_syndromeConsts[i];
        }
        return result;
    }

    // GF(1024) as the extension of GF(32) (modulus x^5+x^3+1) by x^2 + 9x + 23, with exp/log tables.
    private static (short[] Exp, short[] Log) BuildGf1024Tables()
    {
        var gf32Exp = new int[31];
        var gf32Log = new int[32];
        const int fmod = 41;
        gf32Exp[0] = 1;
        gf32Log[0] = -1;
        gf32Log[1] = 0;
        int v = 1;
        for (int i = 1; i < 31; i++)
        {
            v <<= 1;
            if ((v & 32) != 0) v ^= fmod;
            gf32Exp[i] = v;
            gf32Log[v] = i;
        }

        var exp = new short[1023];
        var log = new short[1024];
        exp[0] = 1;
        log[0] = -1;
        log[1] = 0;
        v = 1;
        for (int i = 1; i < 1023; i++)
        {
            int v0 = v & 31;
            int v1 = v >> 5;
            int v0n = v1 != 0 ? gf32Exp[(gf32Log[v1] + gf32Log[23]) % 31] : 0;
            int v1n = (v1 != 0 ? gf32Exp[(gf32Log[v1] + gf32Log[9]) % 31] : 0) ^ v0;
            v = (v1n << 5) | v0n;
            exp[i] = (short)v;
            log[v] = (short)i;
        }
        return (exp, log);
    }

    private static uint[] BuildSyndromeConstants()
    {
        var (exp, log) = s_gf1024;
        var consts = new uint[25];
        for (int k = 1; k < 6; k++)
        {
            for (int shift = 0; shift < 5; shift++)
            {
                int b = log[1 << shift];
                uint c0 = (uint)exp[(997 * k + b) % 1023];
                uint c1 = (uint)exp[(998 * k + b) % 1023];
                uint c2 = (uint)exp[(999 * k + b) % 1023];
                consts[5 * (k - 1) + shift] = (c2 << 20) | (c1 << 10) | c0;
            }
        }
        return consts;
    }

    private static sbyte[] BuildCharsetRev()
    {
        var rev = new sbyte[128];
        Array.Fill(rev, (sbyte)-1);
        for (int i = 0; i < Charset.Length; i++)
        {
            rev[Charset[i]] = (sbyte)i;
            rev[char.ToUpperInvariant(Charset[i])] = (sbyte)i;
        }
        return rev;
    }
}
