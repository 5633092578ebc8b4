using NBitcoin;

namespace Bitcoin.Interfaces;

/// <summary>Told of wallet transaction changes (Core's <c>Wallet::TransactionChangedFn</c>).</summary>
public interface ITransactionChangedCallback
{
    /// <summary>The transaction <paramref name="txid"/> was added or its state changed.</summary>
    void Call(uint256 txid, ChangeStatus status);
}
