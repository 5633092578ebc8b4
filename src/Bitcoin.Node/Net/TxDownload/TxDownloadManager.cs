using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Mempool;
using Bitcoin.Kernel.Policy;
using Bitcoin.Node.Mempool;
using Bitcoin.Node.Net.Util;
using NBitcoin;

namespace Bitcoin.Node.Net.TxDownload;

/// <summary>
/// Which transactions to download from whom, and what to remember about the ones we saw (Core's
/// TxDownloadManagerImpl): announcements go to the request tracker, rejected transactions to rolling filters,
/// transactions with missing parents to the orphanage and their parents to the request tracker. Not thread-safe:
/// net processing holds its tx download lock around every call.
/// </summary>
internal sealed class TxDownloadManager
{
    /// <summary>Most requests in flight to one peer before its announcements are delayed (Core's MAX_PEER_TX_REQUEST_IN_FLIGHT).</summary>
    public const int MaxPeerTxRequestInFlight = 100;

    /// <summary>Most announcements tracked for one peer (Core's MAX_PEER_TX_ANNOUNCEMENTS).</summary>
    public const int MaxPeerTxAnnouncements = 5000;

    private const long TxidRelayDelayMicros = 2_000_000;
    private const long NonPreferredPeerTxDelayMicros = 2_000_000;
    private const long OverloadedPeerTxDelayMicros = 2_000_000;
    private const long GetDataTxIntervalMicros = 60_000_000;

    private readonly TxMemPool? _mempool;
    private readonly TxOrphanage _orphanage = new();
    private readonly TxRequestTracker _txRequest = new();
    private readonly Dictionary<long, (bool Preferred, bool RelayPermissions, bool WtxidRelay)> _peerInfo = [];
    private int _numWtxidPeers;
    private RollingBloomFilter? _recentRejects;
    private RollingBloomFilter? _recentRejectsReconsiderable;
    private RollingBloomFilter? _recentConfirmed;

    public TxDownloadManager(TxMemPool? mempool) => _mempool = mempool;

    /// <summary>Number of orphans kept.</summary>
    public int OrphanCount => _orphanage.CountUniqueOrphans;

    /// <summary>The orphans with their announcers (getorphantxs).</summary>
    public List<(Transaction Tx, IReadOnlySet<long> Announcers)> GetOrphanTransactions() => _orphanage.GetOrphanTransactions();

    private RollingBloomFilter RecentRejects => _recentRejects ??= new RollingBloomFilter(120_000, 0.000001);

    private RollingBloomFilter RecentRejectsReconsiderable => _recentRejectsReconsiderable ??= new RollingBloomFilter(120_000, 0.000001);

    private RollingBloomFilter RecentConfirmed => _recentConfirmed ??= new RollingBloomFilter(48_000, 0.000001);

    /// <summary>A new tip: rejections may no longer hold.</summary>
    public void ActiveTipChange()
    {
        RecentRejects.Reset();
        RecentRejectsReconsiderable.Reset();
    }

    /// <summary>A block was connected: its transactions are confirmed, their children may now be acceptable.</summary>
    public void BlockConnected(Block block)
    {
        _orphanage.EraseForBlock(block);
        foreach (var tx in block.Transactions)
        {
            _orphanage.AddChildrenToWorkSet(tx);
            var txid = tx.GetHash();
            var wtxid = tx.GetWitHash();
            RecentConfirmed.Insert(txid.ToBytes());
            if (tx.HasWitness)
                RecentConfirmed.Insert(wtxid.ToBytes());
            _txRequest.ForgetTxHash(txid);
            _txRequest.ForgetTxHash(wtxid);
        }
    }

    /// <summary>A block was disconnected: forget which transactions were recently confirmed.</summary>
    public void BlockDisconnected() => RecentConfirmed.Reset();

