namespace Bitcoin.Kernel.Coins;

/// <summary>
/// One coin held by a <see cref="CoinsViewCache"/> with its flags (Core's CCoinsCacheEntry). Valid states:
/// unspent+DIRTY+FRESH (created here), unspent+DIRTY (changed here), unspent clean (read from the parent),
/// spent+DIRTY (spend not yet written to the parent).
/// </summary>
public sealed class CoinsCacheEntry
{
    internal CoinsCacheEntry(Coin coin, CoinsCacheFlags flags)
    {
        Coin = coin;
        Flags = flags;
    }

    /// <summary>The cached coin (<see cref="Coin.Spent"/> for a recorded spend).</summary>
    public Coin Coin { get; internal set; }

    /// <summary>DIRTY/FRESH flags.</summary>
    public CoinsCacheFlags Flags { get; internal set; }

    /// <summary>The coin may differ from the parent's and must be written on flush.</summary>
    public bool IsDirty => (Flags & CoinsCacheFlags.Dirty) != 0;

    /// <summary>The parent does not hold this coin unspent, so a spend can simply forget it.</summary>
    public bool IsFresh => (Flags & CoinsCacheFlags.Fresh) != 0;
}
