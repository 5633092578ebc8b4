using System.Security.Cryptography;
using Bitcoin.Node.Net.Util;
using NBitcoin;

namespace Bitcoin.Node.Net.TxDownload;

/// <summary>
/// Which peer to ask for each announced transaction and when (Core's TxRequestTracker): every announcement waits
/// until its request time, then the best candidate (preferred peers first, then a keyed random priority) is asked;
/// only one request per transaction is in flight; an unanswered request expires and the next candidate gets a turn.
/// Not thread-safe: the tx download manager serializes calls.
/// </summary>
internal sealed class TxRequestTracker
{
    private readonly ulong _k0;
    private readonly ulong _k1;
    private readonly Dictionary<uint256, List<Announcement>> _byTx = [];
    private readonly Dictionary<long, Dictionary<uint256, Announcement>> _byPeer = [];
    private ulong _sequence;

    public TxRequestTracker(bool deterministic = false)
    {
        if (deterministic)
        {
            _k0 = 0;
            _k1 = 0;
        }
        else
        {
            var keys = RandomNumberGenerator.GetBytes(16);
            _k0 = BitConverter.ToUInt64(keys, 0);
            _k1 = BitConverter.ToUInt64(keys, 8);
        }
    }

    /// <summary>Total number of announcements tracked.</summary>
    public int Size => _byPeer.Values.Sum(p => p.Count);

    /// <summary>Announcements of a peer in any state.</summary>
    public int Count(long peer) => _byPeer.TryGetValue(peer, out var set) ? set.Count : 0;

    /// <summary>Requests in flight to a peer.</summary>
    public int CountInFlight(long peer) => _byPeer.TryGetValue(peer, out var set) ? set.Values.Count(a => a.State == AnnouncementState.Requested) : 0;

    /// <summary>Records an announcement (ignored when the peer already announced that hash).</summary>
    public void ReceivedInv(long peer, GenTxid id, bool preferred, long requestTimeMicros)
    {
        if (!_byPeer.TryGetValue(peer, out var peerSet))
            _byPeer[peer] = peerSet = [];
        if (peerSet.ContainsKey(id.Hash))
            return;
        var announcement = new Announcement(peer, id, preferred, requestTimeMicros, _sequence++, Priority(id.Hash, peer, preferred));
        peerSet[id.Hash] = announcement;
        if (!_byTx.TryGetValue(id.Hash, out var list))
            _byTx[id.Hash] = list = [];
        list.Add(announcement);
    }

    /// <summary>Marks the peer's announcement as requested, expiring at <paramref name="expiryMicros"/>.</summary>
    public void RequestedTx(long peer, uint256 hash, long expiryMicros)
    {
        if (!_byPeer.TryGetValue(peer, out var peerSet) || !peerSet.TryGetValue(hash, out var announcement))
            return;
        // Only one request per transaction: any other one in flight is given up.
        foreach (var other in _byTx[hash])
        {
            if (other.State == AnnouncementState.Requested)
                other.State = AnnouncementState.Completed;
        }

        announcement.State = AnnouncementState.Requested;
        announcement.TimeMicros = expiryMicros;
    }

    /// <summary>The peer answered (with the transaction or notfound).</summary>
    public void ReceivedResponse(long peer, uint256 hash)
    {
        if (_byPeer.TryGetValue(peer, out var peerSet) && peerSet.TryGetValue(hash, out var announcement))
        {
            announcement.State = AnnouncementState.Completed;
            CleanUp(hash);
        }
    }

    /// <summary>Forgets everything about a peer.</summary>
    public void DisconnectedPeer(long peer)
    {
        if (!_byPeer.Remove(peer, out var peerSet))
            return;
        foreach (var hash in peerSet.Keys)
        {
            var list = _byTx[hash];
            list.RemoveAll(a => a.Peer == peer);
            CleanUp(hash);
        }
    }

    /// <summary>Forgets every announcement of a transaction (we have it, or it was confirmed).</summary>
    public void ForgetTxHash(uint256 hash)
    {
        if (!_byTx.Remove(hash, out var list))
            return;
        foreach (var announcement in list)
        {
            if (_byPeer.TryGetValue(announcement.Peer, out var peerSet))
            {
                peerSet.Remove(hash);
                if (peerSet.Count == 0)
                    _byPeer.Remove(announcement.Peer);
            }
        }
    }

    /// <summary>Adds the peers with a pending (not completed) announcement of <paramref name="hash"/>.</summary>
    public void GetCandidatePeers(uint256 hash, List<long> result)
    {
        if (!_byTx.TryGetValue(hash, out var list))
            return;
        foreach (var announcement in list)
        {
            if (announcement.State is AnnouncementState.Delayed or AnnouncementState.Ready)
                result.Add(announcement.Peer);
        }
    }

    /// <summary>
    /// The transactions to ask <paramref name="peer"/> for now, oldest announcement first; requests that timed out
    /// are reported in <paramref name="expired"/>.
    /// </summary>
    public List<GenTxid> GetRequestable(long peer, long nowMicros, List<(long Peer, GenTxid Id)> expired)
    {
        var result = new List<Announcement>();
        if (!_byPeer.TryGetValue(peer, out var peerSet))
            return [];
        foreach (var hash in peerSet.Keys.ToList())
        {
            if (!_byTx.TryGetValue(hash, out var list))
                continue;
            bool inFlight = false;
            Announcement? best = null;
            foreach (var announcement in list)
            {
                if (announcement.State == AnnouncementState.Requested && announcement.TimeMicros <= nowMicros)
                {
                    announcement.State = AnnouncementState.Completed;
                    expired.Add((announcement.Peer, announcement.Id));
                }

                if (announcement.State == AnnouncementState.Delayed && announcement.TimeMicros <= nowMicros)
                    announcement.State = AnnouncementState.Ready;
                if (announcement.State == AnnouncementState.Requested)
                    inFlight = true;
                if (announcement.State == AnnouncementState.Ready && (best is null || announcement.Priority > best.Priority))
                    best = announcement;
            }

            if (!inFlight && best is not null && best.Peer == peer)
                result.Add(best);
            CleanUp(hash);
        }

        result.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return result.Select(a => a.Id).ToList();
    }

    // A transaction whose announcements are all completed is forgotten.
    private void CleanUp(uint256 hash)
    {
        if (_byTx.TryGetValue(hash, out var list) && list.All(a => a.State == AnnouncementState.Completed))
            ForgetTxHash(hash);
    }

    private ulong Priority(uint256 hash, long peer, bool preferred)
    {
        ulong low = new SipHasher(_k0, _k1).Write(hash.ToBytes()).Write((ulong)peer).Finalize() >> 1;
        return low | (preferred ? 1UL << 63 : 0);
    }

    private enum AnnouncementState
    {
        Delayed,
        Ready,
        Requested,
        Completed,
    }

    private sealed class Announcement(long peer, GenTxid id, bool preferred, long timeMicros, ulong sequence, ulong priority)
    {
        public long Peer { get; } = peer;

        public GenTxid Id { get; } = id;

        public bool Preferred { get; } = preferred;

        /// <summary>Request time while a candidate, expiry while requested.</summary>
        public long TimeMicros { get; set; } = timeMicros;

        public ulong Sequence { get; } = sequence;

        public ulong Priority { get; } = priority;

        public AnnouncementState State { get; set; }
    }
}
