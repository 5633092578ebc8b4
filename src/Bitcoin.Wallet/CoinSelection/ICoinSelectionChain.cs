using NBitcoin;

namespace Bitcoin.Wallet.CoinSelection;

/// <summary>What coin selection asks the node about unconfirmed outputs (parts of Core's interfaces::Chain).</summary>
public interface ICoinSelectionChain
{
    /// <summary>The mempool ancestor count (itself included) and cluster count of a transaction; zeros when it is not in the mempool.</summary>
    (ulong Ancestors, ulong ClusterCount) GetTransactionAncestry(uint256 txid);

    /// <summary>The fee to bump the shared unconfirmed ancestry of <paramref name="outpoints"/> to <paramref name="feeRate"/>; null if it cannot be computed.</summary>
    long? CalculateCombinedBumpFee(IReadOnlyList<OutPoint> outpoints, TxFeeRate feeRate);

    /// <summary>The mempool's ancestor and descendant count limits.</summary>
    (uint AncestorCount, uint DescendantCount) GetPackageLimits();
}
