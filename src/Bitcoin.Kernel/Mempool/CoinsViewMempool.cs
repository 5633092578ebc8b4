using Bitcoin.Kernel.Coins;
using NBitcoin;
using Coin = Bitcoin.Kernel.Coins.Coin;

namespace Bitcoin.Kernel.Mempool;

/// <summary>
/// A coins view that adds the outputs of mempool transactions (and of package transactions being validated) to a base
/// view (Core's CCoinsViewMemPool). It does not hide coins spent by mempool transactions: conflicts are found by the
/// mempool itself. Coins it creates have height <see cref="TxMemPool.MempoolHeight"/>. Read-only.
/// Use with the mempool lock held.
/// </summary>
public sealed class CoinsViewMempool : ICoinsView
{
    private readonly ICoinsView _base;
    private readonly TxMemPool _pool;
    private readonly Dictionary<OutPoint, Coin> _tempAdded = [];
    private readonly HashSet<OutPoint> _nonBaseCoins = [];

    /// <summary>Layers <paramref name="pool"/> over <paramref name="baseView"/>.</summary>
    public CoinsViewMempool(ICoinsView baseView, TxMemPool pool)
    {
        ArgumentNullException.ThrowIfNull(baseView);
        ArgumentNullException.ThrowIfNull(pool);
        _base = baseView;
        _pool = pool;
    }

    /// <summary>Outpoints handed out that did not come from the base view (to uncache them later).</summary>
    public IReadOnlyCollection<OutPoint> NonBaseCoins => _nonBaseCoins;

    /// <inheritdoc/>
    public Coin? GetCoin(OutPoint outpoint)
    {
        ArgumentNullException.ThrowIfNull(outpoint);
        if (_tempAdded.TryGetValue(outpoint, out var temp)) return temp;
        // A mempool transaction's outputs are never also in the base view, and it has them all (none pruned).
        var tx = _pool.Get(outpoint.Hash);
        if (tx is not null)
        {
            if (outpoint.N >= tx.Outputs.Count) return null;
            _nonBaseCoins.Add(outpoint);
            return new Coin(tx.Outputs[(int)outpoint.N], TxMemPool.MempoolHeight, isCoinbase: false);
        }
        return _base.GetCoin(outpoint);
    }

    /// <inheritdoc/>
    public bool HaveCoin(OutPoint outpoint) => GetCoin(outpoint) is not null;

    /// <inheritdoc/>
    public uint256 GetBestBlock() => _base.GetBestBlock();

    /// <inheritdoc/>
    public IReadOnlyList<uint256> GetHeadBlocks() => _base.GetHeadBlocks();

    /// <inheritdoc/>
    public void BatchWrite(IReadOnlyCollection<KeyValuePair<OutPoint, CoinsCacheEntry>> dirtyEntries, uint256 bestBlock) =>
        throw new NotSupportedException("The mempool coins view is read-only.");

    /// <inheritdoc/>
    public long EstimateSize() => 0;

    /// <summary>Makes the outputs of a package transaction being validated available (Core's PackageAddTransaction).</summary>
    public void PackageAddTransaction(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var txid = tx.GetHash();
        for (int i = 0; i < tx.Outputs.Count; i++)
        {
            var outpoint = new OutPoint(txid, i);
            _tempAdded[outpoint] = new Coin(tx.Outputs[i], TxMemPool.MempoolHeight, isCoinbase: false);
            _nonBaseCoins.Add(outpoint);
        }
    }

    /// <summary>Forgets the package coins and which coins came from outside the base view.</summary>
    public void Reset()
    {
        _tempAdded.Clear();
        _nonBaseCoins.Clear();
    }
}
