namespace Bitcoin.Wallet.CoinSelection;

/// <summary>The wallet settings automatic coin selection follows.</summary>
public sealed record CoinSelectionOptions
{
    /// <summary>-spendzeroconfchange: unconfirmed change may be spent (Core's default: true).</summary>
    public bool SpendZeroConfChange { get; init; } = true;

    /// <summary>-walletrejectlongchains: refuse selections that would exceed mempool chain limits (Core's default: true).</summary>
    public bool RejectLongChains { get; init; } = true;
}