    /// <summary>True if we have, recently rejected or recently confirmed the transaction (Core's AlreadyHaveTx).</summary>
    public bool AlreadyHaveTx(GenTxid id, bool includeReconsiderable)
    {
        var hash = id.Hash;
        // Orphans are keyed by wtxid; a txid equals the wtxid of a transaction without witness.
        if (_orphanage.HaveTx(hash))
            return true;
        var key = hash.ToBytes();
        if (includeReconsiderable && RecentRejectsReconsiderable.Contains(key))
            return true;
        if (RecentConfirmed.Contains(key))
            return true;
        if (RecentRejects.Contains(key))
            return true;
        if (_mempool is null)
            return false;
        return id.IsWtxid ? _mempool.ExistsWtxid(hash) : _mempool.Exists(hash);
    }

    /// <summary>A peer finished its handshake.</summary>
    public void ConnectedPeer(long peer, bool preferred, bool relayPermissions, bool wtxidRelay)
    {
        if (_peerInfo.ContainsKey(peer))
            return;
        _peerInfo[peer] = (preferred, relayPermissions, wtxidRelay);
        if (wtxidRelay)
            _numWtxidPeers++;
    }

    /// <summary>A peer is gone.</summary>
    public void DisconnectedPeer(long peer)
    {
        _orphanage.EraseForPeer(peer);
        _txRequest.DisconnectedPeer(peer);
        if (_peerInfo.Remove(peer, out var info) && info.WtxidRelay)
            _numWtxidPeers--;
    }

    /// <summary>A peer announced a transaction; true if we already have it (Core's AddTxAnnouncement).</summary>
    public bool AddTxAnnouncement(long peer, GenTxid id, long nowMicros)
    {
        // An announcement of an orphan's wtxid makes the peer a candidate for resolving it.
        if (id.IsWtxid && _orphanage.GetTx(id.Hash) is { } orphan)
        {
            var parents = GetUniqueParents(orphan);
            parents.RemoveAll(txid => AlreadyHaveTx(new GenTxid(false, txid), includeReconsiderable: false));
            if (parents.Count == 0)
                return true;
            if (MaybeAddOrphanResolutionCandidate(parents, id.Hash, peer, nowMicros))
                _orphanage.AddAnnouncer(id.Hash, peer);
            return true;
        }

        if (AlreadyHaveTx(id, includeReconsiderable: true))
            return true;
        if (!_peerInfo.TryGetValue(peer, out var info))
            return false;
        if (!info.RelayPermissions && _txRequest.Count(peer) >= MaxPeerTxAnnouncements)
            return false;
        long delay = 0;
        if (!info.Preferred)
            delay += NonPreferredPeerTxDelayMicros;
        if (!id.IsWtxid && _numWtxidPeers > 0)
            delay += TxidRelayDelayMicros;
        if (!info.RelayPermissions && _txRequest.CountInFlight(peer) >= MaxPeerTxRequestInFlight)
            delay += OverloadedPeerTxDelayMicros;
        _txRequest.ReceivedInv(peer, id, info.Preferred, nowMicros + delay);
        return false;
    }

    private bool MaybeAddOrphanResolutionCandidate(List<uint256> parents, uint256 wtxid, long peer, long nowMicros)
    {
        if (!_peerInfo.TryGetValue(peer, out var info))
            return false;
        if (_orphanage.HaveTxFromPeer(wtxid, peer))
            return false;
        if (!info.RelayPermissions && _txRequest.Count(peer) + parents.Count > MaxPeerTxAnnouncements)
            return false;
        long delay = 0;
        if (!info.Preferred)
            delay += NonPreferredPeerTxDelayMicros;
        if (_numWtxidPeers > 0)
            delay += TxidRelayDelayMicros;
        if (!info.RelayPermissions && _txRequest.CountInFlight(peer) >= MaxPeerTxRequestInFlight)
            delay += OverloadedPeerTxDelayMicros;
        // Resolving the orphan means asking for its missing parents by txid.
        foreach (var parent in parents)
            _txRequest.ReceivedInv(peer, new GenTxid(false, parent), info.Preferred, nowMicros + delay);
        Log.Debug(LogCategory.TxPackages, $"added peer={peer} as a candidate for resolving orphan {wtxid}");
        return true;
    }

