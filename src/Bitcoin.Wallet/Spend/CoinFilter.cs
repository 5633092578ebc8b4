namespace Bitcoin.Wallet.Spend;

/// <summary>Which outputs <see cref="SpendableCoins.AvailableCoins"/> lists (Core's CoinFilterParams).</summary>
public sealed record CoinFilter
{
    private const long MaxMoney = 21_000_000L * 100_000_000L;

    /// <summary>Outputs below this are skipped.</summary>
    public long MinAmount { get; init; } = 1;

    /// <summary>Outputs above this are skipped.</summary>
    public long MaxAmount { get; init; } = MaxMoney;

    /// <summary>Stop once the listed outputs sum to this.</summary>
    public long MinSumAmount { get; init; } = MaxMoney;

    /// <summary>Stop after this many outputs (0: no limit).</summary>
    public long MaxCount { get; init; }

    /// <summary>Include immature coinbase outputs.</summary>
    public bool IncludeImmatureCoinbase { get; init; }

    /// <summary>Skip locked outputs.</summary>
    public bool SkipLocked { get; init; } = true;

    /// <summary>Keep unconfirmed outputs only when their version's TRUC-ness matches the transaction being built.</summary>
    public bool CheckVersionTrucness { get; init; } = true;
}
