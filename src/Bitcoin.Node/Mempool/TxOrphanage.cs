using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Policy;
using NBitcoin;

namespace Bitcoin.Node.Mempool;

/// <summary>
/// Transactions received from peers whose inputs are missing (Core's node::TxOrphanage): kept per announcing peer,
/// found again when a parent arrives (the "work set"), and limited. Each peer has a reserved share of weight (404000 by
/// default) and of the global latency score (3000 by default, one per announcement plus one per ten inputs); when the
/// whole orphanage exceeds its limits, the oldest announcements of the peer most over its share go first, orphans not
/// yet up for reconsideration before those that are. An orphan stays while any peer announced it.
/// Not thread-safe: the P2P layer serializes access.
/// </summary>
public sealed class TxOrphanage
{
    /// <summary>Default weight reserved per peer (Core's DEFAULT_RESERVED_ORPHAN_WEIGHT_PER_PEER).</summary>
    public const long DefaultReservedOrphanWeightPerPeer = 404_000;

    /// <summary>Default global latency score (Core's DEFAULT_MAX_ORPHANAGE_LATENCY_SCORE).</summary>
    public const int DefaultMaxOrphanageLatencyScore = 3000;

    private readonly SortedSet<Announcement> _byWtxid = new(Comparer<Announcement>.Create(CompareByWtxid));
    private readonly SortedSet<Announcement> _byPeer = new(Comparer<Announcement>.Create(CompareByPeer));
    private readonly Dictionary<OutPoint, SortedSet<uint256>> _outpointToOrphans = [];
    private readonly HashSet<uint256> _reconsiderable = [];
    private readonly Dictionary<long, PeerInfo> _peers = [];
    private readonly Random _random;
    private ulong _sequence;
    private int _uniqueOrphans;
    private long _uniqueUsage;
    private int _uniqueRoundedInputScores;

    /// <summary>Creates an orphanage with Core's limits (or others, for tests); <paramref name="random"/> picks announcers to reconsider.</summary>
    public TxOrphanage(int maxGlobalLatencyScore = DefaultMaxOrphanageLatencyScore, long reservedPeerUsage = DefaultReservedOrphanWeightPerPeer,
        Random? random = null)
    {
        MaxGlobalLatencyScore = maxGlobalLatencyScore;
        ReservedPeerUsage = reservedPeerUsage;
        _random = random ?? new Random();
    }

    /// <summary>The global latency score limit.</summary>
    public int MaxGlobalLatencyScore { get; }

    /// <summary>The weight reserved for each peer.</summary>
    public long ReservedPeerUsage { get; }

    /// <summary>Announcements (peer and orphan pairs).</summary>
    public int CountAnnouncements => _byWtxid.Count;

    /// <summary>Distinct orphans by wtxid.</summary>
    public int CountUniqueOrphans => _uniqueOrphans;

    /// <summary>Total weight of the distinct orphans.</summary>
    public long TotalOrphanUsage => _uniqueUsage;

    /// <summary>Total latency score: one per announcement plus the inputs' share of each distinct orphan.</summary>
    public int TotalLatencyScore => _uniqueRoundedInputScores + _byWtxid.Count;

    /// <summary>Each peer's share of the latency score.</summary>
    public int MaxPeerLatencyScore => MaxGlobalLatencyScore / Math.Max(_peers.Count, 1);

    /// <summary>The weight the orphanage may hold: the reserved weight times the number of announcing peers.</summary>
    public long MaxGlobalUsage => ReservedPeerUsage * Math.Max(_peers.Count, 1);

