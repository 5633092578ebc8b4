using NBitcoin;

namespace Bitcoin.Common.Descriptors;

/// <summary>
/// Where a key comes from: the fingerprint of the root key and the BIP32 path from it (Core's KeyOriginInfo).
/// Immutable, with value equality and Core's ordering (fingerprint bytes, then path length, then path).
/// </summary>
public sealed class KeyOriginInfo : IEquatable<KeyOriginInfo>, IComparable<KeyOriginInfo>
{
    private readonly uint[] _path;

    /// <summary>Creates an origin from a 4-byte fingerprint and a path (hardened steps have the top bit set).</summary>
    public KeyOriginInfo(HDFingerprint fingerprint, IEnumerable<uint> path)
    {
        Fingerprint = fingerprint;
        _path = [.. path];
    }

    /// <summary>The first four bytes of HASH160 of the root public key.</summary>
    public HDFingerprint Fingerprint { get; }

    /// <summary>The derivation path from the root.</summary>
    public IReadOnlyList<uint> Path => _path;

    /// <summary>A copy with <paramref name="prefix"/> put in front of the path and the fingerprint replaced.</summary>
    public KeyOriginInfo WithPrefix(HDFingerprint fingerprint, IReadOnlyList<uint> prefix) => new(fingerprint, [.. prefix, .. _path]);

    /// <summary>The same origin as NBitcoin's RootedKeyPath (for PSBT fields).</summary>
    public RootedKeyPath ToRootedKeyPath() => new(Fingerprint, new KeyPath(_path));

    /// <summary>The origin of an NBitcoin RootedKeyPath.</summary>
    public static KeyOriginInfo FromRootedKeyPath(RootedKeyPath path) => new(path.MasterFingerprint, path.KeyPath.Indexes);

    /// <summary>"fingerprint/path" with h for hardened steps (the form inside descriptor brackets).</summary>
    public override string ToString() => Fingerprint.ToString() + HDKeyPath.Format(_path, apostrophe: false);

    /// <inheritdoc/>
    public bool Equals(KeyOriginInfo? other)
        => other is not null && other.Fingerprint == Fingerprint && other._path.AsSpan().SequenceEqual(_path);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is KeyOriginInfo o && Equals(o);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Fingerprint);
        foreach (uint p in _path) hash.Add(p);
        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public int CompareTo(KeyOriginInfo? other)
    {
        if (other is null) return 1;
        int c = Fingerprint.ToBytes().AsSpan().SequenceCompareTo(other.Fingerprint.ToBytes());
        if (c != 0) return c;
        c = _path.Length.CompareTo(other._path.Length);
        if (c != 0) return c;
        return _path.AsSpan().SequenceCompareTo(other._path);
    }
}
