using Bitcoin.Wallet.CoinSelection;
using NBitcoin;

namespace Bitcoin.Wallet.Tests.CoinSelection;

/// <summary>A node with an empty mempool and Core's default package limits (25/25), as in Core's wallet tests.</summary>
internal sealed class FakeSelectionChain : ICoinSelectionChain
{
    public Dictionary<uint256, (ulong, ulong)> Ancestry { get; } = [];

    public long? CombinedBumpFee { get; set; } = 0;

    public (ulong Ancestors, ulong ClusterCount) GetTransactionAncestry(uint256 txid) =>
        Ancestry.TryGetValue(txid, out var a) ? a : (0, 0);

    public long? CalculateCombinedBumpFee(IReadOnlyList<OutPoint> outpoints, TxFeeRate feeRate) => CombinedBumpFee;

    public (uint AncestorCount, uint DescendantCount) GetPackageLimits() => (25, 25);
}
