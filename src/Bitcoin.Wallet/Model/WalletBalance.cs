namespace Bitcoin.Wallet.Model;

/// <summary>The wallet's balances in satoshis (Core's <c>Balance</c>).</summary>
public sealed record WalletBalance
{
    /// <summary>Trusted, at least the minimum depth.</summary>
    public long MineTrusted { get; set; }

    /// <summary>Untrusted, in the mempool.</summary>
    public long MineUntrustedPending { get; set; }

    /// <summary>Immature coinbase outputs.</summary>
    public long MineImmature { get; set; }

    /// <summary>Outputs to addresses already spent from (avoid_reuse).</summary>
    public long MineUsed { get; set; }

    /// <summary>Negative of outputs spent by transactions not in the mempool (counted back in the other buckets).</summary>
    public long MineNonMempool { get; set; }
}
