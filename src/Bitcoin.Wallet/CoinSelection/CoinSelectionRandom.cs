namespace Bitcoin.Wallet.CoinSelection;

/// <summary>
/// The randomness coin selection uses (Core's FastRandomContext there): shuffles, coin flips and ranges. Seed it for
/// reproducible tests; unseeded instances are seeded from the system's random source. Not thread-safe.
/// </summary>
public sealed class CoinSelectionRandom
{
    private readonly Random _random;

    /// <summary>A generator seeded from the system's random source.</summary>
    public CoinSelectionRandom() => _random = new Random(Random.Shared.Next());

    /// <summary>A generator with a fixed seed (deterministic).</summary>
    public CoinSelectionRandom(int seed) => _random = new Random(seed);

    /// <summary>True or false with equal probability (Core's randbool).</summary>
    public bool NextBool() => (_random.Next() & 1) == 1;

    /// <summary>A value in [0, <paramref name="range"/>) (Core's randrange); <paramref name="range"/> must be positive.</summary>
    public long NextRange(long range)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(range);
        return _random.NextInt64(range);
    }

    /// <summary>Shuffles <paramref name="list"/> in place (Fisher-Yates).</summary>
    public void Shuffle<T>(IList<T> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