    /// <summary>The transactions to request from a peer now (Core's GetRequestsToSend).</summary>
    public List<GenTxid> GetRequestsToSend(long peer, long nowMicros)
    {
        var requests = new List<GenTxid>();
        var expired = new List<(long Peer, GenTxid Id)>();
        var requestable = _txRequest.GetRequestable(peer, nowMicros, expired);
        foreach (var (expiredPeer, id) in expired)
            Log.Debug(LogCategory.Net, $"timeout of inflight {(id.IsWtxid ? "wtx" : "tx")} {id.Hash} from peer={expiredPeer}");
        foreach (var id in requestable)
        {
            if (!AlreadyHaveTx(id, includeReconsiderable: false))
            {
                Log.Debug(LogCategory.Net, $"Requesting {(id.IsWtxid ? "wtx" : "tx")} {id.Hash} peer={peer}");
                requests.Add(id);
                _txRequest.RequestedTx(peer, id.Hash, nowMicros + GetDataTxIntervalMicros);
            }
            else
            {
                _txRequest.ForgetTxHash(id.Hash);
            }
        }

        return requests;
    }

    /// <summary>A peer answered requests with notfound.</summary>
    public void ReceivedNotFound(long peer, IEnumerable<GenTxid> ids)
    {
        foreach (var id in ids)
            _txRequest.ReceivedResponse(peer, id.Hash);
    }

    /// <summary>A transaction entered the mempool.</summary>
    public void MempoolAcceptedTx(Transaction tx)
    {
        _txRequest.ForgetTxHash(tx.GetHash());
        _txRequest.ForgetTxHash(tx.GetWitHash());
        _orphanage.AddChildrenToWorkSet(tx);
        _orphanage.EraseTx(tx.GetWitHash());
    }

    /// <summary>
    /// A transaction was rejected (Core's MempoolRejectedTx): remembers the rejection, keeps orphans, and finds a
    /// child to retry a low-fee parent with. Returns whether to keep the transaction for compact blocks, the parents
    /// the peer must know of, and a 1-parent-1-child package to try.
    /// </summary>
    public (bool AddExtraCompactTx, List<uint256> UniqueParents, (Transaction Parent, Transaction Child, long Sender)? Package)
        MempoolRejectedTx(Transaction tx, TxValidationState state, long peer, bool firstTimeFailure)
    {
        bool addExtra = firstTimeFailure;
        var uniqueParents = new List<uint256>();
        (Transaction, Transaction, long)? package = null;
        var txid = tx.GetHash();
        var wtxid = tx.GetWitHash();

        if (state.Result == TxValidationResult.MissingInputs)
        {
            if (firstTimeFailure && !RecentRejects.Contains(wtxid.ToBytes()))
            {
                bool rejectedParents = false;
                uniqueParents = GetUniqueParents(tx);
                uint256? reconsiderableParent = null;
                foreach (var parent in uniqueParents)
                {
                    if (RecentRejects.Contains(parent.ToBytes()))
                    {
                        rejectedParents = true;
                        break;
                    }

                    if (RecentRejectsReconsiderable.Contains(parent.ToBytes()) && !(_mempool?.Exists(parent) ?? false))
                    {
                        // Only one low-fee parent can be helped by a 1-parent-1-child package.
                        if (reconsiderableParent is not null)
                        {
                            rejectedParents = true;
                            break;
                        }

                        reconsiderableParent = parent;
                    }
                }

                if (!rejectedParents)
                {
                    uniqueParents.RemoveAll(p => AlreadyHaveTx(new GenTxid(false, p), includeReconsiderable: false));
                    long now = Connections.NetTime.NowMicros();
                    addExtra &= !_orphanage.HaveTx(wtxid);
                    var candidates = new List<long> { peer };
                    _txRequest.GetCandidatePeers(txid, candidates);
                    if (tx.HasWitness)
                        _txRequest.GetCandidatePeers(wtxid, candidates);
                    foreach (var candidate in candidates)
                    {
                        if (MaybeAddOrphanResolutionCandidate(uniqueParents, wtxid, candidate, now))
                            _orphanage.AddTx(tx, candidate);
                    }

                    _txRequest.ForgetTxHash(txid);
                    _txRequest.ForgetTxHash(wtxid);
                }
                else
                {
                    uniqueParents.Clear();
                    Log.Debug(LogCategory.Mempool, $"not keeping orphan with rejected parents {txid} (wtxid={wtxid})");
                    RecentRejects.Insert(txid.ToBytes());
                    RecentRejects.Insert(wtxid.ToBytes());
                    _txRequest.ForgetTxHash(txid);
                    _txRequest.ForgetTxHash(wtxid);
                }
            }
        }
        else if (state.Result == TxValidationResult.WitnessStripped)
        {
            addExtra = false;
        }
        else
        {
            if (state.Result == TxValidationResult.Reconsiderable)
            {
                RecentRejectsReconsiderable.Insert(wtxid.ToBytes());
                if (firstTimeFailure)
                {
                    Log.Debug(LogCategory.TxPackages, $"tx {txid} (wtxid={wtxid}) failed but reconsiderable, looking for child in orphanage");
                    package = Find1P1CPackage(tx, peer);
                }
            }
            else
            {
                RecentRejects.Insert(wtxid.ToBytes());
            }

            _txRequest.ForgetTxHash(wtxid);
            // A policy failure of the inputs does not depend on the witness: the txid is rejected too.
            if (state.Result == TxValidationResult.InputsNotStandard && tx.HasWitness)
            {
                RecentRejects.Insert(txid.ToBytes());
                _txRequest.ForgetTxHash(txid);
            }
        }

        if (state.Result != TxValidationResult.MissingInputs && _orphanage.EraseTx(wtxid))
            Log.Debug(LogCategory.TxPackages, $"   removed orphan tx {txid} (wtxid={wtxid})");
        return (addExtra, uniqueParents, package);
    }

