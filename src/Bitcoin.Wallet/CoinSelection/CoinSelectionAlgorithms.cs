namespace Bitcoin.Wallet.CoinSelection;

/// <summary>
/// Core's coin selection algorithms (wallet/coinselection.cpp): Branch and Bound, CoinGrinder, Single Random Draw and
/// the Knapsack solver, with the same search order, tie-breaks, attempt limit and randomness use.
/// </summary>
public static class CoinSelectionAlgorithms
{
    /// <summary>Core's TOTAL_TRIES for BnB and CoinGrinder.</summary>
    public const int TotalTries = 100_000;

    /// <summary>Core's CHANGE_LOWER: the least random change target.</summary>
    public const long ChangeLower = 50_000;

    /// <summary>Core's CHANGE_UPPER: the most random change target.</summary>
    public const long ChangeUpper = 1_000_000;

    /// <summary>Core's MAX_MONEY.</summary>
    private const long MaxMoney = 21_000_000L * 100_000_000L;

    // Descending selection amount; lower waste (fee - long-term fee) first on ties.
    private static readonly Comparison<OutputGroup> s_descending = (a, b) =>
    {
        if (a.SelectionAmount == b.SelectionAmount) return (a.Fee - a.LongTermFee).CompareTo(b.Fee - b.LongTermFee);
        return b.SelectionAmount.CompareTo(a.SelectionAmount);
    };

    // Descending selection amount; lower weight first on ties.
    private static readonly Comparison<OutputGroup> s_descendingEffValWeight = (a, b) =>
    {
        if (a.SelectionAmount == b.SelectionAmount) return a.Weight.CompareTo(b.Weight);
        return b.SelectionAmount.CompareTo(a.SelectionAmount);
    };

    /// <summary>
    /// Branch and Bound (Core's SelectCoinsBnB): a depth-first search for the input set whose selection amount lies in
    /// [target, target + cost of change] with the least waste, skipping equivalent branches; gives up after
    /// <see cref="TotalTries"/> steps. Sorts <paramref name="pool"/>, whose groups must have positive amounts.
    /// </summary>
    public static SelectionOutcome SelectCoinsBnB(List<OutputGroup> pool, long selectionTarget, long costOfChange, int maxSelectionWeight)
    {
        ArgumentNullException.ThrowIfNull(pool);
        StableSort(pool, s_descending);
        var lookahead = new long[pool.Count];
        long totalAvailable = 0;
        for (int index = pool.Count - 1; index >= 0; index--)
        {
            lookahead[index] = totalAvailable;
            totalAvailable += pool[index].SelectionAmount;
        }
        if (totalAvailable < selectionTarget) return SelectionOutcome.Fail();

        var current = new List<int>();
        List<int> best = [];
        long currAmount = 0, currWaste = 0, bestWaste = MaxMoney;
        int currWeight = 0;
        bool maxWeightExceeded = false;
        int next = 0;
        long tries = 0;
        var result = new SelectionResult(selectionTarget, SelectionAlgorithm.Bnb);
        bool isFeerateHigh = pool[0].Fee > pool[0].LongTermFee;

        void DeselectLast()
        {
            var utxo = pool[current[^1]];
            currAmount -= utxo.SelectionAmount;
            currWeight -= utxo.Weight;
            currWaste -= utxo.Fee - utxo.LongTermFee;
            current.RemoveAt(current.Count - 1);
        }

        while (true)
        {
            bool shift = false, cut = false;
            var utxo = pool[next];
            currAmount += utxo.SelectionAmount;
            currWeight += utxo.Weight;
            currWaste += utxo.Fee - utxo.LongTermFee;
            current.Add(next);
            next++;
            tries++;

            if (currAmount + lookahead[current[^1]] < selectionTarget)
            {
                cut = true; // not enough left to reach the target
            }
            else if (currWeight > maxSelectionWeight)
            {
                maxWeightExceeded = true;
                shift = true;
            }
            else if (currAmount > selectionTarget + costOfChange)
            {
                shift = true; // overshot the window
            }
            else if (isFeerateHigh && currWaste > bestWaste)
            {
                // At high fee rates more inputs only add waste: this branch cannot beat the best.
                shift = true;
            }
            else if (currAmount >= selectionTarget)
            {
                shift = true;
                long waste = currWaste + (currAmount - selectionTarget);
                if (waste <= bestWaste)
                {
                    best = [.. current];
                    bestWaste = waste;
                }
            }

            if (tries >= TotalTries)
            {
                result.AlgoCompleted = false;
                break;
            }
            if (next == pool.Count) cut = true;
            if (cut)
            {
                DeselectLast();
                shift = true;
            }
            bool done = false;
            while (shift)
            {
                if (current.Count == 0)
                {
                    done = true;
                    result.AlgoCompleted = true;
                    break;
                }
                next = current[^1] + 1;
                DeselectLast();
                shift = false;
                // An omitted UTXO followed by one of equal amount: the second gives equivalent or worse sets; skip it.
                while (pool[next - 1].SelectionAmount == pool[next].SelectionAmount)
                {
                    if (next >= pool.Count - 1)
                    {
                        shift = true;
                        break;
                    }
                    next++;
                }
            }
            if (done) break;
        }

        result.SelectionsEvaluated = tries;
        if (best.Count == 0) return maxWeightExceeded ? SelectionOutcome.MaxWeightExceeded() : SelectionOutcome.Fail();
        foreach (int i in best) result.AddInput(pool[i]);
        return SelectionOutcome.Of(result);
    }

