using System.Numerics;
using Bitcoin.Kernel.Policy;

namespace Bitcoin.Kernel.Mempool.Internal;

/// <summary>
/// Orders the transactions of one cluster (at most 64) for mining. The order is optimal: it repeatedly takes the
/// closed set (all in-cluster ancestors included) with the highest fee rate among what is left, the smallest such set
/// when several tie, so the resulting chunks have the best possible fee rate diagram and are as small as possible.
/// The best set is found with Dinkelbach's method over maximum-weight closures, starting from the best ancestor set.
/// </summary>
internal sealed class ClusterLinearizer
{
    private readonly MaxClosureSolver _solver = new();

    /// <summary>The transactions in mining order (indexes into the inputs).</summary>
    /// <param name="fees">Each transaction's (modified) fee.</param>
    /// <param name="sizes">Each transaction's (sigop-adjusted) weight, positive.</param>
    /// <param name="parents">Each transaction's in-cluster parents as a bit mask.</param>
    /// <param name="tieBreak">Orders transactions that are otherwise equal: negative when the first goes first.</param>
    public int[] Linearize(long[] fees, int[] sizes, ulong[] parents, Comparison<int> tieBreak)
    {
        int n = fees.Length;
        if (n > 64) throw new ArgumentException("A cluster holds at most 64 transactions.", nameof(fees));
        if (n == 1) return [0];
        var ancestors = Ancestors(parents);
        var order = new List<int>(n);
        ulong remaining = n == 64 ? ulong.MaxValue : (1UL << n) - 1;
        while (remaining != 0)
        {
            ulong chunk = BestClosure(remaining, fees, sizes, parents, ancestors, tieBreak);
            AppendTopologically(chunk, fees, sizes, parents, order, tieBreak);
            remaining &= ~chunk;
        }
        return order.ToArray();
    }

    /// <summary>The chunks of a linearization (Core's ChunkLinearization): (start, count, fee rate) in order.</summary>
    public static List<(int Start, int Count, FeeFrac Rate)> Chunk(IReadOnlyList<FeeFrac> ratesInOrder)
    {
        var chunks = new List<(int Start, int Count, FeeFrac Rate)>();
        for (int i = 0; i < ratesInOrder.Count; i++)
        {
            var current = (Start: i, Count: 1, Rate: ratesInOrder[i]);
            // A later, strictly better chunk is merged into the one before it.
            while (chunks.Count > 0 && FeeFrac.CompareRatio(current.Rate, chunks[^1].Rate) > 0)
            {
                var previous = chunks[^1];
                chunks.RemoveAt(chunks.Count - 1);
                current = (previous.Start, previous.Count + current.Count, previous.Rate + current.Rate);
            }
            chunks.Add(current);
        }
        return chunks;
    }

    private static ulong[] Ancestors(ulong[] parents)
    {
        int n = parents.Length;
        var ancestors = new ulong[n];
        var done = new bool[n];
        for (int i = 0; i < n; i++) Visit(i);
        return ancestors;

        ulong Visit(int i)
        {
            if (done[i]) return ancestors[i];
            ulong set = 1UL << i;
            for (ulong p = parents[i]; p != 0; p &= p - 1) set |= Visit(BitOperations.TrailingZeroCount(p));
            ancestors[i] = set;
            done[i] = true;
            return set;
        }
    }

    private static FeeFrac RateOf(ulong set, long[] fees, int[] sizes)
    {
        long fee = 0;
        int size = 0;
        for (ulong rest = set; rest != 0; rest &= rest - 1)
        {
            int i = BitOperations.TrailingZeroCount(rest);
            fee += fees[i];
            size += sizes[i];
        }
        return new FeeFrac(fee, size);
    }

    // Is set a better first chunk than best: higher rate, then fewer transactions, then the tie-break of their
    // smallest members.
    private static bool Better(ulong set, FeeFrac rate, ulong best, FeeFrac bestRate, Comparison<int> tieBreak)
    {
        if (best == 0) return true;
        int byRate = FeeFrac.CompareRatio(rate, bestRate);
        if (byRate != 0) return byRate > 0;
        int byCount = BitOperations.PopCount(set).CompareTo(BitOperations.PopCount(best));
        if (byCount != 0) return byCount < 0;
        return tieBreak(First(set, tieBreak), First(best, tieBreak)) < 0;
    }

