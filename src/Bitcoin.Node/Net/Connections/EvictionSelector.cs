namespace Bitcoin.Node.Net.Connections;

/// <summary>
/// Chooses the inbound peer to drop when inbound slots are full (Core's SelectNodeToEvict): protect peers that are
/// hard to fake being better than (distinct network groups, low ping, recent transactions and blocks, long uptime,
/// disadvantaged networks), then drop the youngest peer of the network group with the most connections.
/// </summary>
public static class EvictionSelector
{
    /// <summary>The id of the peer to evict, or null when all are protected.</summary>
    public static long? SelectNodeToEvict(IEnumerable<EvictionCandidate> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var candidates = input.Where(c => !c.NoBan && c.ConnectionType == ConnectionType.Inbound).ToList();

        EraseLastK(candidates, Compare((a, b) => a.KeyedNetGroup.CompareTo(b.KeyedNetGroup)), 4);
        EraseLastK(candidates, Compare((a, b) => b.MinPingMicros.CompareTo(a.MinPingMicros)), 8);
        EraseLastK(candidates, Compare(CompareTxTime), 4);
        EraseLastK(candidates, Compare(CompareBlockRelayOnlyTime), 8, c => !c.RelayTxs && c.RelevantServices);
        EraseLastK(candidates, Compare(CompareBlockTime), 4);
        ProtectByRatio(candidates);

        if (candidates.Count == 0)
            return null;
        if (candidates.Any(c => c.PreferEvict))
            candidates.RemoveAll(c => !c.PreferEvict);

        // The group with the most connections; ties go to the group whose oldest listed member connected last.
        var groups = new Dictionary<ulong, List<EvictionCandidate>>();
        ulong mostGroup = 0;
        int mostConnections = 0;
        long mostTime = 0;
        foreach (var candidate in candidates)
        {
            if (!groups.TryGetValue(candidate.KeyedNetGroup, out var group))
                groups[candidate.KeyedNetGroup] = group = [];
            group.Add(candidate);
            long groupTime = group[0].ConnectedMicros;
            if (group.Count > mostConnections || (group.Count == mostConnections && groupTime > mostTime))
            {
                mostConnections = group.Count;
                mostTime = groupTime;
                mostGroup = candidate.KeyedNetGroup;
            }
        }

        return groups[mostGroup][0].Id;
    }

    private static int CompareTxTime(EvictionCandidate a, EvictionCandidate b)
    {
        if (a.LastTxTime != b.LastTxTime) return a.LastTxTime.CompareTo(b.LastTxTime);
        if (a.RelayTxs != b.RelayTxs) return b.RelayTxs ? -1 : 1;
        if (a.BloomFilter != b.BloomFilter) return a.BloomFilter ? -1 : 1;
        return b.ConnectedMicros.CompareTo(a.ConnectedMicros);
    }

    private static int CompareBlockRelayOnlyTime(EvictionCandidate a, EvictionCandidate b)
    {
        if (a.RelayTxs != b.RelayTxs) return a.RelayTxs ? -1 : 1;
        if (a.LastBlockTime != b.LastBlockTime) return a.LastBlockTime.CompareTo(b.LastBlockTime);
        if (a.RelevantServices != b.RelevantServices) return b.RelevantServices ? -1 : 1;
        return b.ConnectedMicros.CompareTo(a.ConnectedMicros);
    }

    private static int CompareBlockTime(EvictionCandidate a, EvictionCandidate b)
    {
        if (a.LastBlockTime != b.LastBlockTime) return a.LastBlockTime.CompareTo(b.LastBlockTime);
        if (a.RelevantServices != b.RelevantServices) return b.RelevantServices ? -1 : 1;
        return b.ConnectedMicros.CompareTo(a.ConnectedMicros);
    }

    private static Comparison<EvictionCandidate> Compare(Comparison<EvictionCandidate> comparison) => comparison;

    // Sorts ascending and drops (protects) up to k candidates from the end that match the predicate.
    private static void EraseLastK(List<EvictionCandidate> candidates, Comparison<EvictionCandidate> comparison, int k,
        Func<EvictionCandidate, bool>? predicate = null)
    {
        StableSort(candidates, comparison);
        int eraseSize = Math.Min(k, candidates.Count);
        int start = candidates.Count - eraseSize;
        var tail = candidates.GetRange(start, eraseSize);
        candidates.RemoveRange(start, eraseSize);
        candidates.AddRange(tail.Where(c => predicate is not null && !predicate(c)));
    }

    private static void StableSort(List<EvictionCandidate> list, Comparison<EvictionCandidate> comparison)
    {
        var sorted = list.Select((c, i) => (c, i)).OrderBy(x => x, Comparer<(EvictionCandidate C, int I)>.Create((x, y) =>
        {
            int result = comparison(x.C, y.C);
            return result != 0 ? result : x.I.CompareTo(y.I);
        })).Select(x => x.c).ToList();
        list.Clear();
        list.AddRange(sorted);
    }

    private static void ProtectByRatio(List<EvictionCandidate> candidates)
    {
        int initialSize = candidates.Count;
        int totalProtect = initialSize / 2;
        var networks = new List<(bool IsLocal, Addresses.NetKind? Id, int Count)>
        {
            (false, Addresses.NetKind.Cjdns, 0),
            (false, Addresses.NetKind.I2P, 0),
            (true, null, 0),
            (false, Addresses.NetKind.Onion, 0),
        };
        for (int i = 0; i < networks.Count; i++)
        {
            var n = networks[i];
            networks[i] = n with { Count = candidates.Count(c => n.IsLocal ? c.IsLocal : c.Network == n.Id) };
        }

        networks = networks.Select((n, i) => (n, i)).OrderBy(x => x.n.Count).ThenBy(x => x.i).Select(x => x.n).ToList();
        int maxProtectByNetwork = totalProtect / 2;
        int protectedCount = 0;
        while (protectedCount < maxProtectByNetwork)
        {
            int networkCount = networks.Count(n => n.Count > 0);
            if (networkCount == 0)
                break;
            int toProtect = maxProtectByNetwork - protectedCount;
            int perNetwork = Math.Max(toProtect / networkCount, 1);
            bool protectedAny = false;
            for (int i = 0; i < networks.Count; i++)
            {
                var n = networks[i];
                if (n.Count == 0)
                    continue;
                int before = candidates.Count;
                Func<EvictionCandidate, bool> matches = c => n.IsLocal ? c.IsLocal : c.Network == n.Id;
                EraseLastK(candidates, (a, b) =>
                {
                    if (n.IsLocal && a.IsLocal != b.IsLocal) return b.IsLocal ? -1 : 1;
                    bool aMatch = a.Network == n.Id, bMatch = b.Network == n.Id;
                    if (!n.IsLocal && aMatch != bMatch) return bMatch ? -1 : 1;
                    return b.ConnectedMicros.CompareTo(a.ConnectedMicros);
                }, perNetwork, matches);
                int after = candidates.Count;
                if (before > after)
                {
                    protectedAny = true;
                    int delta = before - after;
                    protectedCount += delta;
                    if (protectedCount >= maxProtectByNetwork)
                        break;
                    networks[i] = n with { Count = n.Count - delta };
                }
            }

            if (!protectedAny)
                break;
        }

        int remaining = totalProtect - protectedCount;
        EraseLastK(candidates, (a, b) => b.ConnectedMicros.CompareTo(a.ConnectedMicros), remaining);
    }
}
