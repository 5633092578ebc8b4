using Bitcoin.Kernel.Coins;
using NBitcoin;
using Coin = Bitcoin.Kernel.Coins.Coin;

namespace Bitcoin.Kernel.Tests.Coins;

/// <summary>A view with no coins that ignores writes (Core's CoinsViewEmpty), the bottom of test cache stacks.</summary>
internal sealed class EmptyCoinsView : ICoinsView
{
    public Coin? GetCoin(OutPoint outpoint) => null;

    public bool HaveCoin(OutPoint outpoint) => false;

    public uint256 GetBestBlock() => uint256.Zero;

    public IReadOnlyList<uint256> GetHeadBlocks() => [];

    public void BatchWrite(IReadOnlyCollection<KeyValuePair<OutPoint, CoinsCacheEntry>> dirtyEntries, uint256 bestBlock)
    {
    }

    public long EstimateSize() => 0;
}
