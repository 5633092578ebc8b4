using System.Security.Cryptography;
using Bitcoin.Common.Logging;
using Bitcoin.Common.Util;
using Bitcoin.Node.Net.Protocol;

namespace Bitcoin.Node.Net.Addresses;

/// <summary>
/// The address manager (Core's AddrMan): a "new" table of 1024 buckets for addresses heard about and a "tried" table
/// of 256 buckets for addresses we connected to, each bucket of 64 slots, with bucket and slot chosen by a secret key
/// and the network groups of the address and its source, so that no single source can fill the tables. Thread-safe.
/// </summary>
public sealed partial class AddrMan
{
    private const int SetTriedCollisionSize = 10;
    private const long ReplacementSeconds = 4 * 3600;
    private const long TestWindowSeconds = 40 * 60;

    private readonly Lock _lock = new();
    private readonly Random _random;
    private readonly int _consistencyCheckRatio;
    private readonly Dictionary<long, AddrInfo> _info = [];
    private readonly Dictionary<ServiceAddress, long> _byAddress = [];
    private readonly List<long> _randomOrder = [];
    private readonly long[,] _tried = new long[AddrInfo.TriedBucketCount, AddrInfo.BucketSize];
    private readonly long[,] _new = new long[AddrInfo.NewBucketCount, AddrInfo.BucketSize];
    private readonly SortedSet<long> _triedCollisions = [];
    private readonly Dictionary<NetKind, (int New, int Tried)> _networkCounts = [];
    private byte[] _key;
    private long _idCount;
    private int _tried_count;
    private int _new_count;
    private long _lastGood = 1;

    /// <summary>
    /// An empty address manager. <paramref name="deterministic"/> (-test=addrman) fixes the secret key and the
    /// random choices, for tests; <paramref name="consistencyCheckRatio"/> (-checkaddrman) checks the tables every
    /// that many operations.
    /// </summary>
    public AddrMan(bool deterministic = false, int consistencyCheckRatio = 0)
    {
        _random = deterministic ? new Random(0) : new Random();
        _consistencyCheckRatio = consistencyCheckRatio;
        _key = deterministic ? DeterministicKey() : RandomNumberGenerator.GetBytes(32);
        Clear();
    }

    private static byte[] DeterministicKey()
    {
        // Core's uint256{1}: first byte 1.
        var key = new byte[32];
        key[0] = 1;
        return key;
    }

    private static long Now => NodeClock.GetTime();

    private void Clear()
    {
        for (int b = 0; b < AddrInfo.NewBucketCount; b++)
        {
            for (int p = 0; p < AddrInfo.BucketSize; p++)
                _new[b, p] = -1;
        }

        for (int b = 0; b < AddrInfo.TriedBucketCount; b++)
        {
            for (int p = 0; p < AddrInfo.BucketSize; p++)
                _tried[b, p] = -1;
        }
    }

    /// <summary>
    /// Number of entries, optionally only of one network and/or only of one table (<paramref name="inNew"/> true for
    /// new, false for tried).
    /// </summary>
    public int Size(NetKind? network = null, bool? inNew = null)
    {
        lock (_lock)
        {
            Check();
            if (network is null)
                return inNew is null ? _randomOrder.Count : inNew.Value ? _new_count : _tried_count;
            if (!_networkCounts.TryGetValue(network.Value, out var counts))
                return 0;
            return inNew is null ? counts.New + counts.Tried : inNew.Value ? counts.New : counts.Tried;
        }
    }

    /// <summary>
    /// Adds addresses heard from <paramref name="source"/>, their times reduced by <paramref name="timePenaltySeconds"/>
    /// (except a source's own address); true if any entry was added or got a new bucket.
    /// </summary>
    public bool Add(IEnumerable<PeerAddress> addresses, NetAddress source, long timePenaltySeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(source);
        lock (_lock)
        {
            Check();
            int added = 0, total = 0;
            foreach (var address in addresses)
            {
                total++;
                if (AddSingle(address, source, timePenaltySeconds))
                    added++;
            }

            if (added > 0)
                Log.Debug(LogCategory.AddrMan, $"Added {added} addresses (of {total}) from {source.ToStringAddr()}: {_tried_count} tried, {_new_count} new");
            Check();
            return added > 0;
        }
    }