    /// <summary>A package failed: do not try the same one again.</summary>
    public void MempoolRejectedPackage(IReadOnlyList<Transaction> package) =>
        RecentRejectsReconsiderable.Insert(PackagePolicy.GetPackageHash(package).ToBytes());

    /// <summary>
    /// A peer sent a transaction (Core's ReceivedTx): whether to validate it, or a package to try when it was
    /// rejected before for a low fee.
    /// </summary>
    public (bool ShouldValidate, (Transaction Parent, Transaction Child, long Sender)? Package) ReceivedTx(long peer, Transaction tx)
    {
        var txid = tx.GetHash();
        var wtxid = tx.GetWitHash();
        _txRequest.ReceivedResponse(peer, txid);
        if (tx.HasWitness)
            _txRequest.ReceivedResponse(peer, wtxid);
        if (AlreadyHaveTx(new GenTxid(true, wtxid), includeReconsiderable: false))
            return (false, null);
        if (RecentRejectsReconsiderable.Contains(wtxid.ToBytes()))
        {
            Log.Debug(LogCategory.TxPackages, $"found tx {txid} (wtxid={wtxid}) in reconsiderable rejects, looking for child in orphanage");
            return (false, Find1P1CPackage(tx, peer));
        }

        return (true, null);
    }

    /// <summary>True if the peer has orphans to reconsider.</summary>
    public bool HaveMoreWork(long peer) => _orphanage.HaveTxToReconsider(peer);

    /// <summary>An orphan of the peer to reconsider, or null.</summary>
    public Transaction? GetTxToReconsider(long peer) => _orphanage.GetTxToReconsider(peer);

    private (Transaction, Transaction, long)? Find1P1CPackage(Transaction parent, long peer)
    {
        foreach (var child in _orphanage.GetChildrenFromSamePeer(parent, peer))
        {
            if (!RecentRejectsReconsiderable.Contains(PackagePolicy.GetPackageHash([parent, child]).ToBytes()) &&
                !RecentRejects.Contains(child.GetHash().ToBytes()))
            {
                return (parent, child, peer);
            }
        }

        return null;
    }

    private static List<uint256> GetUniqueParents(Transaction tx) =>
        tx.Inputs.Select(i => i.PrevOut.Hash).Distinct().ToList();
}
