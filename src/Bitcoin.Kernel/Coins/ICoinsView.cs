using NBitcoin;

namespace Bitcoin.Kernel.Coins;

/// <summary>
/// A view of the UTXO set (Core's CCoinsView): the database, or a cache layered on another view. Implementations
/// are not thread-safe unless they say so; the chainstate lock guards the node's views.
/// </summary>
public interface ICoinsView
{
    /// <summary>The unspent coin at <paramref name="outpoint"/>, or null if there is none (spent or never created).</summary>
    Coin? GetCoin(OutPoint outpoint);

    /// <summary>True if an unspent coin exists at <paramref name="outpoint"/>.</summary>
    bool HaveCoin(OutPoint outpoint);

    /// <summary>The block whose state this view represents; <see cref="uint256.Zero"/> if not yet known.</summary>
    uint256 GetBestBlock();

    /// <summary>
    /// While a flush is being written: the new and the old best block (in that order); empty when the view is
    /// consistent. A non-empty result at start-up means a flush was interrupted and must be replayed.
    /// </summary>
    IReadOnlyList<uint256> GetHeadBlocks();

    /// <summary>
    /// Applies a child cache's dirty entries and moves the best block to <paramref name="bestBlock"/>. Entries are
    /// given with their flags; the caller clears or drops them afterwards.
    /// </summary>
    void BatchWrite(IReadOnlyCollection<KeyValuePair<OutPoint, CoinsCacheEntry>> dirtyEntries, uint256 bestBlock);

    /// <summary>Approximate size on disk of the coins, in bytes (0 for memory-only views).</summary>
    long EstimateSize();
}
