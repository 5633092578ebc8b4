using Bitcoin.Common.Addresses;
using NBitcoin;

namespace Bitcoin.Wallet.CoinSelection;

/// <summary>
/// Core's coin selection driver (wallet/spend.cpp): grouping outputs, trying the algorithms per output type and over
/// all types, choosing by waste, adding preset inputs, and widening the eligibility filters step by step.
/// </summary>
public static class CoinSelector
{
    /// <summary>Core's MAX_STANDARD_TX_WEIGHT.</summary>
    public const int MaxStandardTxWeight = 400_000;

    /// <summary>Core's OUTPUT_GROUP_MAX_ENTRIES: the most outputs of one script grouped together.</summary>
    public const int OutputGroupMaxEntries = 100;

    /// <summary>Core's TRUC_VERSION.</summary>
    public const uint TrucVersion = 3;

    /// <summary>Core's TRUC_CHILD_MAX_WEIGHT.</summary>
    public const int TrucChildMaxWeight = 1000 * OutputGroup.WitnessScaleFactor;

    /// <summary>
    /// Core's GroupOutputs: one group per output, or with avoid-partial-spends per script and type (at most
    /// <see cref="OutputGroupMaxEntries"/> each); each group goes under every filter it passes, the rest into
    /// <paramref name="discarded"/>.
    /// </summary>
    public static SortedDictionary<CoinEligibilityFilter, OutputGroupTypeMap> GroupOutputs(CoinsResult coins, CoinSelectionParams parameters,
        IReadOnlyList<SelectionFilter> filters, ICoinSelectionChain chain, List<OutputGroup>? discarded = null)
    {
        ArgumentNullException.ThrowIfNull(coins);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(chain);
        var filtered = new SortedDictionary<CoinEligibilityFilter, OutputGroupTypeMap>();

        if (!parameters.AvoidPartialSpends)
        {
            foreach (var (type, outputs) in coins.Coins)
            {
                foreach (var output in outputs)
                {
                    var (ancestors, clusterCount) = chain.GetTransactionAncestry(output.OutPoint.Hash);
                    var group = new OutputGroup(parameters);
                    group.Insert(output.Clone(), ancestors, clusterCount);
                    bool accepted = false;
                    foreach (var selectionFilter in filters)
                    {
                        if (!group.EligibleForSpending(selectionFilter.Filter)) continue;
                        MapFor(filtered, selectionFilter.Filter).Push(group, type, insertPositive: true, insertMixed: true);
                        accepted = true;
                    }
                    if (!accepted) discarded?.Add(group);
                }
            }
            return filtered;
        }

        var allGroups = new SortedDictionary<(byte[] Script, OutputType Type), List<OutputGroup>>(ScriptTypeComparer.Instance);
        var positiveGroups = new SortedDictionary<(byte[] Script, OutputType Type), List<OutputGroup>>(ScriptTypeComparer.Instance);

        void InsertOutput(CoinOutput output, OutputType type, ulong ancestors, ulong clusterCount,
            SortedDictionary<(byte[] Script, OutputType Type), List<OutputGroup>> map)
        {
            var key = (output.TxOut.ScriptPubKey.ToBytes(true), type);
            if (!map.TryGetValue(key, out var groups)) map[key] = groups = [];
            if (groups.Count == 0) groups.Add(new OutputGroup(parameters));
            var group = groups[^1];
            if (group.Outputs.Count >= OutputGroupMaxEntries)
            {
                group = new OutputGroup(parameters);
                groups.Add(group);
            }
            group.Insert(output, ancestors, clusterCount);
        }

        foreach (var (type, outputs) in coins.Coins)
        {
            foreach (var output in outputs)
            {
                var (ancestors, clusterCount) = chain.GetTransactionAncestry(output.OutPoint.Hash);
                var shared = output.Clone();
                if (output.EffectiveValue > 0) InsertOutput(shared, type, ancestors, clusterCount, positiveGroups);
                InsertOutput(shared, type, ancestors, clusterCount, allGroups);
            }
        }

        void PushGroups(SortedDictionary<(byte[] Script, OutputType Type), List<OutputGroup>> map, bool positiveOnly)
        {
            foreach (var (key, groups) in map)
            {
                // Backwards: the partial (last) group first.
                for (int i = groups.Count - 1; i >= 0; i--)
                {
                    var group = groups[i];
                    bool accepted = false;
                    foreach (var selectionFilter in filters)
                    {
                        var filter = selectionFilter.Filter;
                        if (!group.EligibleForSpending(filter)) continue;
                        // A partial group is left out when there are full ones, unless the filter allows it.
                        if (i == groups.Count - 1 && groups.Count > 1 && !filter.IncludePartialGroups) continue;
                        MapFor(filtered, filter).Push(group, key.Type, insertPositive: positiveOnly, insertMixed: !positiveOnly);
                        accepted = true;
                    }
                    if (!accepted) discarded?.Add(group);
                }
            }
        }

        PushGroups(allGroups, positiveOnly: false);
        PushGroups(positiveGroups, positiveOnly: true);
        return filtered;
    }

