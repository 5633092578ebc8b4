using NBitcoin;

namespace Bitcoin.Wallet.Model;

/// <summary>An output that pays the wallet, with the transaction that created it (Core's <c>WalletTXO</c>).</summary>
/// <param name="Transaction">The wallet transaction holding the output.</param>
/// <param name="Index">The output's position.</param>
public sealed record WalletTxo(WalletTransaction Transaction, int Index)
{
    /// <summary>The output (of the canonical variant; variants share outputs).</summary>
    public TxOut Output => Transaction.Tx.Outputs[Index];

    /// <summary>The outpoint.</summary>
    public OutPoint OutPoint => new(Transaction.TxId, Index);
}
