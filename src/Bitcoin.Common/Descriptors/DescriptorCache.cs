using NBitcoin;

namespace Bitcoin.Common.Descriptors;

/// <summary>
/// Extended public keys remembered while expanding a descriptor, so it can be expanded again without private keys
/// (Core's DescriptorCache). Keys are indexed by the key expression's position in the descriptor.
/// </summary>
public sealed class DescriptorCache
{
    private readonly Dictionary<uint, ExtPubKey> _parent = [];
    private readonly Dictionary<uint, Dictionary<uint, ExtPubKey>> _derived = [];
    private readonly Dictionary<uint, ExtPubKey> _lastHardened = [];

    /// <summary>Remembers the xpub from which a key expression derives its ranged children.</summary>
    public void CacheParentExtPubKey(uint keyExpIndex, ExtPubKey xpub) => _parent[keyExpIndex] = xpub;

    /// <summary>Remembers the derived xpub of a key expression at a position (for hardened ranges).</summary>
    public void CacheDerivedExtPubKey(uint keyExpIndex, uint derivationIndex, ExtPubKey xpub)
    {
        if (!_derived.TryGetValue(keyExpIndex, out var map)) _derived[keyExpIndex] = map = [];
        map[derivationIndex] = xpub;
    }

    /// <summary>Remembers the xpub at the last hardened step of a key expression (for normalized descriptors).</summary>
    public void CacheLastHardenedExtPubKey(uint keyExpIndex, ExtPubKey xpub) => _lastHardened[keyExpIndex] = xpub;

    /// <summary>Looks up a cached parent xpub.</summary>
    public bool TryGetCachedParentExtPubKey(uint keyExpIndex, out ExtPubKey xpub) => _parent.TryGetValue(keyExpIndex, out xpub!);

    /// <summary>Looks up a cached derived xpub.</summary>
    public bool TryGetCachedDerivedExtPubKey(uint keyExpIndex, uint derivationIndex, out ExtPubKey xpub)
    {
        xpub = null!;
        return _derived.TryGetValue(keyExpIndex, out var map) && map.TryGetValue(derivationIndex, out xpub!);
    }

    /// <summary>Looks up a cached last-hardened xpub.</summary>
    public bool TryGetCachedLastHardenedExtPubKey(uint keyExpIndex, out ExtPubKey xpub) => _lastHardened.TryGetValue(keyExpIndex, out xpub!);

    /// <summary>All cached parent xpubs by key expression index.</summary>
    public IReadOnlyDictionary<uint, ExtPubKey> ParentExtPubKeys => _parent;

    /// <summary>All cached derived xpubs by key expression index, then derivation index.</summary>
    public IReadOnlyDictionary<uint, IReadOnlyDictionary<uint, ExtPubKey>> DerivedExtPubKeys
        => _derived.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<uint, ExtPubKey>)p.Value);

    /// <summary>All cached last-hardened xpubs by key expression index.</summary>
    public IReadOnlyDictionary<uint, ExtPubKey> LastHardenedExtPubKeys => _lastHardened;

    /// <summary>
    /// Adds <paramref name="other"/>'s entries to this cache and returns the ones that were new (Core's MergeAndDiff).
    /// Throws <see cref="InvalidOperationException"/> if an entry conflicts with one already cached.
    /// </summary>
    public DescriptorCache MergeAndDiff(DescriptorCache other)
    {
        var diff = new DescriptorCache();
        foreach (var (index, xpub) in other._parent)
        {
            if (_parent.TryGetValue(index, out var existing))
            {
                if (!SameKey(existing, xpub))
                    throw new InvalidOperationException("MergeAndDiff: New cached parent xpub does not match already cached parent xpub");
                continue;
            }
            CacheParentExtPubKey(index, xpub);
            diff.CacheParentExtPubKey(index, xpub);
        }
        foreach (var (index, map) in other._derived)
        {
            foreach (var (pos, xpub) in map)
            {
                if (TryGetCachedDerivedExtPubKey(index, pos, out var existing))
                {
                    if (!SameKey(existing, xpub))
                        throw new InvalidOperationException("MergeAndDiff: New cached derived xpub does not match already cached derived xpub");
                    continue;
                }
                CacheDerivedExtPubKey(index, pos, xpub);
                diff.CacheDerivedExtPubKey(index, pos, xpub);
            }
        }
        foreach (var (index, xpub) in other._lastHardened)
        {
            if (_lastHardened.TryGetValue(index, out var existing))
            {
                if (!SameKey(existing, xpub))
                    throw new InvalidOperationException("MergeAndDiff: New cached last hardened xpub does not match already cached last hardened xpub");
                continue;
            }
            CacheLastHardenedExtPubKey(index, xpub);
            diff.CacheLastHardenedExtPubKey(index, xpub);
        }
        return diff;
    }

    private static bool SameKey(ExtPubKey a, ExtPubKey b) => a.ToBytes().AsSpan().SequenceEqual(b.ToBytes());
}
