using NBitcoin;

namespace Bitcoin.Kernel.Coins;

/// <summary>
/// A write-back cache over another <see cref="ICoinsView"/> with Core's DIRTY/FRESH bookkeeping (CCoinsViewCache):
/// reads are filled from the parent and kept, writes stay here until <see cref="Flush"/> (write and empty) or
/// <see cref="Sync"/> (write and keep). Not thread-safe: callers hold the chainstate lock.
/// </summary>
public sealed class CoinsViewCache : ICoinsView
{
    // Rough bytes one cached coin costs in .NET: the OutPoint and its uint256, the dictionary slot, the entry, the
    // Coin, its TxOut, Money and Script objects and the script array header. The script bytes are added on top.
    // Used only to decide when the cache has outgrown -dbcache, like Core's DynamicMemoryUsage.
    internal const long EntryOverheadBytes = 290;

    private readonly ICoinsView _parent;
    private readonly Dictionary<OutPoint, CoinsCacheEntry> _entries = [];
    private uint256 _bestBlock = uint256.Zero;
    private long _coinBytes;
    private int _dirtyCount;

    /// <summary>Creates an empty cache over <paramref name="parent"/>.</summary>
    public CoinsViewCache(ICoinsView parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        _parent = parent;
    }

    /// <summary>The view this cache reads from and flushes to.</summary>
    public ICoinsView Parent => _parent;

    /// <summary>Number of cached entries (including recorded spends).</summary>
    public int CacheSize => _entries.Count;

    /// <summary>Number of DIRTY entries that a flush would write.</summary>
    public int DirtyCount => _dirtyCount;

    /// <summary>Estimated memory held by the cache, in bytes.</summary>
    public long DynamicMemoryUsage => _entries.Count * EntryOverheadBytes + _coinBytes;

    /// <inheritdoc/>
    public Coin? GetCoin(OutPoint outpoint)
    {
        var entry = FetchCoin(outpoint);
        return entry is null || entry.Coin.IsSpent ? null : entry.Coin;
    }

    /// <summary>The coin at <paramref name="outpoint"/>, or <see cref="Coin.Spent"/> if there is none (Core's AccessCoin).</summary>
    public Coin AccessCoin(OutPoint outpoint) => FetchCoin(outpoint)?.Coin ?? Coin.Spent;

    /// <inheritdoc/>
    public bool HaveCoin(OutPoint outpoint)
    {
        var entry = FetchCoin(outpoint);
        return entry is not null && !entry.Coin.IsSpent;
    }

    /// <summary>True if an unspent coin is already in this cache, without asking the parent.</summary>
    public bool HaveCoinInCache(OutPoint outpoint) =>
        _entries.TryGetValue(outpoint, out var entry) && !entry.Coin.IsSpent;

    /// <summary>The cached entry for <paramref name="outpoint"/> without filling from the parent (for inspection and tests).</summary>
    public CoinsCacheEntry? PeekEntry(OutPoint outpoint) => _entries.GetValueOrDefault(outpoint);

    /// <inheritdoc/>
    public uint256 GetBestBlock()
    {
        if (_bestBlock == uint256.Zero) _bestBlock = _parent.GetBestBlock();
        return _bestBlock;
    }

    /// <summary>Sets the block this cache's state corresponds to.</summary>
    public void SetBestBlock(uint256 blockHash)
    {
        ArgumentNullException.ThrowIfNull(blockHash);
        _bestBlock = blockHash;
    }

    /// <inheritdoc/>
    public IReadOnlyList<uint256> GetHeadBlocks() => _parent.GetHeadBlocks();

    /// <inheritdoc/>
    public long EstimateSize() => _parent.EstimateSize();

    /// <summary>
    /// Adds a coin. Unspendable outputs (OP_RETURN or oversized scripts) are ignored. Unless
    /// <paramref name="possibleOverwrite"/>, overwriting an unspent coin is a logic error (throws), and the new entry
    /// is FRESH when this cache had no DIRTY record of the outpoint.
    /// </summary>
    public void AddCoin(OutPoint outpoint, Coin coin, bool possibleOverwrite)
    {
        ArgumentNullException.ThrowIfNull(outpoint);
        ArgumentNullException.ThrowIfNull(coin);
        if (coin.IsSpent) throw new ArgumentException("Cannot add a spent coin.", nameof(coin));
        // Core's CScript::IsUnspendable: NBitcoin's property misses scripts over the 10,000-byte limit.
        if (Policy.StandardPolicy.IsUnspendable(coin.Output.ScriptPubKey)) return;

        bool fresh = false;
        if (_entries.TryGetValue(outpoint, out var existing))
        {
            if (!possibleOverwrite)
            {
                if (!existing.Coin.IsSpent)
                    throw new InvalidOperationException("Attempted to overwrite an unspent coin (when possible_overwrite is false)");
                // A DIRTY spent record must still reach the parent, so the re-added coin cannot be FRESH.
                fresh = !existing.IsDirty;
            }
            if (existing.IsDirty) _dirtyCount--;
            _coinBytes -= CoinBytes(existing.Coin);
            existing.Coin = coin;
            // Flags are only ever added here, as in Core: an existing FRESH mark stays valid.
            existing.Flags |= CoinsCacheFlags.Dirty | (fresh ? CoinsCacheFlags.Fresh : CoinsCacheFlags.None);
        }
        else
        {
            fresh = !possibleOverwrite;
            _entries.Add(outpoint, new CoinsCacheEntry(coin, CoinsCacheFlags.Dirty | (fresh ? CoinsCacheFlags.Fresh : CoinsCacheFlags.None)));
        }
        _dirtyCount++;
        _coinBytes += CoinBytes(coin);
    }