    /// <summary>
    /// Stores an orphan announced by <paramref name="peer"/>; true when the orphan is new (false for another
    /// announcement of a known one, or a transaction over the standard weight), then trims to the limits.
    /// </summary>
    public bool AddTx(Transaction tx, long peer)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var wtxid = tx.GetWitHash();
        long weight = TxChecks.GetTransactionWeight(tx);
        if (weight > PolicyConstants.MaxStandardTxWeight)
        {
            Log.Debug(LogCategory.TxPackages, $"ignoring large orphan tx (size: {weight}, txid: {tx.GetHash()}, wtxid: {wtxid})");
            return false;
        }
        bool brandNew = !HaveTx(wtxid);
        var announcement = new Announcement(tx, wtxid, peer, _sequence);
        if (!_byWtxid.Add(announcement)) return false;
        _byPeer.Add(announcement);
        _sequence++;
        PeerFor(peer).Add(announcement);
        if (brandNew)
        {
            foreach (var input in tx.Inputs)
            {
                if (!_outpointToOrphans.TryGetValue(input.PrevOut, out var set)) _outpointToOrphans[input.PrevOut] = set = new SortedSet<uint256>(Comparer<uint256>.Create(CompareHash));
                set.Add(wtxid);
            }
            _uniqueOrphans++;
            _uniqueUsage += announcement.Usage;
            _uniqueRoundedInputScores += announcement.LatencyScore - 1;
            Log.Debug(LogCategory.TxPackages, $"stored orphan tx {tx.GetHash()} (wtxid={wtxid}), weight: {weight} (mapsz {_byWtxid.Count} outsz {_outpointToOrphans.Count})");
        }
        else
        {
            Log.Debug(LogCategory.TxPackages, $"added peer={peer} as announcer of orphan tx {tx.GetHash()} (wtxid={wtxid})");
        }
        LimitOrphans();
        return brandNew;
    }

    /// <summary>Adds <paramref name="peer"/> as an announcer of a stored orphan; false if unknown or already announced by it.</summary>
    public bool AddAnnouncer(uint256 wtxid, long peer)
    {
        var first = FirstFor(wtxid);
        if (first is null) return false;
        var announcement = new Announcement(first.Tx, wtxid, peer, _sequence);
        if (!_byWtxid.Add(announcement)) return false;
        _byPeer.Add(announcement);
        _sequence++;
        PeerFor(peer).Add(announcement);
        Log.Debug(LogCategory.TxPackages, $"added peer={peer} as announcer of orphan tx {first.Tx.GetHash()} (wtxid={wtxid})");
        LimitOrphans();
        return true;
    }

    /// <summary>The orphan with this wtxid, or null.</summary>
    public Transaction? GetTx(uint256 wtxid) => FirstFor(wtxid)?.Tx;

    /// <summary>True if an orphan with this wtxid is stored.</summary>
    public bool HaveTx(uint256 wtxid) => FirstFor(wtxid) is not null;

    /// <summary>True if <paramref name="peer"/> announced the orphan.</summary>
    public bool HaveTxFromPeer(uint256 wtxid, long peer) => _byWtxid.Contains(Announcement.Key(wtxid, peer));

    /// <summary>Takes one orphan of <paramref name="peer"/>'s work set (its parents arrived), or null.</summary>
    public Transaction? GetTxToReconsider(long peer)
    {
        var first = _byPeer.GetViewBetween(Announcement.PeerKey(peer, true, 0), Announcement.PeerKey(peer, true, ulong.MaxValue)).FirstOrDefault();
        if (first is null) return null;
        SetReconsider(first, false);
        _reconsiderable.Remove(first.Wtxid);
        return first.Tx;
    }

    /// <summary>True if <paramref name="peer"/> has orphans to reconsider.</summary>
    public bool HaveTxToReconsider(long peer) =>
        _byPeer.GetViewBetween(Announcement.PeerKey(peer, true, 0), Announcement.PeerKey(peer, true, ulong.MaxValue)).Count > 0;

    /// <summary>Removes an orphan with all its announcements; false if it was not there.</summary>
    public bool EraseTx(uint256 wtxid)
    {
        bool erased = EraseTxInternal(wtxid);
        LimitOrphans();
        return erased;
    }

    /// <summary>Removes <paramref name="peer"/>'s announcements (it disconnected); orphans others announced stay.</summary>
    public void EraseForPeer(long peer)
    {
        var announcements = _byPeer.GetViewBetween(Announcement.PeerKey(peer, false, 0), Announcement.PeerKey(peer, true, ulong.MaxValue)).ToList();
        foreach (var announcement in announcements) Erase(announcement);
        if (announcements.Count > 0) Log.Debug(LogCategory.TxPackages, $"Erased {announcements.Count} orphan transaction(s) from peer={peer}");
        LimitOrphans();
    }

    /// <summary>Removes orphans that spend an input a block transaction spends (included or conflicted).</summary>
    public void EraseForBlock(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (_byWtxid.Count == 0) return;
        var toErase = new SortedSet<uint256>(Comparer<uint256>.Create(CompareHash));
        foreach (var tx in block.Transactions)
        {
            foreach (var input in tx.Inputs)
            {
                if (_outpointToOrphans.TryGetValue(input.PrevOut, out var set)) toErase.UnionWith(set);
            }
        }
        int erased = toErase.Count(EraseTxInternal);
        if (erased != 0) Log.Debug(LogCategory.TxPackages, $"Erased {erased} orphan transaction(s) included or conflicted by block");
        LimitOrphans();
    }

    /// <summary>
    /// A transaction arrived: orphans spending its outputs go to the work set of one of their announcers (picked at
    /// random). Returns the (wtxid, peer) pairs added.
    /// </summary>
    public List<(uint256 Wtxid, long Peer)> AddChildrenToWorkSet(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var added = new List<(uint256, long)>();
        if (_byWtxid.Count == 0) return added;
        var txid = tx.GetHash();
        for (int i = 0; i < tx.Outputs.Count; i++)
        {
            if (!_outpointToOrphans.TryGetValue(new OutPoint(txid, i), out var set)) continue;
            foreach (var wtxid in set)
            {
                if (_reconsiderable.Contains(wtxid)) continue;
                var announcements = AnnouncementsFor(wtxid);
                if (announcements.Count == 0) continue;
                var chosen = announcements[_random.Next(announcements.Count)];
                SetReconsider(chosen, true);
                added.Add((wtxid, chosen.Peer));
                _reconsiderable.Add(wtxid);
                Log.Debug(LogCategory.TxPackages, $"added {chosen.Tx.GetHash()} (wtxid={wtxid}) to peer {chosen.Peer} workset");
            }
        }
        return added;
    }

    /// <summary>Orphans from <paramref name="peer"/> spending <paramref name="parent"/>: reconsiderable first, then newest first.</summary>
    public List<Transaction> GetChildrenFromSamePeer(Transaction parent, long peer)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var parentTxid = parent.GetHash();
        return _byPeer.GetViewBetween(Announcement.PeerKey(peer, false, 0), Announcement.PeerKey(peer, true, ulong.MaxValue))
            .Reverse()
            .Where(a => a.Tx.Inputs.Any(i => i.PrevOut.Hash == parentTxid))
            .Select(a => a.Tx)
            .ToList();
    }

    /// <summary>Every orphan with its announcers, by wtxid.</summary>
    public List<(Transaction Tx, IReadOnlySet<long> Announcers)> GetOrphanTransactions()
    {
        var result = new List<(Transaction, IReadOnlySet<long>)>();
        foreach (var group in _byWtxid.GroupBy(a => a.Wtxid))
        {
            var list = group.ToList();
            result.Add((list[0].Tx, list.Select(a => a.Peer).ToHashSet()));
        }
        return result;
    }

    /// <summary>Weight of the orphans <paramref name="peer"/> announced.</summary>
    public long UsageByPeer(long peer) => _peers.TryGetValue(peer, out var info) ? info.Usage : 0;

    /// <summary>Announcements made by <paramref name="peer"/>.</summary>
    public int AnnouncementsFromPeer(long peer) => _peers.TryGetValue(peer, out var info) ? info.Count : 0;

    /// <summary>Latency score of <paramref name="peer"/>'s announcements.</summary>
    public int LatencyScoreFromPeer(long peer) => _peers.TryGetValue(peer, out var info) ? info.LatencyScore : 0;

    private PeerInfo PeerFor(long peer)
    {
        if (!_peers.TryGetValue(peer, out var info)) _peers[peer] = info = new PeerInfo();
        return info;
    }

    private Announcement? FirstFor(uint256 wtxid)
    {
        var view = _byWtxid.GetViewBetween(Announcement.Key(wtxid, long.MinValue), Announcement.Key(wtxid, long.MaxValue));
        return view.Count == 0 ? null : view.Min;
    }

    private List<Announcement> AnnouncementsFor(uint256 wtxid) =>
        _byWtxid.GetViewBetween(Announcement.Key(wtxid, long.MinValue), Announcement.Key(wtxid, long.MaxValue)).ToList();

    private void SetReconsider(Announcement announcement, bool reconsider)
    {
        _byPeer.Remove(announcement);
        announcement.Reconsider = reconsider;
        _byPeer.Add(announcement);
    }

    private bool EraseTxInternal(uint256 wtxid)
    {
        var announcements = AnnouncementsFor(wtxid);
        if (announcements.Count == 0) return false;
        foreach (var announcement in announcements) Erase(announcement);
        Log.Debug(LogCategory.TxPackages, $"removed orphan tx {announcements[0].Tx.GetHash()} (wtxid={wtxid}) ({announcements.Count} announcements)");
        return true;
    }

    private void Erase(Announcement announcement)
    {
        if (_peers.TryGetValue(announcement.Peer, out var info) && info.Subtract(announcement)) _peers.Remove(announcement.Peer);
        _byWtxid.Remove(announcement);
        _byPeer.Remove(announcement);
        if (announcement.Reconsider) _reconsiderable.Remove(announcement.Wtxid);
        if (FirstFor(announcement.Wtxid) is null)
        {
            // That was the last announcement: the orphan itself goes.
            _uniqueOrphans--;
            _uniqueRoundedInputScores -= announcement.LatencyScore - 1;
            _uniqueUsage -= announcement.Usage;
            foreach (var input in announcement.Tx.Inputs)
            {
                if (!_outpointToOrphans.TryGetValue(input.PrevOut, out var set)) continue;
                set.Remove(announcement.Wtxid);
                if (set.Count == 0) _outpointToOrphans.Remove(input.PrevOut);
            }
        }
    }

    private bool NeedsTrim() => TotalLatencyScore > MaxGlobalLatencyScore || TotalOrphanUsage > MaxGlobalUsage;

    // Evicts the oldest announcements (not-yet-reconsiderable first) of the peer most over its share until the
    // orphanage fits, moving to the next worst peer when this one falls to that peer's level.
    private void LimitOrphans()
    {
        if (!NeedsTrim()) return;
        int originalUnique = CountUniqueOrphans;
        int maxLatency = MaxPeerLatencyScore;
        long maxUsage = ReservedPeerUsage;
        var heap = new PriorityQueue<long, (FeeFrac Score, long Peer)>(Comparer<(FeeFrac Score, long Peer)>.Create((a, b) =>
        {
            int c = FeeFrac.CompareRatioThenSmaller(b.Score, a.Score);
            return c != 0 ? c : b.Peer.CompareTo(a.Peer);
        }));
        foreach (var (peer, info) in _peers)
        {
            var score = info.DosScore(maxLatency, maxUsage);
            if (FeeFrac.CompareRatio(score, new FeeFrac(1, 1)) > 0) heap.Enqueue(peer, (score, peer));
        }
        int erasedTotal = 0;
        while (heap.Count > 0)
        {
            heap.TryDequeue(out long worst, out _);
            var threshold = heap.TryPeek(out _, out var next) ? next.Score : new FeeFrac(1, 1);
            var announcements = _byPeer.GetViewBetween(Announcement.PeerKey(worst, false, 0), Announcement.PeerKey(worst, true, ulong.MaxValue)).ToList();
            int starting = announcements.Count;
            int erasedRound = 0;
            foreach (var announcement in announcements)
            {
                if (!NeedsTrim()) break;
                Erase(announcement);
                erasedRound++;
                erasedTotal++;
                if (!_peers.TryGetValue(worst, out var left) || FeeFrac.CompareRatioThenSmaller(left.DosScore(maxLatency, maxUsage), threshold) <= 0) break;
            }
            Log.Debug(LogCategory.TxPackages, $"peer={worst} orphanage overflow, removed {erasedRound} of {starting} announcements");
            if (!NeedsTrim()) break;
            if (_peers.TryGetValue(worst, out var remaining) && remaining.Count > 0)
                heap.Enqueue(worst, (remaining.DosScore(maxLatency, maxUsage), worst));
        }
        Log.Debug(LogCategory.TxPackages, $"orphanage overflow, removed {originalUnique - CountUniqueOrphans} tx ({erasedTotal} announcements)");
    }

    private static int CompareHash(uint256 a, uint256 b)
    {
        Span<byte> x = stackalloc byte[32];
        Span<byte> y = stackalloc byte[32];
        a.ToBytes(x);
        b.ToBytes(y);
        return x.SequenceCompareTo(y);
    }

    private static int CompareByWtxid(Announcement? a, Announcement? b)
    {
        int c = CompareHash(a!.Wtxid, b!.Wtxid);
        return c != 0 ? c : a.Peer.CompareTo(b.Peer);
    }

    private static int CompareByPeer(Announcement? a, Announcement? b)
    {
        int c = a!.Peer.CompareTo(b!.Peer);
        if (c != 0) return c;
        c = a.Reconsider.CompareTo(b.Reconsider);
        return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
    }

    private sealed class Announcement(Transaction tx, uint256 wtxid, long peer, ulong sequence)
    {
        public Transaction Tx { get; } = tx;

        public uint256 Wtxid { get; } = wtxid;

        public long Peer { get; } = peer;

        public ulong Sequence { get; } = sequence;

        public bool Reconsider { get; set; }

        // Weight approximates memory (inputs are not witness-discounted, which covers the outpoint index).
        public long Usage => Tx is null ? 0 : TxChecks.GetTransactionWeight(Tx);

        // One per announcement plus one per ten inputs, for the work of erasing by block or peer.
        public int LatencyScore => Tx is null ? 0 : 1 + (Tx.Inputs.Count / 10);

        public static Announcement Key(uint256 wtxid, long peer) => new(null!, wtxid, peer, 0);

        public static Announcement PeerKey(long peer, bool reconsider, ulong sequence) =>
            new(null!, uint256.Zero, peer, sequence) { Reconsider = reconsider };
    }

    private sealed class PeerInfo
    {
        public long Usage { get; private set; }

        public int Count { get; private set; }

        public int LatencyScore { get; private set; }

        public void Add(Announcement a)
        {
            Usage += a.Usage;
            LatencyScore += a.LatencyScore;
            Count++;
        }

        public bool Subtract(Announcement a)
        {
            Usage -= a.Usage;
            LatencyScore -= a.LatencyScore;
            Count--;
            return Count == 0;
        }

        // The larger of the latency and memory shares used (over 1: over the peer's share).
        public FeeFrac DosScore(int maxLatency, long maxUsage)
        {
            var latency = new FeeFrac(LatencyScore, Math.Max(maxLatency, 1));
            var memory = new FeeFrac(Usage, (int)Math.Min(maxUsage, int.MaxValue));
            return FeeFrac.CompareRatioThenSmaller(latency, memory) >= 0 ? latency : memory;
        }
    }
}