    /// <summary>
    /// CoinGrinder (Core's CoinGrinder): a depth-first search for the lightest input set that funds the target plus
    /// <paramref name="changeTarget"/>, preferring less value on equal weight; gives up after <see cref="TotalTries"/>.
    /// </summary>
    public static SelectionOutcome CoinGrinder(List<OutputGroup> pool, long selectionTarget, long changeTarget, int maxSelectionWeight)
    {
        ArgumentNullException.ThrowIfNull(pool);
        StableSort(pool, s_descendingEffValWeight);
        var lookahead = new long[pool.Count];
        var minTailWeight = new int[pool.Count];
        long totalAvailable = 0;
        int minGroupWeight = int.MaxValue;
        for (int i = 0; i < pool.Count; i++)
        {
            int index = pool.Count - 1 - i;
            lookahead[index] = totalAvailable;
            minTailWeight[index] = minGroupWeight;
            totalAvailable += pool[index].SelectionAmount;
            minGroupWeight = Math.Min(minGroupWeight, pool[index].Weight);
        }
        long totalTarget = selectionTarget + changeTarget;
        if (totalAvailable < totalTarget) return SelectionOutcome.Fail();

        var current = new List<int>();
        List<int> best = [];
        long currAmount = 0, bestAmount = MaxMoney;
        int currWeight = 0, bestWeight = maxSelectionWeight;
        bool maxWeightExceeded = false;
        int next = 0;
        long tries = 0;
        var result = new SelectionResult(selectionTarget, SelectionAlgorithm.CoinGrinder);

        void DeselectLast()
        {
            var utxo = pool[current[^1]];
            currAmount -= utxo.SelectionAmount;
            currWeight -= utxo.Weight;
            current.RemoveAt(current.Count - 1);
        }

        while (true)
        {
            bool shift = false, cut = false;
            var utxo = pool[next];
            currAmount += utxo.SelectionAmount;
            currWeight += utxo.Weight;
            current.Add(next);
            next++;
            tries++;

            int tail = current[^1];
            if (currAmount + lookahead[tail] < totalTarget)
            {
                cut = true;
            }
            else if (currWeight > bestWeight)
            {
                if (currWeight > maxSelectionWeight) maxWeightExceeded = true;
                // More UTXOs only add weight: cut if the last one was already the lightest left, else shift.
                if (pool[tail].Weight <= minTailWeight[tail]) cut = true;
                else shift = true;
            }
            else if (currAmount >= totalTarget)
            {
                shift = true;
                if (currWeight < bestWeight || (currWeight == bestWeight && currAmount < bestAmount))
                {
                    best = [.. current];
                    bestWeight = currWeight;
                    bestAmount = currAmount;
                }
            }
            else if (best.Count != 0 &&
                     currWeight + (long)minTailWeight[tail] * ((totalTarget - currAmount + pool[tail].SelectionAmount - 1) / pool[tail].SelectionAmount) > bestWeight)
            {
                // Even the lightest remaining UTXOs cannot make up the missing amount below the best weight.
                if (pool[tail].Weight <= minTailWeight[tail]) cut = true;
                else shift = true;
            }

            if (tries >= TotalTries)
            {
                result.AlgoCompleted = false;
                break;
            }
            if (next == pool.Count) cut = true;
            if (cut)
            {
                DeselectLast();
                shift = true;
            }
            bool done = false;
            while (shift)
            {
                if (current.Count == 0)
                {
                    done = true;
                    result.AlgoCompleted = true;
                    break;
                }
                next = current[^1] + 1;
                DeselectLast();
                shift = false;
                while (pool[next - 1].SelectionAmount == pool[next].SelectionAmount)
                {
                    if (next >= pool.Count - 1)
                    {
                        shift = true;
                        break;
                    }
                    next++;
                }
            }
            if (done) break;
        }

        result.SelectionsEvaluated = tries;
        if (best.Count == 0) return maxWeightExceeded ? SelectionOutcome.MaxWeightExceeded() : SelectionOutcome.Fail();
        foreach (int i in best) result.AddInput(pool[i]);
        return SelectionOutcome.Of(result);
    }

