namespace Bitcoin.Kernel.Coins;

/// <summary>Flags of a cached coin, as Core's CCoinsCacheEntry::Flags.</summary>
[Flags]
public enum CoinsCacheFlags : byte
{
    /// <summary>Same as the parent's.</summary>
    None = 0,

    /// <summary>Potentially different from the parent's version; written on flush.</summary>
    Dirty = 1,

    /// <summary>The parent has no unspent version of this coin.</summary>
    Fresh = 2,
}