    /// <summary>Records a successful connection (moves the entry to tried, or notes a collision); true if it moved.</summary>
    public bool Good(ServiceAddress address, long? time = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
        {
            Check();
            var result = GoodInternal(address, testBeforeEvict: true, time ?? Now);
            Check();
            return result;
        }
    }

    /// <summary>Records a connection attempt; failures count only when <paramref name="countFailure"/>.</summary>
    public void Attempt(ServiceAddress address, bool countFailure, long? time = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
        {
            Check();
            if (Find(address, out _) is { } info)
            {
                long now = time ?? Now;
                info.LastTry = now;
                if (countFailure && info.LastCountAttempt < _lastGood)
                {
                    info.LastCountAttempt = now;
                    info.Attempts++;
                }
            }

            Check();
        }
    }

    /// <summary>Updates the last-seen time of a peer we were connected to (at most every 20 minutes).</summary>
    public void Connected(ServiceAddress address, long? time = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
        {
            Check();
            if (Find(address, out _) is { } info)
            {
                long now = time ?? Now;
                if (now - info.Time > 20 * 60)
                    info.Time = now;
            }

            Check();
        }
    }

    /// <summary>Replaces the services of a known entry (from a version message of an outbound peer).</summary>
    public void SetServices(ServiceAddress address, ServiceFlags services)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
        {
            Check();
            if (Find(address, out _) is { } info)
                info.Services = services;
            Check();
        }
    }

    /// <summary>
    /// Picks an address to connect to: from either table with equal chance (only new with <paramref name="newOnly"/>),
    /// weighted by recent attempts, optionally only of <paramref name="networks"/>. Null when there is none.
    /// </summary>
    public (PeerAddress Address, long LastTry)? Select(bool newOnly = false, IReadOnlyCollection<NetKind>? networks = null)
    {
        lock (_lock)
        {
            Check();
            var result = SelectInternal(newOnly, networks);
            Check();
            return result;
        }
    }

    /// <summary>
    /// Up to <paramref name="maxAddresses"/> (0: no limit) and <paramref name="maxPercent"/>% (0: no limit) random
    /// entries, optionally of one network, skipping terrible ones when <paramref name="filtered"/> (Core's GetAddr).
    /// </summary>
    public IReadOnlyList<PeerAddress> GetAddresses(int maxAddresses, int maxPercent, NetKind? network = null, bool filtered = true)
    {
        lock (_lock)
        {
            Check();
            int count = _randomOrder.Count;
            if (maxPercent != 0)
                count = Math.Min(maxPercent, 100) * count / 100;
            if (maxAddresses != 0)
                count = Math.Min(count, maxAddresses);
            long now = Now;
            var result = new List<PeerAddress>(count);
            for (int n = 0; n < _randomOrder.Count && result.Count < count; n++)
            {
                int pick = _random.Next(_randomOrder.Count - n) + n;
                SwapRandom(n, pick);
                var info = _info[_randomOrder[n]];
                if (network is not null && info.Address.GetNetClass() != network)
                    continue;
                if (filtered && info.IsTerrible(now))
                    continue;
                result.Add(info.ToPeerAddress());
            }

            Log.Debug(LogCategory.AddrMan, $"GetAddr returned {result.Count} random addresses");
            Check();
            return result;
        }
    }

    /// <summary>Every entry of one table with its bucket and position (Core's GetEntries), bucket by bucket.</summary>
    public IReadOnlyList<AddrManEntry> GetEntries(bool fromTried)
    {
        lock (_lock)
        {
            Check();
            var result = new List<AddrManEntry>();
            int buckets = fromTried ? AddrInfo.TriedBucketCount : AddrInfo.NewBucketCount;
            for (int bucket = 0; bucket < buckets; bucket++)
            {
                for (int position = 0; position < AddrInfo.BucketSize; position++)
                {
                    long id = fromTried ? _tried[bucket, position] : _new[bucket, position];
                    if (id < 0)
                        continue;
                    var info = _info[id];
                    result.Add(new AddrManEntry(info.ToPeerAddress(), info.Source,
                        new AddressPosition(fromTried, fromTried ? 1 : info.RefCount, bucket, position)));
                }
            }

            return result;
        }
    }

    /// <summary>Where an address is stored, or null (Core's FindAddressEntry).</summary>
    public AddressPosition? FindAddressEntry(ServiceAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
        {
            Check();
            if (Find(address, out _) is not { } info)
                return null;
            if (info.InTried)
            {
                int bucket = info.GetTriedBucket(_key);
                return new AddressPosition(true, 1, bucket, info.GetBucketPosition(_key, false, bucket));
            }

            int newBucket = info.GetNewBucket(_key);
            return new AddressPosition(false, info.RefCount, newBucket, info.GetBucketPosition(_key, true, newBucket));
        }
    }

    /// <summary>Resolves pending tried-table collisions (Core's ResolveCollisions): test-before-evict.</summary>
    public void ResolveCollisions()
    {
        lock (_lock)
        {
            Check();
            foreach (var idNew in _triedCollisions.ToList())
            {
                bool erase = false;
                if (!_info.TryGetValue(idNew, out var infoNew))
                {
                    erase = true;
                }
                else
                {
                    int bucket = infoNew.GetTriedBucket(_key);
                    int position = infoNew.GetBucketPosition(_key, false, bucket);
                    if (!infoNew.Address.IsValid || _tried[bucket, position] < 0)
                    {
                        erase = true;
                    }
                    else
                    {
                        var infoOld = _info[_tried[bucket, position]];
                        long now = Now;
                        if (now - infoOld.LastSuccess < ReplacementSeconds)
                        {
                            erase = true;
                        }
                        else if (now - infoOld.LastTry < ReplacementSeconds)
                        {
                            if (now - infoOld.LastTry > 60)
                            {
                                Log.Debug(LogCategory.AddrMan, $"Replacing {infoOld.Service} with {infoNew.Service} in tried table");
                                GoodInternal(infoNew.Service, testBeforeEvict: false, now);
                                erase = true;
                            }
                        }
                        else if (now - infoNew.LastSuccess > TestWindowSeconds)
                        {
                            Log.Debug(LogCategory.AddrMan, $"Unable to test; replacing {infoOld.Service} with {infoNew.Service} in tried table anyway");
                            GoodInternal(infoNew.Service, testBeforeEvict: false, now);
                            erase = true;
                        }
                    }
                }

                if (erase)
                    _triedCollisions.Remove(idNew);
            }

            Check();
        }
    }

    /// <summary>The tried entry a pending collision would evict, to test it with a feeler; null if none.</summary>
    public (PeerAddress Address, long LastTry)? SelectTriedCollision()
    {
        lock (_lock)
        {
            Check();
            if (_triedCollisions.Count == 0)
                return null;
            long idNew = _triedCollisions.ElementAt(_random.Next(_triedCollisions.Count));
            if (!_info.TryGetValue(idNew, out var infoNew))
            {
                _triedCollisions.Remove(idNew);
                return null;
            }

            int bucket = infoNew.GetTriedBucket(_key);
            int position = infoNew.GetBucketPosition(_key, false, bucket);
            if (_tried[bucket, position] < 0)
                return null;
            var old = _info[_tried[bucket, position]];
            return (old.ToPeerAddress(), old.LastTry);
        }
    }

    private AddrInfo? Find(ServiceAddress address, out long id)
    {
        if (_byAddress.TryGetValue(address, out id) && _info.TryGetValue(id, out var info))
            return info;
        id = -1;
        return null;
    }

    private AddrInfo Create(PeerAddress address, NetAddress source, out long id)
    {
        id = _idCount++;
        var info = new AddrInfo(address, source) { RandomPos = _randomOrder.Count };
        _info[id] = info;
        _byAddress[address.Service] = id;
        _randomOrder.Add(id);
        _new_count++;
        Count(info.Address.GetNetwork(), newDelta: 1);
        return info;
    }

    private void Count(NetKind network, int newDelta = 0, int triedDelta = 0)
    {
        _networkCounts.TryGetValue(network, out var counts);
        _networkCounts[network] = (counts.New + newDelta, counts.Tried + triedDelta);
    }

    private void SwapRandom(int a, int b)
    {
        if (a == b)
            return;
        long idA = _randomOrder[a], idB = _randomOrder[b];
        _info[idA].RandomPos = b;
        _info[idB].RandomPos = a;
        _randomOrder[a] = idB;
        _randomOrder[b] = idA;
    }

    private void Delete(long id)
    {
        var info = _info[id];
        SwapRandom(info.RandomPos, _randomOrder.Count - 1);
        Count(info.Address.GetNetwork(), newDelta: -1);
        _randomOrder.RemoveAt(_randomOrder.Count - 1);
        _byAddress.Remove(info.Service);
        _info.Remove(id);
        _new_count--;
    }

    private void ClearNew(int bucket, int position)
    {
        long id = _new[bucket, position];
        if (id < 0)
            return;
        var info = _info[id];
        info.RefCount--;
        _new[bucket, position] = -1;
        Log.Debug(LogCategory.AddrMan, $"Removed {info.Service} from new[{bucket}][{position}]");
        if (info.RefCount == 0)
            Delete(id);
    }

    private void MakeTried(AddrInfo info, long id)
    {
        int startBucket = info.GetNewBucket(_key);
        for (int n = 0; n < AddrInfo.NewBucketCount; n++)
        {
            int bucket = (startBucket + n) % AddrInfo.NewBucketCount;
            int position = info.GetBucketPosition(_key, true, bucket);
            if (_new[bucket, position] == id)
            {
                _new[bucket, position] = -1;
                info.RefCount--;
                if (info.RefCount == 0)
                    break;
            }
        }

        _new_count--;
        Count(info.Address.GetNetwork(), newDelta: -1);

        int triedBucket = info.GetTriedBucket(_key);
        int triedPosition = info.GetBucketPosition(_key, false, triedBucket);
        if (_tried[triedBucket, triedPosition] >= 0)
        {
            // Move the entry being replaced back to the new table.
            long evictId = _tried[triedBucket, triedPosition];
            var old = _info[evictId];
            old.InTried = false;
            _tried[triedBucket, triedPosition] = -1;
            _tried_count--;
            Count(old.Address.GetNetwork(), triedDelta: -1);
            int newBucket = old.GetNewBucket(_key);
            int newPosition = old.GetBucketPosition(_key, true, newBucket);
            ClearNew(newBucket, newPosition);
            old.RefCount = 1;
            _new[newBucket, newPosition] = evictId;
            _new_count++;
            Count(old.Address.GetNetwork(), newDelta: 1);
            Log.Debug(LogCategory.AddrMan, $"Moved {old.Service} from tried[{triedBucket}][{triedPosition}] to new[{newBucket}][{newPosition}] to make space");
        }

        _tried[triedBucket, triedPosition] = id;
        _tried_count++;
        info.InTried = true;
        Count(info.Address.GetNetwork(), triedDelta: 1);
    }

    private bool AddSingle(PeerAddress address, NetAddress source, long timePenalty)
    {
        if (!address.Address.IsRoutable)
            return false;
        // A source announcing itself gets no penalty.
        if (address.Address.Equals(source))
            timePenalty = 0;

        var info = Find(address.Service, out long id);
        if (info is not null)
        {
            bool currentlyOnline = Now - address.Time < 24 * 3600;
            long updateInterval = currentlyOnline ? 3600 : 24 * 3600;
            if (info.Time < address.Time - updateInterval - timePenalty)
                info.Time = Math.Max(0, address.Time - timePenalty);
            info.Services |= address.Services;
            if (address.Time <= info.Time)
                return false;
            if (info.InTried)
                return false;
            if (info.RefCount == AddrInfo.NewBucketsPerAddress)
                return false;
            // Each extra reference is twice as hard to get.
            if (info.RefCount > 0 && _random.Next(1 << info.RefCount) != 0)
                return false;
        }
        else
        {
            info = Create(address, source, out id);
            info.Time = Math.Max(0, info.Time - timePenalty);
        }

        int bucket = info.GetNewBucket(_key, source);
        int position = info.GetBucketPosition(_key, true, bucket);
        bool insert = _new[bucket, position] == -1;
        if (_new[bucket, position] != id)
        {
            if (!insert)
            {
                var existing = _info[_new[bucket, position]];
                if (existing.IsTerrible(Now) || (existing.RefCount > 1 && info.RefCount == 0))
                    insert = true;
            }

            if (insert)
            {
                ClearNew(bucket, position);
                info.RefCount++;
                _new[bucket, position] = id;
                Log.Debug(LogCategory.AddrMan, $"Added {address.Service} to new[{bucket}][{position}]");
            }
            else if (info.RefCount == 0)
            {
                Delete(id);
            }
        }

        return insert;
    }

    private bool GoodInternal(ServiceAddress address, bool testBeforeEvict, long time)
    {
        _lastGood = time;
        var info = Find(address, out long id);
        if (info is null)
            return false;
        info.LastSuccess = time;
        info.LastTry = time;
        info.Attempts = 0;
        if (info.InTried || info.RefCount <= 0)
            return false;

        int bucket = info.GetTriedBucket(_key);
        int position = info.GetBucketPosition(_key, false, bucket);
        if (testBeforeEvict && _tried[bucket, position] != -1)
        {
            if (_triedCollisions.Count < SetTriedCollisionSize)
                _triedCollisions.Add(id);
            var colliding = _info.TryGetValue(_tried[bucket, position], out var c) ? c.Service.ToString() : "<unknown-addr>";
            Log.Debug(LogCategory.AddrMan, $"Collision with {colliding} while attempting to move {address} to tried table. Collisions={_triedCollisions.Count}");
            return false;
        }

        MakeTried(info, id);
        Log.Debug(LogCategory.AddrMan, $"Moved {address} to tried[{bucket}][{position}]");
        return true;
    }

    private (PeerAddress Address, long LastTry)? SelectInternal(bool newOnly, IReadOnlyCollection<NetKind>? networks)
    {
        if (_randomOrder.Count == 0)
            return null;
        int newCount = _new_count, triedCount = _tried_count;
        if (networks is { Count: > 0 })
        {
            newCount = 0;
            triedCount = 0;
            foreach (var network in networks)
            {
                if (_networkCounts.TryGetValue(network, out var counts))
                {
                    newCount += counts.New;
                    triedCount += counts.Tried;
                }
            }
        }

        if (newOnly && newCount == 0)
            return null;
        if (newCount + triedCount == 0)
            return null;
        bool searchTried = !newOnly && triedCount != 0 && (newCount == 0 || _random.Next(2) == 0);
        int bucketCount = searchTried ? AddrInfo.TriedBucketCount : AddrInfo.NewBucketCount;
        double chanceFactor = 1.0;
        long now = Now;
        while (true)
        {
            int bucket = _random.Next(bucketCount);
            int initial = _random.Next(AddrInfo.BucketSize);
            long id = -1;
            int i;
            for (i = 0; i < AddrInfo.BucketSize; i++)
            {
                int position = (initial + i) % AddrInfo.BucketSize;
                id = searchTried ? _tried[bucket, position] : _new[bucket, position];
                if (id >= 0 && (networks is not { Count: > 0 } || networks.Contains(_info[id].Address.GetNetwork())))
                    break;
            }

            if (i == AddrInfo.BucketSize)
                continue;
            var info = _info[id];
            if (_random.Next(1 << 30) < chanceFactor * info.GetChance(now) * (1 << 30))
            {
                Log.Debug(LogCategory.AddrMan, $"Selected {info.Service} from {(searchTried ? "tried" : "new")}");
                return (info.ToPeerAddress(), info.LastTry);
            }

            chanceFactor *= 1.2;
        }
    }

    private void Check()
    {
        if (_consistencyCheckRatio == 0 || _random.Next(_consistencyCheckRatio) >= 1)
            return;
        int error = CheckAddrman();
        if (error != 0)
        {
            Log.Error($"ADDRMAN CONSISTENCY CHECK FAILED!!! err={error}");
            throw new InvalidOperationException($"Address manager consistency check failed with code {error}");
        }
    }

    /// <summary>Core's CheckAddrman: 0 when the tables are consistent, else a negative code.</summary>
    private int CheckAddrman()
    {
        var triedSet = new HashSet<long>();
        var newRefs = new Dictionary<long, int>();
        var counts = new Dictionary<NetKind, (int New, int Tried)>();
        if (_randomOrder.Count != _tried_count + _new_count)
            return -7;
        foreach (var (id, info) in _info)
        {
            var network = info.Address.GetNetwork();
            counts.TryGetValue(network, out var c);
            if (info.InTried)
            {
                if (info.LastSuccess == 0)
                    return -1;
                if (info.RefCount != 0)
                    return -2;
                triedSet.Add(id);
                counts[network] = (c.New, c.Tried + 1);
            }
            else
            {
                if (info.RefCount < 0 || info.RefCount > AddrInfo.NewBucketsPerAddress)
                    return -3;
                if (info.RefCount == 0)
                    return -4;
                newRefs[id] = info.RefCount;
                counts[network] = (c.New + 1, c.Tried);
            }

            if (!_byAddress.TryGetValue(info.Service, out var mapped) || mapped != id)
                return -5;
            if (info.RandomPos < 0 || info.RandomPos >= _randomOrder.Count || _randomOrder[info.RandomPos] != id)
                return -14;
            if (info.LastTry < 0)
                return -6;
            if (info.LastSuccess < 0)
                return -8;
        }

        if (triedSet.Count != _tried_count)
            return -9;
        if (newRefs.Count != _new_count)
            return -10;
        for (int b = 0; b < AddrInfo.TriedBucketCount; b++)
        {
            for (int p = 0; p < AddrInfo.BucketSize; p++)
            {
                long id = _tried[b, p];
                if (id < 0)
                    continue;
                if (!triedSet.Contains(id))
                    return -11;
                if (_info[id].GetTriedBucket(_key) != b)
                    return -17;
                if (_info[id].GetBucketPosition(_key, false, b) != p)
                    return -18;
                triedSet.Remove(id);
            }
        }

        for (int b = 0; b < AddrInfo.NewBucketCount; b++)
        {
            for (int p = 0; p < AddrInfo.BucketSize; p++)
            {
                long id = _new[b, p];
                if (id < 0)
                    continue;
                if (!newRefs.ContainsKey(id))
                    return -12;
                if (_info[id].GetBucketPosition(_key, true, b) != p)
                    return -19;
                if (--newRefs[id] == 0)
                    newRefs.Remove(id);
            }
        }

        if (triedSet.Count > 0)
            return -13;
        if (newRefs.Count > 0)
            return -15;
        if (_key.All(b => b == 0))
            return -16;
        foreach (var (network, count) in _networkCounts)
        {
            counts.TryGetValue(network, out var actual);
            if (actual != count)
                return -21;
        }

        return 0;
    }
}
