using Bitcoin.Common.Descriptors;
using NBitcoin;

namespace Bitcoin.Common.Psbt.Internal;

/// <summary>Core's (de)serialization of key origins in PSBT values: a fingerprint then 32-bit path elements.</summary>
internal static class KeyOrigins
{
    /// <summary>Core's DeserializeKeyOrigin: <paramref name="length"/> bytes, a non-zero multiple of 4.</summary>
    public static KeyOriginInfo Read(PsbtReader r, ulong length)
    {
        if (length % 4 != 0 || length == 0) throw new PsbtFormatException("Invalid length for HD key path");
        var fingerprint = new HDFingerprint(r.Take(4).ToArray());
        var path = new List<uint>();
        for (ulong i = 4; i < length; i += 4) path.Add(r.ReadUInt32());
        return new KeyOriginInfo(fingerprint, path);
    }

    /// <summary>Core's DeserializeHDKeypath: a compact-size length, then the origin.</summary>
    public static KeyOriginInfo ReadWithLength(PsbtReader r) => Read(r, r.ReadCompactSize());

    /// <summary>Core's SerializeKeyOrigin (no length).</summary>
    public static void Write(PsbtWriter w, KeyOriginInfo origin)
    {
        w.WriteRaw(origin.Fingerprint.ToBytes());
        foreach (uint p in origin.Path) w.WriteUInt32(p);
    }

    /// <summary>Core's SerializeHDKeypath: the length, then the origin.</summary>
    public static void WriteWithLength(PsbtWriter w, KeyOriginInfo origin)
    {
        w.WriteCompactSize((ulong)((origin.Path.Count + 1) * 4));
        Write(w, origin);
    }

    /// <summary>The serialized value of a taproot BIP32 entry: the leaf hashes, then the origin.</summary>
    public static byte[] TaprootValue(SortedSet<uint256> leafHashes, KeyOriginInfo origin)
    {
        var w = new PsbtWriter();
        w.WriteCompactSize((ulong)leafHashes.Count);
        foreach (var h in leafHashes) w.WriteRaw(h.ToBytes());
        Write(w, origin);
        return w.ToArray();
    }

    /// <summary>
    /// Reads a taproot BIP32 value (Core's PSBT_{IN,OUT}_TAP_BIP32_DERIVATION): its length, the leaf hash set, and an
    /// origin filling the rest of the value.
    /// </summary>
    public static (SortedSet<uint256> LeafHashes, KeyOriginInfo Origin) ReadTaprootValue(PsbtReader r, string side)
    {
        ulong valueLength = r.ReadCompactSize();
        int before = r.Remaining;
        ulong count = r.ReadCompactSize();
        var hashes = new SortedSet<uint256>(ByteComparers.Uint256);
        for (ulong i = 0; i < count; i++) hashes.Add(new uint256(r.Take(32).ToArray()));
        ulong hashesLength = (ulong)(before - r.Remaining);
        if (hashesLength > valueLength) throw new PsbtFormatException(side + " Taproot BIP32 keypath has an invalid length");
        return (hashes, Read(r, valueLength - hashesLength));
    }
}