    /// <summary>
    /// Adds every output of <paramref name="tx"/> at <paramref name="height"/> (Core's AddCoins). With
    /// <paramref name="checkForOverwrite"/> each output is looked up first; otherwise only coinbase outputs may
    /// overwrite (the two historical duplicate coinbases).
    /// </summary>
    public void AddCoins(Transaction tx, int height, bool checkForOverwrite = false)
    {
        ArgumentNullException.ThrowIfNull(tx);
        bool coinbase = tx.IsCoinBase;
        var txid = tx.GetHash();
        for (int i = 0; i < tx.Outputs.Count; i++)
        {
            var outpoint = new OutPoint(txid, i);
            bool overwrite = checkForOverwrite ? HaveCoin(outpoint) : coinbase;
            AddCoin(outpoint, new Coin(tx.Outputs[i], height, coinbase), overwrite);
        }
    }

    /// <summary>
    /// Spends the coin at <paramref name="outpoint"/>, returning the spent coin in <paramref name="spent"/>; false if
    /// there was no unspent coin. A FRESH coin is forgotten; otherwise a DIRTY spent record remains.
    /// </summary>
    public bool SpendCoin(OutPoint outpoint, out Coin? spent)
    {
        spent = null;
        var entry = FetchCoin(outpoint);
        if (entry is null) return false;
        if (!entry.Coin.IsSpent)
        {
            spent = entry.Coin;
            _coinBytes -= CoinBytes(entry.Coin);
        }
        if (entry.IsDirty) _dirtyCount--;
        if (entry.IsFresh)
        {
            _entries.Remove(outpoint);
        }
        else
        {
            entry.Coin = Coin.Spent;
            entry.Flags = CoinsCacheFlags.Dirty;
            _dirtyCount++;
        }
        return true;
    }

    /// <summary>Spends without returning the coin; see <see cref="SpendCoin(OutPoint, out Coin?)"/>.</summary>
    public bool SpendCoin(OutPoint outpoint) => SpendCoin(outpoint, out _);

    /// <summary>Drops a clean entry from the cache (to bound memory after a read-only look-up).</summary>
    public void Uncache(OutPoint outpoint)
    {
        if (_entries.TryGetValue(outpoint, out var entry) && !entry.IsDirty)
        {
            _coinBytes -= CoinBytes(entry.Coin);
            _entries.Remove(outpoint);
        }
    }

    /// <summary>True if every input of a non-coinbase <paramref name="tx"/> spends an existing unspent coin.</summary>
    public bool HaveInputs(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (tx.IsCoinBase) return true;
        foreach (var input in tx.Inputs)
        {
            if (!HaveCoin(input.PrevOut)) return false;
        }
        return true;
    }

    /// <summary>Writes every DIRTY entry and the best block to the parent, then empties the cache.</summary>
    public void Flush()
    {
        _parent.BatchWrite(CollectDirty(), GetBestBlock());
        _entries.Clear();
        _dirtyCount = 0;
        _coinBytes = 0;
    }

    /// <summary>Writes every DIRTY entry and the best block to the parent and keeps unspent entries as clean cache.</summary>
    public void Sync()
    {
        var dirty = CollectDirty();
        _parent.BatchWrite(dirty, GetBestBlock());
        foreach (var (outpoint, entry) in dirty)
        {
            if (entry.Coin.IsSpent)
            {
                _entries.Remove(outpoint);
            }
            else
            {
                entry.Flags = CoinsCacheFlags.None;
            }
        }
        _dirtyCount = 0;
    }

    /// <summary>Forgets everything, including the best block, without writing.</summary>
    public void Reset()
    {
        _entries.Clear();
        _dirtyCount = 0;
        _coinBytes = 0;
        _bestBlock = uint256.Zero;
    }

