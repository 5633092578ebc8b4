namespace Bitcoin.Wallet.Model;

/// <summary>How (whether) a wallet output is spent (Core's <c>CWallet::SpendType</c>).</summary>
public enum SpendType
{
    /// <summary>No live wallet transaction spends it.</summary>
    Unspent,

    /// <summary>Spent by a confirmed transaction.</summary>
    Confirmed,

    /// <summary>Spent by a transaction in the mempool.</summary>
    Mempool,

    /// <summary>Spent by an unconfirmed transaction that is not in the mempool (not abandoned or conflicted).</summary>
    NonMempool,
}
