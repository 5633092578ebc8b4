namespace Bitcoin.Wallet.Model;

/// <summary>Which outputs <see cref="DescriptorWallet.ListAvailableOutputs"/> returns (Core's CCoinControl depth/safety settings with CoinFilterParams).</summary>
public sealed record AvailableOutputsFilter
{
    /// <summary>Fewest confirmations (Core's DEFAULT_MIN_DEPTH 0).</summary>
    public int MinDepth { get; init; }

    /// <summary>Most confirmations (Core's DEFAULT_MAX_DEPTH 9999999).</summary>
    public int MaxDepth { get; init; } = 9999999;

    /// <summary>Also unsafe outputs (others' unconfirmed transactions, replacements).</summary>
    public bool IncludeUnsafe { get; init; }

    /// <summary>Skip outputs to addresses already spent from (on avoid_reuse wallets).</summary>
    public bool AvoidAddressReuse { get; init; } = true;

    /// <summary>Smallest amount, in satoshis (Core's default 1).</summary>
    public long MinAmount { get; init; } = 1;

    /// <summary>Largest amount, in satoshis.</summary>
    public long MaxAmount { get; init; } = 21_000_000L * 100_000_000L;

    /// <summary>Stop once the outputs listed sum to at least this.</summary>
    public long MinSumAmount { get; init; } = 21_000_000L * 100_000_000L;

    /// <summary>Stop after this many outputs (0: no limit).</summary>
    public long MaxCount { get; init; }

    /// <summary>Include immature coinbase outputs.</summary>
    public bool IncludeImmatureCoinbase { get; init; }

    /// <summary>Skip locked outputs.</summary>
    public bool SkipLocked { get; init; } = true;
}
