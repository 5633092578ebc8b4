using Bitcoin.Kernel.Coins;
using NBitcoin;
using Coin = Bitcoin.Kernel.Coins.Coin;

namespace Bitcoin.Kernel.Mempool.Internal;

/// <summary>
/// A coins view forwarding to a backend that can be swapped (Core's CCoinsViewBacked::SetBackend), so acceptance can
/// fetch inputs through the mempool and then cut the cache off from further look-ups.
/// </summary>
internal sealed class SwitchableCoinsView : ICoinsView
{
    private static readonly ICoinsView Empty = new EmptyView();

    public ICoinsView Backend { get; set; } = Empty;

    public void SetEmpty() => Backend = Empty;

    public Coin? GetCoin(OutPoint outpoint) => Backend.GetCoin(outpoint);

    public bool HaveCoin(OutPoint outpoint) => Backend.HaveCoin(outpoint);

    public uint256 GetBestBlock() => Backend.GetBestBlock();

    public IReadOnlyList<uint256> GetHeadBlocks() => Backend.GetHeadBlocks();

    public void BatchWrite(IReadOnlyCollection<KeyValuePair<OutPoint, CoinsCacheEntry>> dirtyEntries, uint256 bestBlock) =>
        throw new NotSupportedException("The acceptance view is never flushed.");

    public long EstimateSize() => 0;

    private sealed class EmptyView : ICoinsView
    {
        public Coin? GetCoin(OutPoint outpoint) => null;

        public bool HaveCoin(OutPoint outpoint) => false;

        public uint256 GetBestBlock() => uint256.Zero;

        public IReadOnlyList<uint256> GetHeadBlocks() => [];

        public void BatchWrite(IReadOnlyCollection<KeyValuePair<OutPoint, CoinsCacheEntry>> dirtyEntries, uint256 bestBlock) =>
            throw new NotSupportedException();

        public long EstimateSize() => 0;
    }
}