    /// <summary>
    /// Single Random Draw (Core's SelectCoinsSRD): adds groups in random order until the target plus change fee plus
    /// <see cref="ChangeLower"/> is reached, dropping the least valuable while over the weight limit.
    /// </summary>
    public static SelectionOutcome SelectCoinsSrd(IReadOnlyList<OutputGroup> pool, long targetValue, long changeFee,
        CoinSelectionRandom random, int maxSelectionWeight)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(random);
        var result = new SelectionResult(targetValue, SelectionAlgorithm.Srd);
        // A min-heap by Core's descending order: the top is the group that sorts last (least valuable, heaviest on ties).
        var heap = new PriorityQueue<OutputGroup, OutputGroup>(Comparer<OutputGroup>.Create((a, b) => -s_descendingEffValWeight(a, b)));
        targetValue += ChangeLower + changeFee;

        var indexes = Enumerable.Range(0, pool.Count).ToList();
        random.Shuffle(indexes);
        long selected = 0;
        int weight = 0;
        bool maxWeightExceeded = false;
        foreach (int i in indexes)
        {
            var group = pool[i];
            heap.Enqueue(group, group);
            selected += group.SelectionAmount;
            weight += group.Weight;
            if (weight > maxSelectionWeight)
            {
                maxWeightExceeded = true;
                do
                {
                    var removed = heap.Dequeue();
                    selected -= removed.SelectionAmount;
                    weight -= removed.Weight;
                }
                while (heap.Count > 0 && weight > maxSelectionWeight);
            }
            if (selected >= targetValue)
            {
                while (heap.Count > 0) result.AddInput(heap.Dequeue());
                return SelectionOutcome.Of(result);
            }
        }
        return maxWeightExceeded ? SelectionOutcome.MaxWeightExceeded() : SelectionOutcome.Fail();
    }

    /// <summary>
    /// The Knapsack solver (Core's KnapsackSolver): an exact match if one group has it, else the smallest group above
    /// the target or a stochastic subset-sum approximation of the smaller groups, whichever is closer.
    /// </summary>
    public static SelectionOutcome KnapsackSolver(List<OutputGroup> groups, long targetValue, long changeTarget,
        CoinSelectionRandom random, int maxSelectionWeight)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(random);
        var result = new SelectionResult(targetValue, SelectionAlgorithm.Knapsack);
        bool maxWeightExceeded = false;
        OutputGroup? lowestLarger = null;
        var applicable = new List<OutputGroup>();
        long totalLower = 0;

        random.Shuffle(groups);
        foreach (var group in groups)
        {
            if (group.Weight > maxSelectionWeight)
            {
                maxWeightExceeded = true;
                continue;
            }
            if (group.SelectionAmount == targetValue)
            {
                result.AddInput(group);
                return SelectionOutcome.Of(result);
            }
            if (group.SelectionAmount < targetValue + changeTarget)
            {
                applicable.Add(group);
                totalLower += group.SelectionAmount;
            }
            else if (lowestLarger is null || group.SelectionAmount < lowestLarger.SelectionAmount)
            {
                lowestLarger = group;
            }
        }

        if (totalLower == targetValue)
        {
            foreach (var group in applicable) result.AddInput(group);
            if (result.Weight <= maxSelectionWeight) return SelectionOutcome.Of(result);
            maxWeightExceeded = true;
            result.Clear();
        }

        if (totalLower < targetValue)
        {
            if (lowestLarger is null) return maxWeightExceeded ? SelectionOutcome.MaxWeightExceeded() : SelectionOutcome.Fail();
            result.AddInput(lowestLarger);
            return SelectionOutcome.Of(result);
        }

        StableSort(applicable, s_descending);
        ApproximateBestSubset(random, applicable, totalLower, targetValue, out var best, out long bestValue, maxSelectionWeight);
        if (bestValue != targetValue && totalLower >= targetValue + changeTarget)
            ApproximateBestSubset(random, applicable, totalLower, targetValue + changeTarget, out best, out bestValue, maxSelectionWeight);

        if (lowestLarger is not null &&
            ((bestValue != targetValue && bestValue < targetValue + changeTarget) || lowestLarger.SelectionAmount <= bestValue))
        {
            result.AddInput(lowestLarger);
        }
        else
        {
            for (int i = 0; i < applicable.Count; i++)
            {
                if (best[i]) result.AddInput(applicable[i]);
            }
            if (result.Weight > maxSelectionWeight)
            {
                if (lowestLarger is null) return SelectionOutcome.MaxWeightExceeded();
                result.Clear();
                result.AddInput(lowestLarger);
            }
        }
        return SelectionOutcome.Of(result);
    }

    /// <summary>
    /// Core's GenerateChangeTarget: the change fee plus <see cref="ChangeLower"/>, or for payments above 25,000 sat a
    /// random amount between <see cref="ChangeLower"/> and min(2 × payment, <see cref="ChangeUpper"/>).
    /// </summary>
    public static long GenerateChangeTarget(long paymentValue, long changeFee, CoinSelectionRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (paymentValue <= ChangeLower / 2) return changeFee + ChangeLower;
        long upper = Math.Min(paymentValue * 2, ChangeUpper);
        return changeFee + random.NextRange(upper - ChangeLower) + ChangeLower;
    }

    /// <summary>Core's GetAlgorithmName.</summary>
    public static string Name(SelectionAlgorithm algorithm) => algorithm switch
    {
        SelectionAlgorithm.Bnb => "bnb",
        SelectionAlgorithm.Knapsack => "knapsack",
        SelectionAlgorithm.Srd => "srd",
        SelectionAlgorithm.CoinGrinder => "cg",
        SelectionAlgorithm.Manual => "manual",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    // Core's ApproximateBestSubset: randomized passes looking for the subset closest above the target.
    internal static void ApproximateBestSubset(CoinSelectionRandom random, List<OutputGroup> groups, long totalLower, long targetValue,
        out bool[] best, out long bestValue, int maxSelectionWeight, int iterations = 1000)
    {
        best = Enumerable.Repeat(true, groups.Count).ToArray();
        bestValue = totalLower;
        var included = new bool[groups.Count];
        for (int rep = 0; rep < iterations && bestValue != targetValue; rep++)
        {
            Array.Clear(included);
            long total = 0;
            int weight = 0;
            bool reached = false;
            for (int pass = 0; pass < 2 && !reached; pass++)
            {
                for (int i = 0; i < groups.Count; i++)
                {
                    if (pass == 0 ? random.NextBool() : !included[i])
                    {
                        total += groups[i].SelectionAmount;
                        weight += groups[i].Weight;
                        included[i] = true;
                        if (total >= targetValue && weight <= maxSelectionWeight)
                        {
                            reached = true;
                            if (total < bestValue)
                            {
                                bestValue = total;
                                best = (bool[])included.Clone();
                            }
                            total -= groups[i].SelectionAmount;
                            weight -= groups[i].Weight;
                            included[i] = false;
                        }
                    }
                }
            }
        }
    }

    // std::sort is not stable, but equal elements under these orders are interchangeable for the algorithms; a stable
    // sort keeps results reproducible for a given input order.
    private static void StableSort(List<OutputGroup> list, Comparison<OutputGroup> comparison)
    {
        var sorted = list.Select((g, i) => (g, i)).OrderBy(x => x, Comparer<(OutputGroup g, int i)>.Create((a, b) =>
        {
            int c = comparison(a.g, b.g);
            return c != 0 ? c : a.i.CompareTo(b.i);
        })).Select(x => x.g).ToList();
        list.Clear();
        list.AddRange(sorted);
    }
}