    private static int First(ulong set, Comparison<int> tieBreak)
    {
        int first = -1;
        for (ulong rest = set; rest != 0; rest &= rest - 1)
        {
            int i = BitOperations.TrailingZeroCount(rest);
            if (first < 0 || tieBreak(i, first) < 0) first = i;
        }
        return first;
    }

    private ulong BestClosure(ulong remaining, long[] fees, int[] sizes, ulong[] parents, ulong[] ancestors, Comparison<int> tieBreak)
    {
        // Start from the best ancestor set: closed, and often already optimal.
        ulong best = 0;
        FeeFrac bestRate = default;
        for (ulong rest = remaining; rest != 0; rest &= rest - 1)
        {
            int i = BitOperations.TrailingZeroCount(rest);
            ulong set = ancestors[i] & remaining;
            var rate = RateOf(set, fees, sizes);
            if (Better(set, rate, best, bestRate, tieBreak))
            {
                best = set;
                bestRate = rate;
            }
        }
        if (BitOperations.PopCount(remaining) == 1) return best;

        // Dinkelbach: while some closed set beats the current rate, move to it.
        var weights = new Int128[fees.Length];
        bool improved = false;
        while (true)
        {
            SetWeights(weights, remaining, fees, sizes, bestRate);
            var (set, weight) = _solver.Solve(remaining, weights, parents);
            if (weight <= 0 || set == 0) break;
            best = set;
            bestRate = RateOf(set, fees, sizes);
            improved = true;
        }
        if (!improved || BitOperations.PopCount(best) == 1) return best;

        // The rate is optimal now; find the smallest closed set reaching it. Each transaction's smallest optimal
        // closed set containing it is its ancestor set when that reaches the rate, else a forced minimum cut.
        SetWeights(weights, remaining, fees, sizes, bestRate);
        ulong smallest = best;
        for (ulong rest = best; rest != 0; rest &= rest - 1)
        {
            int i = BitOperations.TrailingZeroCount(rest);
            ulong candidate = ancestors[i] & remaining;
            // Any closed set holding i holds its ancestors: no smaller candidate can come from i.
            if (BitOperations.PopCount(candidate) > BitOperations.PopCount(smallest)) continue;
            var rate = RateOf(candidate, fees, sizes);
            if (FeeFrac.CompareRatio(rate, bestRate) != 0)
            {
                var (forcedSet, forcedWeight) = _solver.Solve(remaining, weights, parents, forced: i);
                if (forcedWeight != 0) continue;
                candidate = forcedSet;
                rate = RateOf(candidate, fees, sizes);
            }
            if (Better(candidate, rate, smallest, bestRate, tieBreak)) smallest = candidate;
        }
        return smallest;
    }

    // Weights at the rate fee/size: fee_i * size - fee * size_i, so a set's weight is positive exactly when its rate
    // is higher.
    private static void SetWeights(Int128[] weights, ulong remaining, long[] fees, int[] sizes, FeeFrac rate)
    {
        for (ulong rest = remaining; rest != 0; rest &= rest - 1)
        {
            int i = BitOperations.TrailingZeroCount(rest);
            weights[i] = ((Int128)fees[i] * rate.Size) - ((Int128)rate.Fee * sizes[i]);
        }
    }

    // Within a chunk, the ready transaction with the best individual rate goes first (then the tie-break).
    private static void AppendTopologically(ulong chunk, long[] fees, int[] sizes, ulong[] parents, List<int> order, Comparison<int> tieBreak)
    {
        ulong placed = 0;
        while (placed != chunk)
        {
            int pick = -1;
            for (ulong rest = chunk & ~placed; rest != 0; rest &= rest - 1)
            {
                int i = BitOperations.TrailingZeroCount(rest);
                if ((parents[i] & chunk & ~placed) != 0) continue;
                if (pick < 0)
                {
                    pick = i;
                    continue;
                }
                int byRate = FeeFrac.CompareRatio(new FeeFrac(fees[i], sizes[i]), new FeeFrac(fees[pick], sizes[pick]));
                if (byRate > 0 || (byRate == 0 && tieBreak(i, pick) < 0)) pick = i;
            }
            order.Add(pick);
            placed |= 1UL << pick;
        }
    }
}
