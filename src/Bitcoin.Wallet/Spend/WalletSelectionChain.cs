using Bitcoin.Interfaces;
using Bitcoin.Wallet.CoinSelection;
using Bitcoin.Wallet.Spend.Internal;
using NBitcoin;

namespace Bitcoin.Wallet.Spend;

/// <summary>Coin selection's view of the node through <see cref="IChain"/>.</summary>
public sealed class WalletSelectionChain(IChain chain) : ICoinSelectionChain
{
    /// <inheritdoc/>
    public (ulong Ancestors, ulong ClusterCount) GetTransactionAncestry(uint256 txid)
    {
        chain.GetTransactionAncestry(txid, out long ancestors, out long clusterCount, out _, out _);
        return ((ulong)Math.Max(0, ancestors), (ulong)Math.Max(0, clusterCount));
    }

    /// <inheritdoc/>
    public long? CalculateCombinedBumpFee(IReadOnlyList<OutPoint> outpoints, TxFeeRate feeRate) =>
        chain.CalculateCombinedBumpFee(outpoints, feeRate.ToNBitcoin())?.Satoshi;

    /// <inheritdoc/>
    public (uint AncestorCount, uint DescendantCount) GetPackageLimits()
    {
        chain.GetPackageLimits(out uint ancestors, out uint descendants);
        return (ancestors, descendants);
    }
}
