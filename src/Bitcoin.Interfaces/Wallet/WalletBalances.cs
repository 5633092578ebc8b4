using NBitcoin;

namespace Bitcoin.Interfaces;

/// <summary>The wallet's balances (Core's <c>interfaces::WalletBalances</c>); every amount is in satoshis.</summary>
public sealed record WalletBalances
{
    /// <summary>Trusted spendable outputs (confirmed, or unconfirmed change of the wallet's own transactions).</summary>
    public Money Balance { get; init; } = Money.Zero;

    /// <summary>Untrusted pending outputs (unconfirmed receipts from others).</summary>
    public Money UnconfirmedBalance { get; init; } = Money.Zero;

    /// <summary>Coinbase outputs that have not matured.</summary>
    public Money ImmatureBalance { get; init; } = Money.Zero;

    /// <summary>Outputs to addresses already spent from (only with avoid_reuse).</summary>
    public Money UsedBalance { get; init; } = Money.Zero;

    /// <summary>Trusted outputs of transactions that are not in the mempool.</summary>
    public Money NonMempoolBalance { get; init; } = Money.Zero;

    /// <summary>True if any balance differs from <paramref name="previous"/> (Core's <c>balanceChanged</c>).</summary>
    public bool BalanceChanged(WalletBalances previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return Balance != previous.Balance || UnconfirmedBalance != previous.UnconfirmedBalance ||
               ImmatureBalance != previous.ImmatureBalance || UsedBalance != previous.UsedBalance ||
               NonMempoolBalance != previous.NonMempoolBalance;
    }
}