    /// <inheritdoc/>
    public void BatchWrite(IReadOnlyCollection<KeyValuePair<OutPoint, CoinsCacheEntry>> dirtyEntries, uint256 bestBlock)
    {
        ArgumentNullException.ThrowIfNull(dirtyEntries);
        foreach (var (outpoint, child) in dirtyEntries)
        {
            if (!child.IsDirty) continue;
            if (!_entries.TryGetValue(outpoint, out var ours))
            {
                // A FRESH spent coin never existed above us: nothing to record.
                if (child.IsFresh && child.Coin.IsSpent) continue;
                // FRESH carries over only if it was FRESH below; otherwise the grandparent may hold the coin.
                _entries.Add(outpoint, new CoinsCacheEntry(child.Coin,
                    CoinsCacheFlags.Dirty | (child.IsFresh ? CoinsCacheFlags.Fresh : CoinsCacheFlags.None)));
                _dirtyCount++;
                _coinBytes += CoinBytes(child.Coin);
                continue;
            }
            if (child.IsFresh && !ours.Coin.IsSpent)
                throw new InvalidOperationException("FRESH flag misapplied to coin that exists in parent cache");
            if (ours.IsFresh && child.Coin.IsSpent)
            {
                // The grandparent never saw this coin and it is now spent: forget it.
                if (ours.IsDirty) _dirtyCount--;
                _coinBytes -= CoinBytes(ours.Coin);
                _entries.Remove(outpoint);
                continue;
            }
            _coinBytes -= CoinBytes(ours.Coin);
            ours.Coin = child.Coin;
            _coinBytes += CoinBytes(ours.Coin);
            if (!ours.IsDirty)
            {
                // Not FRESH: a spend recorded here earlier might still have to reach the grandparent.
                ours.Flags |= CoinsCacheFlags.Dirty;
                _dirtyCount++;
            }
        }
        SetBestBlock(bestBlock);
    }

    /// <summary>
    /// Checks the bookkeeping invariants (Core's SanityCheck): spent entries are DIRTY and not FRESH, clean entries
    /// are not FRESH, and the counters match. Throws <see cref="InvalidOperationException"/> on violation.
    /// </summary>
    public void SanityCheck()
    {
        int dirty = 0;
        long bytes = 0;
        foreach (var entry in _entries.Values)
        {
            if (entry.Coin.IsSpent)
            {
                if (!entry.IsDirty || entry.IsFresh) throw new InvalidOperationException("A spent coin must be dirty and cannot be fresh");
            }
            else if (!entry.IsDirty && entry.IsFresh)
            {
                throw new InvalidOperationException("An unspent coin must not be fresh if not dirty");
            }
            if (entry.IsDirty) dirty++;
            bytes += CoinBytes(entry.Coin);
        }
        if (dirty != _dirtyCount) throw new InvalidOperationException($"Dirty count {_dirtyCount} does not match {dirty} dirty entries");
        if (bytes != _coinBytes) throw new InvalidOperationException("Cached coin memory does not match the entries");
    }

    /// <summary>The first unspent output of <paramref name="txid"/> found by probing output indexes (Core's AccessByTxid).</summary>
    public Coin AccessByTxid(uint256 txid)
    {
        // Core's bound: no block can hold more outputs than MAX_BLOCK_WEIGHT / minimum output weight.
        const uint maxOutputsPerBlock = 4_000_000 / (4 * 9);
        for (uint n = 0; n < maxOutputsPerBlock; n++)
        {
            var coin = AccessCoin(new OutPoint(txid, n));
            if (!coin.IsSpent) return coin;
        }
        return Coin.Spent;
    }

    /// <summary>Places an entry with arbitrary flags, bypassing the rules (tests build Core's state tables with it).</summary>
    internal void SetEntryUnchecked(OutPoint outpoint, Coin coin, CoinsCacheFlags flags)
    {
        if (_entries.Remove(outpoint, out var old))
        {
            if (old.IsDirty) _dirtyCount--;
            _coinBytes -= CoinBytes(old.Coin);
        }
        _entries.Add(outpoint, new CoinsCacheEntry(coin, flags));
        if ((flags & CoinsCacheFlags.Dirty) != 0) _dirtyCount++;
        _coinBytes += CoinBytes(coin);
    }

    private CoinsCacheEntry? FetchCoin(OutPoint outpoint)
    {
        ArgumentNullException.ThrowIfNull(outpoint);
        if (_entries.TryGetValue(outpoint, out var entry)) return entry;
        var coin = _parent.GetCoin(outpoint);
        if (coin is null) return null;
        entry = new CoinsCacheEntry(coin, CoinsCacheFlags.None);
        _entries.Add(outpoint, entry);
        _coinBytes += CoinBytes(coin);
        return entry;
    }

    private List<KeyValuePair<OutPoint, CoinsCacheEntry>> CollectDirty()
    {
        var dirty = new List<KeyValuePair<OutPoint, CoinsCacheEntry>>(_dirtyCount);
        foreach (var pair in _entries)
        {
            if (pair.Value.IsDirty) dirty.Add(pair);
        }
        return dirty;
    }

    private static long CoinBytes(Coin coin) => coin.IsSpent ? 0 : coin.Output.ScriptPubKey.Length;
}
