using NBitcoin;

namespace Bitcoin.Common.Descriptors;

/// <summary>
/// A 32-byte x-only public key (BIP340) as Core's XOnlyPubKey, with value equality and byte-wise ordering. It is not
/// checked to be on the curve unless <see cref="IsFullyValid"/> is asked.
/// </summary>
public readonly struct XOnlyPubKey : IEquatable<XOnlyPubKey>, IComparable<XOnlyPubKey>
{
    private readonly byte[]? _bytes;

    /// <summary>Wraps 32 bytes.</summary>
    public XOnlyPubKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32) throw new ArgumentException("An x-only key is 32 bytes.", nameof(bytes));
        _bytes = bytes.ToArray();
    }

    /// <summary>The x coordinate of a full public key (the bytes after its header).</summary>
    public XOnlyPubKey(PubKey pubkey) : this(pubkey.ToBytes().AsSpan(1, 32))
    {
    }

    /// <summary>The key bytes (32 zero bytes for the default value).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? new byte[32];

    /// <summary>True for the default (all-zero) value, Core's IsNull.</summary>
    public bool IsNull => _bytes is null || _bytes.AsSpan().IndexOfAnyExcept((byte)0) < 0;

    /// <summary>True if the bytes are the x coordinate of a point on the curve.</summary>
    public bool IsFullyValid => TaprootInternalPubKey.TryCreate(Bytes.ToArray(), out _);

    /// <summary>The compressed key with an even Y (02 || x).</summary>
    public PubKey EvenPubKey => new([0x02, .. Bytes]);

    /// <summary>Both compressed keys with this x coordinate (02 || x and 03 || x), as Core's GetCPubKeys.</summary>
    public IEnumerable<byte[]> CandidatePubKeyEncodings()
    {
        yield return [0x02, .. Bytes];
        yield return [0x03, .. Bytes];
    }

    /// <summary>The key ids of both compressed keys with this x coordinate (Core's GetKeyIDs).</summary>
    public IEnumerable<KeyId> KeyIds()
    {
        foreach (var encoding in CandidatePubKeyEncodings()) yield return new KeyId(NBitcoin.Crypto.Hashes.Hash160(encoding).ToBytes());
    }

    /// <summary>The key as NBitcoin's TaprootPubKey.</summary>
    public TaprootPubKey ToTaprootPubKey() => new(Bytes.ToArray());

    /// <summary>Lower-case hex.</summary>
    public override string ToString() => Convert.ToHexString(Bytes).ToLowerInvariant();

    /// <inheritdoc/>
    public bool Equals(XOnlyPubKey other) => Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is XOnlyPubKey o && Equals(o);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public int CompareTo(XOnlyPubKey other) => Bytes.SequenceCompareTo(other.Bytes);

    public static bool operator ==(XOnlyPubKey a, XOnlyPubKey b) => a.Equals(b);

    public static bool operator !=(XOnlyPubKey a, XOnlyPubKey b) => !a.Equals(b);

    public static bool operator <(XOnlyPubKey a, XOnlyPubKey b) => a.CompareTo(b) < 0;

    public static bool operator >(XOnlyPubKey a, XOnlyPubKey b) => a.CompareTo(b) > 0;

    public static bool operator <=(XOnlyPubKey a, XOnlyPubKey b) => a.CompareTo(b) <= 0;

    public static bool operator >=(XOnlyPubKey a, XOnlyPubKey b) => a.CompareTo(b) >= 0;
}
