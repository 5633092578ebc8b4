namespace Bitcoin.Wallet.CoinSelection;

/// <summary>
/// A set of selected outputs (Core's SelectionResult): the target it was selected for, the algorithm, the waste score,
/// whether the search completed, how many selections were evaluated, the weight, and the discount when inputs share
/// unconfirmed ancestors.
/// </summary>
public sealed class SelectionResult
{
    private readonly SortedSet<CoinOutput> _inputs = new(Comparer<CoinOutput>.Create((a, b) => a.CompareTo(b)));
    private bool _useEffective;
    private long? _waste;
    private long _bumpFeeGroupDiscount;

    /// <summary>An empty result for <paramref name="target"/> made by <paramref name="algorithm"/>.</summary>
    public SelectionResult(long target, SelectionAlgorithm algorithm)
    {
        Target = target;
        Algorithm = algorithm;
    }

    /// <summary>The amount selected for: the recipients plus fees other than the inputs'.</summary>
    public long Target { get; private set; }

    /// <summary>The algorithm.</summary>
    public SelectionAlgorithm Algorithm { get; private set; }

    /// <summary>False when the search hit its attempt limit (the result may not be optimal).</summary>
    public bool AlgoCompleted { get; set; } = true;

    /// <summary>The number of selections evaluated.</summary>
    public long SelectionsEvaluated { get; set; }

    /// <summary>The total weight of the selected inputs.</summary>
    public int Weight { get; private set; }

    /// <summary>The selected outputs, ordered by outpoint.</summary>
    public IReadOnlyCollection<CoinOutput> Inputs => _inputs;

    /// <summary>The waste score (after <see cref="RecalculateWaste"/>).</summary>
    public long Waste => _waste ?? throw new InvalidOperationException("The waste has not been calculated.");

    /// <summary>Whether <see cref="RecalculateWaste"/> was called since the last change.</summary>
    public bool HasWaste => _waste.HasValue;

    /// <summary>The total value of the inputs.</summary>
    public long SelectedValue => _inputs.Sum(c => c.Value);

    /// <summary>The total effective value of the inputs, plus the shared-ancestry discount.</summary>
    public long SelectedEffectiveValue => _inputs.Sum(c => c.EffectiveValue) + _bumpFeeGroupDiscount;

    /// <summary>The total ancestor bump fees, less the shared-ancestry discount.</summary>
    public long TotalBumpFees => _inputs.Sum(c => c.AncestorBumpFees) - _bumpFeeGroupDiscount;

    /// <summary>Removes every input and the waste.</summary>
    public void Clear()
    {
        _inputs.Clear();
        _waste = null;
        Weight = 0;
    }

    /// <summary>Adds a group's outputs (an output already selected is a bug).</summary>
    public void AddInput(OutputGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        InsertInputs(group.Outputs);
        _useEffective = !group.SubtractFeeOutputs;
        Weight += group.Weight;
    }

    /// <summary>Adds preset outputs (Core's AddInputs).</summary>
    public void AddInputs(IEnumerable<CoinOutput> inputs, bool subtractFeeOutputs)
    {
        var list = inputs.ToList();
        InsertInputs(list);
        _useEffective = !subtractFeeOutputs;
        Weight += list.Sum(c => Math.Max(c.InputBytes, 0) * OutputGroup.WitnessScaleFactor);
    }

    /// <summary>Records how much the individual bump fees overestimate those of the shared ancestry.</summary>
    public void SetBumpFeeDiscount(long discount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(discount);
        _bumpFeeGroupDiscount = discount;
    }

    /// <summary>
    /// Core's RecalculateWaste: for each input the fee now minus the long-term fee, less the shared-ancestry discount,
    /// plus the cost of change when there is change, else the excess over the target.
    /// </summary>
    public void RecalculateWaste(long minViableChange, long changeCost, long changeFee)
    {
        if (_inputs.Count == 0) throw new InvalidOperationException("The waste of an empty selection is undefined.");
        long waste = _inputs.Sum(c => c.Fee - c.LongTermFee);
        waste -= _bumpFeeGroupDiscount;
        if (GetChange(minViableChange, changeFee) != 0)
        {
            waste += changeCost;
        }
        else
        {
            long selected = _useEffective ? SelectedEffectiveValue : SelectedValue;
            if (selected < Target) throw new InvalidOperationException("A selection below its target has no waste.");
            waste += selected - Target;
        }
        _waste = waste;
    }

    /// <summary>Adds another result's inputs, target and weight (no shared outputs).</summary>
    public void Merge(SelectionResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        InsertInputs(other._inputs);
        Target += other.Target;
        _useEffective |= other._useEffective;
        if (Algorithm == SelectionAlgorithm.Manual) Algorithm = other.Algorithm;
        Weight += other.Weight;
    }

    /// <summary>The inputs in random order (Core's GetShuffledInputVector).</summary>
    public List<CoinOutput> GetShuffledInputs(CoinSelectionRandom random)
    {
        var coins = _inputs.ToList();
        random.Shuffle(coins);
        return coins;
    }

    /// <summary>
    /// Core's GetChange: the effective value (or value with fee subtraction) left after the target and the change fee;
    /// 0 when that is below <paramref name="minViableChange"/>.
    /// </summary>
    public long GetChange(long minViableChange, long changeFee)
    {
        long change = _useEffective ? SelectedEffectiveValue - Target - changeFee : SelectedValue - Target;
        return change < minViableChange ? 0 : change;
    }

    /// <summary>Core's operator&lt;: less waste first; for equal waste, more inputs first.</summary>
    public static int CompareByWaste(SelectionResult a, SelectionResult b)
    {
        int c = a.Waste.CompareTo(b.Waste);
        return c != 0 ? c : b._inputs.Count.CompareTo(a._inputs.Count);
    }

    /// <summary>The best of several results by <see cref="CompareByWaste"/> (the first on ties, as std::min_element).</summary>
    public static SelectionResult Best(IReadOnlyList<SelectionResult> results)
    {
        var best = results[0];
        for (int i = 1; i < results.Count; i++)
        {
            if (CompareByWaste(results[i], best) < 0) best = results[i];
        }
        return best;
    }

    private void InsertInputs(IEnumerable<CoinOutput> inputs)
    {
        foreach (var input in inputs)
        {
            if (!_inputs.Add(input)) throw new InvalidOperationException("Internal bug detected: Shared UTXOs among selection results");
        }
    }
}