    /// <summary>
    /// Core's AttemptSelection: selects within each output type and keeps the least wasteful; if none works and
    /// mixing is allowed, selects over all types together.
    /// </summary>
    public static SelectionOutcome AttemptSelection(ICoinSelectionChain chain, long targetValue, OutputGroupTypeMap groups,
        CoinSelectionParams parameters, bool allowMixedOutputTypes)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var results = new List<SelectionResult>();
        foreach (var (_, typeGroups) in groups.ByType)
        {
            var outcome = ChooseSelectionResult(chain, targetValue, typeGroups, parameters);
            if (outcome.HasErrorMessage) return outcome;
            if (outcome.Success) results.Add(outcome.Result!);
        }
        if (results.Count > 0) return SelectionOutcome.Of(SelectionResult.Best(results));
        if (allowMixedOutputTypes && groups.TypesCount > 1) return ChooseSelectionResult(chain, targetValue, groups.All, parameters);
        return SelectionOutcome.Fail();
    }

    /// <summary>
    /// Core's ChooseSelectionResult: runs BnB (unless fees come from recipients), Knapsack, CoinGrinder (at fee rates of
    /// at least three times the long-term rate) and SRD; applies the shared-ancestry bump fee discount; returns the
    /// least wasteful, or the first specific error if none succeeded.
    /// </summary>
    public static SelectionOutcome ChooseSelectionResult(ICoinSelectionChain chain, long targetValue, OutputGroups groups, CoinSelectionParams parameters)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(parameters);
        var results = new List<SelectionResult>();
        var errors = new List<SelectionOutcome>();
        void Collect(SelectionOutcome outcome)
        {
            if (outcome.Success) results.Add(outcome.Result!);
            else if (outcome.HasErrorMessage) errors.Add(outcome);
        }

        int maxTransactionWeight = parameters.MaxTxWeight ?? MaxStandardTxWeight;
        int txWeightNoInput = parameters.TxNoInputsSize * OutputGroup.WitnessScaleFactor;
        int maxSelectionWeight = maxTransactionWeight - txWeightNoInput;
        if (maxSelectionWeight <= 0) return SelectionOutcome.Fail("Maximum transaction weight is less than transaction weight without inputs");

        // Changeless solutions and fees taken from recipients do not mix well: no BnB then.
        if (!parameters.SubtractFeeOutputs)
            Collect(CoinSelectionAlgorithms.SelectCoinsBnB(groups.Positive, targetValue, parameters.CostOfChange, maxSelectionWeight));

        // The other algorithms may add change.
        maxSelectionWeight -= parameters.ChangeOutputSize * OutputGroup.WitnessScaleFactor;
        if (maxSelectionWeight < 0 && results.Count == 0)
            return SelectionOutcome.Fail("Maximum transaction weight is too low, can not accommodate change output");

        // Knapsack keeps its habit of spending dust: it gets every group, not only positive ones.
        Collect(CoinSelectionAlgorithms.KnapsackSolver(groups.Mixed, targetValue, parameters.MinChangeTarget, parameters.Random, maxSelectionWeight));

        if (parameters.EffectiveFeeRate > parameters.LongTermFeeRate.Multiply(3))
        {
            var cg = CoinSelectionAlgorithms.CoinGrinder(groups.Positive, targetValue, parameters.MinChangeTarget, maxSelectionWeight);
            if (cg.Success) cg.Result!.RecalculateWaste(parameters.MinViableChange, parameters.CostOfChange, parameters.ChangeFee);
            Collect(cg);
        }

        Collect(CoinSelectionAlgorithms.SelectCoinsSrd(groups.Positive, targetValue, parameters.ChangeFee, parameters.Random, maxSelectionWeight));

        if (results.Count == 0) return errors.Count == 0 ? SelectionOutcome.Fail() : errors[0];

        foreach (var result in results)
        {
            var outpoints = new List<OutPoint>();
            long summedBumpFees = 0;
            foreach (var coin in result.Inputs)
            {
                if (coin.Depth > 0) continue;
                outpoints.Add(coin.OutPoint);
                summedBumpFees += coin.AncestorBumpFees;
            }
            var combined = chain.CalculateCombinedBumpFee(outpoints, parameters.EffectiveFeeRate);
            if (combined is null)
                return SelectionOutcome.Fail("Failed to calculate bump fees, because unconfirmed UTXOs depend on an enormous cluster of unconfirmed transactions.");
            long overestimate = summedBumpFees - combined.Value;
            // The mempool may have changed between the two snapshots: never a negative discount.
            if (overestimate > 0) result.SetBumpFeeDiscount(overestimate);
            result.RecalculateWaste(parameters.MinViableChange, parameters.CostOfChange, parameters.ChangeFee);
        }
        return SelectionOutcome.Of(SelectionResult.Best(results));
    }

    /// <summary>
    /// Core's SelectCoins: spends every preset input, and if they do not cover the target (and other inputs are
    /// allowed) selects more from <paramref name="available"/>.
    /// </summary>
    public static SelectionOutcome SelectCoins(ICoinSelectionChain chain, CoinsResult available, CoinsResult presetInputs, long targetValue,
        bool allowOtherInputs, CoinSelectionParams parameters, CoinSelectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(presetInputs);
        ArgumentNullException.ThrowIfNull(parameters);
        long selectionTarget = targetValue - (presetInputs.AppropriateTotal(parameters.SubtractFeeOutputs) ?? 0);
        if (!allowOtherInputs && selectionTarget > 0)
        {
            return SelectionOutcome.Fail("The preselected coins total amount does not cover the transaction target. " +
                                         "Please allow other inputs to be automatically selected or include more coins manually");
        }

        var presetCoins = presetInputs.All();
        if (selectionTarget <= 0)
        {
            var manual = new SelectionResult(targetValue, SelectionAlgorithm.Manual);
            manual.AddInputs(presetCoins, parameters.SubtractFeeOutputs);
            manual.RecalculateWaste(parameters.MinViableChange, parameters.CostOfChange, parameters.ChangeFee);
            return SelectionOutcome.Of(manual);
        }

        long availableTotal = available.AppropriateTotal(parameters.SubtractFeeOutputs) ?? 0;
        if (selectionTarget > availableTotal) return SelectionOutcome.Fail();

        var outcome = AutomaticCoinSelection(chain, available, selectionTarget, parameters, options);
        if (!outcome.Success) return outcome;
        var result = outcome.Result!;
        if (presetInputs.Count > 0)
        {
            var preselected = new SelectionResult(presetInputs.AppropriateTotal(parameters.SubtractFeeOutputs)!.Value, SelectionAlgorithm.Manual);
            preselected.AddInputs(presetCoins, parameters.SubtractFeeOutputs);
            result.Merge(preselected);
            result.RecalculateWaste(parameters.MinViableChange, parameters.CostOfChange, parameters.ChangeFee);
            int maxInputsWeight = (parameters.MaxTxWeight ?? MaxStandardTxWeight) - parameters.TxNoInputsSize * OutputGroup.WitnessScaleFactor;
            if (result.Weight > maxInputsWeight)
            {
                return SelectionOutcome.Fail("The combination of the pre-selected inputs and the wallet automatic inputs selection exceeds the transaction maximum weight. " +
                                             "Please try sending a smaller amount or manually consolidating your wallet's UTXOs");
            }
        }
        return SelectionOutcome.Of(result);
    }

    /// <summary>
    /// Core's AutomaticCoinSelection: tries increasingly permissive eligibility filters (confirmed only, then
    /// unconfirmed change with few ancestors, partial groups, unsafe inputs, unlimited chains) until a selection works.
    /// </summary>
    public static SelectionOutcome AutomaticCoinSelection(ICoinSelectionChain chain, CoinsResult available, long valueToSelect,
        CoinSelectionParams parameters, CoinSelectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        var (limitAncestors, limitDescendants) = chain.GetPackageLimits();
        ulong maxAncestors = Math.Max(1UL, limitAncestors);
        ulong maxClusterCount = Math.Max(1UL, limitDescendants);

        // With 101+ outputs to one script, grouping would be deterministic: shuffle first.
        if (parameters.AvoidPartialSpends && available.Count > OutputGroupMaxEntries) available.Shuffle(parameters.Random);

        var filters = new List<SelectionFilter>
        {
            new(new CoinEligibilityFilter(1, 6, 0), AllowMixedOutputTypes: false),
            new(new CoinEligibilityFilter(1, 1, 0)),
        };
        if (options.SpendZeroConfChange)
        {
            filters.Add(new(new CoinEligibilityFilter(0, 1, 2)));
            filters.Add(new(new CoinEligibilityFilter(0, 1, Math.Min(4UL, maxAncestors / 3), Math.Min(4UL, maxClusterCount / 3))));
            filters.Add(new(new CoinEligibilityFilter(0, 1, maxAncestors / 2, maxClusterCount / 2)));
            filters.Add(new(new CoinEligibilityFilter(0, 1, maxAncestors - 1, maxClusterCount - 1, IncludePartialGroups: true)));
            if (parameters.IncludeUnsafeInputs)
                filters.Add(new(new CoinEligibilityFilter(0, 0, maxAncestors - 1, maxClusterCount - 1, IncludePartialGroups: true)));
            if (!options.RejectLongChains)
                filters.Add(new(new CoinEligibilityFilter(0, 1, ulong.MaxValue, ulong.MaxValue, IncludePartialGroups: true)));
        }

        var discarded = new List<OutputGroup>();
        var filtered = GroupOutputs(available, parameters, filters, chain, discarded);

        long totalDiscarded = 0, totalUnconfLongChain = 0;
        foreach (var group in discarded)
        {
            totalDiscarded += group.SelectionAmount;
            if (group.Ancestors >= maxAncestors || group.MaxClusterCount >= maxClusterCount) totalUnconfLongChain += group.SelectionAmount;
        }
        long totalAmount = available.TotalAmount - totalDiscarded;
        if (totalAmount < valueToSelect)
        {
            if (totalAmount + totalUnconfLongChain > valueToSelect)
                return SelectionOutcome.Fail("Unconfirmed UTXOs are available, but spending them creates a chain of transactions that will be rejected by the mempool");
            return SelectionOutcome.Fail();
        }

        var detailedErrors = new List<SelectionOutcome>();
        var updated = parameters.Clone();
        foreach (var selectionFilter in filters)
        {
            if (!filtered.TryGetValue(selectionFilter.Filter, out var groups)) continue;
            if (updated.Version == TrucVersion && (selectionFilter.Filter.ConfMine == 0 || selectionFilter.Filter.ConfTheirs == 0))
            {
                if ((updated.MaxTxWeight ?? MaxStandardTxWeight) > TrucChildMaxWeight) updated.MaxTxWeight = TrucChildMaxWeight;
            }
            var outcome = AttemptSelection(chain, valueToSelect, groups, updated, selectionFilter.AllowMixedOutputTypes);
            if (outcome.Success) return outcome;
            if (outcome.HasErrorMessage) detailedErrors.Add(outcome);
        }
        return detailedErrors.Count > 0 ? detailedErrors[0] : SelectionOutcome.Fail();
    }

    private static OutputGroupTypeMap MapFor(SortedDictionary<CoinEligibilityFilter, OutputGroupTypeMap> map, CoinEligibilityFilter filter)
    {
        if (!map.TryGetValue(filter, out var groups)) map[filter] = groups = new OutputGroupTypeMap();
        return groups;
    }

    // std::map<std::pair<CScript, OutputType>, ...> order: CScript is a prevector, ordered by size then bytes; then type.
    private sealed class ScriptTypeComparer : IComparer<(byte[] Script, OutputType Type)>
    {
        public static readonly ScriptTypeComparer Instance = new();

        public int Compare((byte[] Script, OutputType Type) a, (byte[] Script, OutputType Type) b)
        {
            int c = a.Script.Length.CompareTo(b.Script.Length);
            if (c == 0) c = a.Script.AsSpan().SequenceCompareTo(b.Script);
            return c != 0 ? c : a.Type.CompareTo(b.Type);
        }
    }
}
