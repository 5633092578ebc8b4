using Bitcoin.Common.Logging;
using Bitcoin.Node.Net.Connections;
using NBitcoin;

namespace Bitcoin.Node.Net.TxDownload;

/// <summary>
/// Transactions whose parents we do not have yet (Core's TxOrphanage, in a simpler form): kept by wtxid with the peers
/// that announced them, at most <see cref="MaxOrphans"/> of them and none heavier than a standard transaction, for
/// 20 minutes; when a parent arrives their children are queued for the announcing peer to reconsider. Not
/// thread-safe: the tx download manager serializes calls.
/// </summary>
internal sealed class TxOrphanage
{
    /// <summary>Largest number of orphans kept (Core's former DEFAULT_MAX_ORPHAN_TRANSACTIONS).</summary>
    public const int MaxOrphans = 100;

    /// <summary>Heaviest transaction kept (MAX_STANDARD_TX_WEIGHT).</summary>
    public const int MaxOrphanWeight = 400_000;

    private const long ExpireSeconds = 20 * 60;

    private readonly Dictionary<uint256, Entry> _orphans = [];
    private readonly Dictionary<OutPoint, HashSet<uint256>> _byPrevout = [];
    private readonly Dictionary<long, HashSet<uint256>> _workSet = [];

    /// <summary>Number of orphans.</summary>
    public int Count => _orphans.Count;

    /// <summary>True if an orphan with this wtxid is kept.</summary>
    public bool HaveTx(uint256 wtxid) => _orphans.ContainsKey(wtxid);

    /// <summary>The orphan with this wtxid, or null.</summary>
    public Transaction? GetTx(uint256 wtxid) => _orphans.TryGetValue(wtxid, out var entry) ? entry.Tx : null;

    /// <summary>True if <paramref name="peer"/> announced the orphan.</summary>
    public bool HaveTxFromPeer(uint256 wtxid, long peer) => _orphans.TryGetValue(wtxid, out var entry) && entry.Announcers.Contains(peer);

    /// <summary>Keeps an orphan from a peer; false if it is too heavy (already kept ones just gain the announcer).</summary>
    public bool AddTx(Transaction tx, long peer)
    {
        var wtxid = tx.GetWitHash();
        if (_orphans.TryGetValue(wtxid, out var existing))
        {
            existing.Announcers.Add(peer);
            return false;
        }

        int weight = tx.GetSerializedSize(TransactionOptions.None) * 3 + tx.GetSerializedSize(TransactionOptions.All);
        if (weight > MaxOrphanWeight)
        {
            Log.Debug(LogCategory.TxPackages, $"ignoring large orphan tx (size: {weight}, txid: {tx.GetHash()}, wtxid: {wtxid})");
            return false;
        }

        var entry = new Entry(tx, NetTime.NowSeconds() + ExpireSeconds);
        entry.Announcers.Add(peer);
        _orphans[wtxid] = entry;
        foreach (var input in tx.Inputs)
        {
            if (!_byPrevout.TryGetValue(input.PrevOut, out var set))
                _byPrevout[input.PrevOut] = set = [];
            set.Add(wtxid);
        }

        Log.Debug(LogCategory.TxPackages, $"stored orphan tx {tx.GetHash()} (wtxid={wtxid}), weight: {weight} (mapsz {_orphans.Count} outsz {_byPrevout.Count})");
        LimitOrphans();
        return true;
    }

    /// <summary>Adds a peer as announcer of a kept orphan.</summary>
    public void AddAnnouncer(uint256 wtxid, long peer)
    {
        if (_orphans.TryGetValue(wtxid, out var entry))
            entry.Announcers.Add(peer);
    }

    /// <summary>Removes an orphan; true if it was kept.</summary>
    public bool EraseTx(uint256 wtxid)
    {
        if (!_orphans.Remove(wtxid, out var entry))
            return false;
        foreach (var input in entry.Tx.Inputs)
        {
            if (_byPrevout.TryGetValue(input.PrevOut, out var set))
            {
                set.Remove(wtxid);
                if (set.Count == 0)
                    _byPrevout.Remove(input.PrevOut);
            }
        }

        foreach (var set in _workSet.Values)
            set.Remove(wtxid);
        return true;
    }

