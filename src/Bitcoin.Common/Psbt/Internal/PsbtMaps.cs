using System.Text;
using Bitcoin.Common.Addresses.Internal;
using NBitcoin;

namespace Bitcoin.Common.Psbt.Internal;

/// <summary>Pieces shared by the global, input and output maps: keys, duplicate detection, keys and proprietary records.</summary>
internal static class PsbtMaps
{
    /// <summary>Reads a key; an empty key is the separator.</summary>
    public static byte[] ReadKey(PsbtReader s) => s.ReadBytes();

    /// <summary>Throws Core's duplicate-key error for a key seen before in this map.</summary>
    public static void CheckDuplicate(HashSet<string> seen, byte[] key, string map)
    {
        string hex = Convert.ToHexString(key).ToLowerInvariant();
        if (!seen.Add(hex)) throw new PsbtFormatException($"Duplicate Key, {map} key \"{hex}\" already provided");
    }

    /// <summary>Core's ExpectedKeySize.</summary>
    public static void ExpectKeySize(string name, byte[] key, int size)
    {
        if (key.Length != size) throw new PsbtFormatException($"Size of key was not {size} for the type {name}");
    }

    /// <summary>A proprietary record: the identifier and subtype from the key, then the value.</summary>
    public static PsbtProprietary ReadProprietary(byte[] key, PsbtReader keyReader, PsbtReader s)
    {
        var identifier = keyReader.ReadBytes();
        ulong subtype = keyReader.ReadCompactSize();
        return new PsbtProprietary(subtype, identifier, key, s.ReadBytes());
    }

    /// <summary>A compressed or uncompressed key that is on the curve (Core's CPubKey::IsFullyValid).</summary>
    public static bool TryParseFullyValid(ReadOnlySpan<byte> bytes, out PubKey pubkey)
    {
        pubkey = null!;
        if (!PubKeyBytes.TryParse(bytes, out var pk)) return false;
        pubkey = pk;
        return true;
    }

    /// <summary>Writes the records every map ends with: proprietary, then unknown.</summary>
    public static void WriteProprietary(PsbtWriter w, SortedSet<PsbtProprietary> records)
    {
        foreach (var p in records)
        {
            w.WriteBytes(p.Key);
            w.WriteBytes(p.Value);
        }
    }

    public static void WriteUnknown(PsbtWriter w, SortedDictionary<byte[], byte[]> unknown)
    {
        foreach (var (k, v) in unknown)
        {
            w.WriteBytes(k);
            w.WriteBytes(v);
        }
    }

    /// <summary>A key made of a type and data, as bytes (for keys written with a length prefix).</summary>
    public static byte[] Key(byte type, params byte[][] parts)
    {
        var b = new List<byte> { type };
        foreach (var p in parts) b.AddRange(p);
        return [.. b];
    }

    public static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);
}
