using Bitcoin.Common.Logging;
using Bitcoin.Common.Util;
using Bitcoin.Node.Net.Addresses;
using Bitcoin.Node.Net.Util;

namespace Bitcoin.Node.Net.Bans;

/// <summary>
/// Manual bans and automatic discouragement (Core's BanMan). Bans are address ranges with an expiry, kept in
/// banlist.json; discouraged addresses (peers that misbehaved) sit in a rolling filter of about 50,000 entries and are
/// only refused when inbound slots are short. Thread-safe.
/// </summary>
public sealed class BanMan
{
    /// <summary>Core's DEFAULT_MISBEHAVING_BANTIME: one day.</summary>
    public const long DefaultBanTime = 24 * 60 * 60;

    private readonly Lock _lock = new();
    private readonly Lock _dumpLock = new();
    private readonly SortedDictionary<SubNet, BanEntry> _banned = new();
    private readonly RollingBloomFilter _discouraged = new(50000, 0.000001);
    private readonly BanListFile _file;
    private readonly long _defaultBanTime;
    private readonly bool _cjdnsReachable;
    private bool _dirty;

    /// <summary>
    /// Loads the ban list from <paramref name="banFileBase"/>.json ("Recreating the banlist database" if missing or
    /// unreadable) and writes it back.
    /// </summary>
    public BanMan(string banFileBase, long defaultBanTime = DefaultBanTime, bool cjdnsReachable = false)
    {
        ArgumentNullException.ThrowIfNull(banFileBase);
        _file = new BanListFile(banFileBase);
        _defaultBanTime = defaultBanTime;
        _cjdnsReachable = cjdnsReachable;
        Load();
        DumpBanlist();
    }

    /// <summary>Raised after the ban list changed (for user interfaces).</summary>
    public event Action? BannedListChanged;

    private static long Now => NodeClock.GetTime();

    private void Load()
    {
        lock (_lock)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var loaded = new Dictionary<SubNet, BanEntry>();
            if (_file.Read(loaded, _cjdnsReachable))
            {
                foreach (var (subnet, entry) in loaded)
                    _banned[subnet] = entry;
                SweepBanned();
                Log.Debug(LogCategory.Net, $"Loaded {_banned.Count} banned node addresses/subnets {started.ElapsedMilliseconds}ms");
            }
            else
            {
                Log.Info("Recreating the banlist database");
                _banned.Clear();
                _dirty = true;
            }
        }
    }

    /// <summary>Writes the ban list if it changed (Core dumps every 15 minutes and at shutdown).</summary>
    public void DumpBanlist()
    {
        lock (_dumpLock)
        {
            List<KeyValuePair<SubNet, BanEntry>> snapshot;
            lock (_lock)
            {
                SweepBanned();
                if (!_dirty)
                    return;
                snapshot = [.. _banned];
                _dirty = false;
            }

            var started = System.Diagnostics.Stopwatch.StartNew();
            if (!_file.Write(snapshot))
            {
                lock (_lock)
                    _dirty = true;
            }

            Log.Debug(LogCategory.Net, $"Flushed {snapshot.Count} banned node addresses/subnets to disk {started.ElapsedMilliseconds}ms");
        }
    }

    /// <summary>Removes every ban and writes the list.</summary>
    public void ClearBanned()
    {
        lock (_lock)
        {
            _banned.Clear();
            _dirty = true;
        }

        DumpBanlist();
        BannedListChanged?.Invoke();
    }

    /// <summary>True if the address misbehaved recently.</summary>
    public bool IsDiscouraged(NetAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
            return _discouraged.Contains(address.GetAddrBytes());
    }

    /// <summary>True if a current ban covers the address.</summary>
    public bool IsBanned(NetAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        long now = Now;
        lock (_lock)
        {
            foreach (var (subnet, entry) in _banned)
            {
                if (now < entry.BanUntil && subnet.Match(address))
                    return true;
            }
        }

        return false;
    }

    /// <summary>True if exactly this range is banned and the ban has not expired.</summary>
    public bool IsBanned(SubNet subnet)
    {
        ArgumentNullException.ThrowIfNull(subnet);
        long now = Now;
        lock (_lock)
            return _banned.TryGetValue(subnet, out var entry) && now < entry.BanUntil;
    }

    /// <summary>Marks the address as misbehaving.</summary>
    public void Discourage(NetAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
            _discouraged.Insert(address.GetAddrBytes());
    }

    /// <summary>Bans one address; see <see cref="Ban(SubNet, long, bool)"/>.</summary>
    public void Ban(NetAddress address, long banTimeOffset, bool sinceUnixEpoch) => Ban(SubNet.Single(address), banTimeOffset, sinceUnixEpoch);

    /// <summary>
    /// Bans a range for <paramref name="banTimeOffset"/> seconds (or until that time with
    /// <paramref name="sinceUnixEpoch"/>); 0 or less means the default (-bantime). A longer existing ban is kept.
    /// </summary>
    public void Ban(SubNet subnet, long banTimeOffset, bool sinceUnixEpoch)
    {
        ArgumentNullException.ThrowIfNull(subnet);
        long now = Now;
        if (banTimeOffset <= 0)
        {
            banTimeOffset = _defaultBanTime;
            sinceUnixEpoch = false;
        }

        var entry = new BanEntry(now, (sinceUnixEpoch ? 0 : now) + banTimeOffset);
        lock (_lock)
        {
            if (_banned.TryGetValue(subnet, out var existing) && existing.BanUntil >= entry.BanUntil)
                return;
            _banned[subnet] = entry;
            _dirty = true;
        }

        BannedListChanged?.Invoke();
        DumpBanlist();
    }

    /// <summary>Lifts the ban of one address; false if it was not banned.</summary>
    public bool Unban(NetAddress address) => Unban(SubNet.Single(address));

    /// <summary>Lifts the ban of exactly this range; false if it was not banned.</summary>
    public bool Unban(SubNet subnet)
    {
        ArgumentNullException.ThrowIfNull(subnet);
        lock (_lock)
        {
            if (!_banned.Remove(subnet))
                return false;
            _dirty = true;
        }

        BannedListChanged?.Invoke();
        DumpBanlist();
        return true;
    }

    /// <summary>The current bans in Core's order (expired ones are removed first).</summary>
    public IReadOnlyList<KeyValuePair<SubNet, BanEntry>> GetBanned()
    {
        lock (_lock)
        {
            SweepBanned();
            return [.. _banned];
        }
    }

    private void SweepBanned()
    {
        long now = Now;
        var expired = _banned.Where(b => !b.Key.IsValid || now > b.Value.BanUntil).Select(b => b.Key).ToList();
        foreach (var subnet in expired)
        {
            _banned.Remove(subnet);
            _dirty = true;
            Log.Debug(LogCategory.Net, $"Removed banned node address/subnet: {subnet}");
        }

        if (expired.Count > 0)
            BannedListChanged?.Invoke();
    }
}