    /// <summary>Forgets a peer: its announcements, and orphans only it announced.</summary>
    public void EraseForPeer(long peer)
    {
        _workSet.Remove(peer);
        int erased = 0;
        foreach (var (wtxid, entry) in _orphans.ToList())
        {
            if (entry.Announcers.Remove(peer) && entry.Announcers.Count == 0 && EraseTx(wtxid))
                erased++;
        }

        if (erased > 0)
            Log.Debug(LogCategory.TxPackages, $"Erased {erased} orphan transaction(s) from peer={peer}");
    }

    /// <summary>Removes orphans included in, or conflicting with, a connected block.</summary>
    public void EraseForBlock(Block block)
    {
        var toErase = new HashSet<uint256>();
        foreach (var tx in block.Transactions)
        {
            foreach (var input in tx.Inputs)
            {
                if (_byPrevout.TryGetValue(input.PrevOut, out var spenders))
                    toErase.UnionWith(spenders);
            }
        }

        foreach (var wtxid in toErase)
            EraseTx(wtxid);
        if (toErase.Count > 0)
            Log.Debug(LogCategory.TxPackages, $"Erased {toErase.Count} orphan transaction(s) included or conflicted by block");
    }

    /// <summary>Queues the orphans spending outputs of <paramref name="parent"/> for one of their announcers to reconsider.</summary>
    public void AddChildrenToWorkSet(Transaction parent)
    {
        var txid = parent.GetHash();
        for (uint n = 0; n < parent.Outputs.Count; n++)
        {
            if (!_byPrevout.TryGetValue(new OutPoint(txid, n), out var children))
                continue;
            foreach (var child in children)
            {
                var entry = _orphans[child];
                long announcer = entry.Announcers.ElementAt(Random.Shared.Next(entry.Announcers.Count));
                if (!_workSet.TryGetValue(announcer, out var set))
                    _workSet[announcer] = set = [];
                set.Add(child);
                Log.Debug(LogCategory.TxPackages, $"added {entry.Tx.GetHash()} (wtxid={child}) to peer {announcer} workset");
            }
        }
    }

    /// <summary>True if a peer has orphans to reconsider.</summary>
    public bool HaveTxToReconsider(long peer) => _workSet.TryGetValue(peer, out var set) && set.Count > 0;

    /// <summary>Takes one orphan for a peer to reconsider, or null.</summary>
    public Transaction? GetTxToReconsider(long peer)
    {
        if (!_workSet.TryGetValue(peer, out var set))
            return null;
        while (set.Count > 0)
        {
            var wtxid = set.First();
            set.Remove(wtxid);
            if (_orphans.TryGetValue(wtxid, out var entry))
                return entry.Tx;
        }

        return null;
    }

    /// <summary>Orphans announced by <paramref name="peer"/> that spend outputs of <paramref name="parent"/>, newest first (1-parent-1-child packages).</summary>
    public List<Transaction> GetChildrenFromSamePeer(Transaction parent, long peer)
    {
        var result = new List<(long Expires, Transaction Tx)>();
        var txid = parent.GetHash();
        for (uint n = 0; n < parent.Outputs.Count; n++)
        {
            if (!_byPrevout.TryGetValue(new OutPoint(txid, n), out var children))
                continue;
            foreach (var child in children)
            {
                var entry = _orphans[child];
                if (entry.Announcers.Contains(peer) && result.All(r => r.Tx != entry.Tx))
                    result.Add((entry.ExpiresSeconds, entry.Tx));
            }
        }

        return result.OrderByDescending(r => r.Expires).Select(r => r.Tx).ToList();
    }

    private void LimitOrphans()
    {
        long now = NetTime.NowSeconds();
        foreach (var (wtxid, entry) in _orphans.ToList())
        {
            if (entry.ExpiresSeconds <= now)
                EraseTx(wtxid);
        }

        int evicted = 0;
        while (_orphans.Count > MaxOrphans)
        {
            var victim = _orphans.Keys.ElementAt(Random.Shared.Next(_orphans.Count));
            EraseTx(victim);
            evicted++;
        }

        if (evicted > 0)
            Log.Debug(LogCategory.TxPackages, $"orphanage overflow, removed {evicted} tx");
    }

    private sealed class Entry(Transaction tx, long expiresSeconds)
    {
        public Transaction Tx { get; } = tx;

        public long ExpiresSeconds { get; } = expiresSeconds;

        public HashSet<long> Announcers { get; } = [];
    }
}
