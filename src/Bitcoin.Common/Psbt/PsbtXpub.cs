using Bitcoin.Common.Psbt.Internal;
using NBitcoin;

namespace Bitcoin.Common.Psbt;

/// <summary>
/// A global extended public key of a PSBT (PSBT_GLOBAL_XPUB) in its 78-byte BIP32 encoding with version. Ordered and
/// compared by public key then chain code, as Core's CExtPubKey (the version, depth and child number are not compared).
/// </summary>
public sealed class PsbtXpub : IComparable<PsbtXpub>, IEquatable<PsbtXpub>
{
    private PsbtXpub(byte[] encoded, PubKey pubkey)
    {
        Encoded = encoded;
        PubKey = pubkey;
    }

    /// <summary>The 78 bytes: version, depth, parent fingerprint, child number, chain code, public key.</summary>
    public byte[] Encoded { get; }

    /// <summary>The public key.</summary>
    public PubKey PubKey { get; }

    /// <summary>The chain code.</summary>
    public ReadOnlySpan<byte> ChainCode => Encoded.AsSpan(13, 32);

    /// <summary>Parses a 78-byte encoding; false if its key is not a valid compressed key.</summary>
    public static bool TryParse(ReadOnlySpan<byte> encoded, out PsbtXpub xpub)
    {
        xpub = null!;
        if (encoded.Length != 78) return false;
        if (!PsbtMaps.TryParseFullyValid(encoded[45..], out var pubkey)) return false;
        xpub = new PsbtXpub(encoded.ToArray(), pubkey);
        return true;
    }

    /// <summary>The encoding of an NBitcoin extended public key with the given 4-byte version.</summary>
    public static PsbtXpub FromExtPubKey(ExtPubKey key, ReadOnlySpan<byte> version)
    {
        var bytes = new byte[78];
        version.CopyTo(bytes);
        key.ToBytes().CopyTo(bytes, 4);
        return new PsbtXpub(bytes, key.PubKey);
    }

    /// <inheritdoc/>
    public int CompareTo(PsbtXpub? other)
    {
        if (other is null) return 1;
        int c = ByteComparers.PubKey.Compare(PubKey, other.PubKey);
        return c != 0 ? c : ChainCode.SequenceCompareTo(other.ChainCode);
    }

    /// <inheritdoc/>
    public bool Equals(PsbtXpub? other) => other is not null && CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PsbtXpub x && Equals(x);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(PubKey.ToBytes());
        h.AddBytes(ChainCode);
        return h.ToHashCode();
    }
}
