namespace Bitcoin.Wallet.CoinSelection;

/// <summary>
/// Outputs selected together (Core's OutputGroup): one output, or with avoid-partial-spends every output to one
/// script. Keeps the sums of value, effective value, fees and weight, the least depth and the ancestry counts.
/// </summary>
public sealed class OutputGroup
{
    /// <summary>Core's WITNESS_SCALE_FACTOR.</summary>
    public const int WitnessScaleFactor = 4;

    /// <summary>An empty group with zero long-term fee rate.</summary>
    public OutputGroup()
    {
    }

    /// <summary>An empty group taking the long-term fee rate and fee subtraction from <paramref name="parameters"/>.</summary>
    public OutputGroup(CoinSelectionParams parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        LongTermFeeRate = parameters.LongTermFeeRate;
        SubtractFeeOutputs = parameters.SubtractFeeOutputs;
    }

    /// <summary>The outputs.</summary>
    public List<CoinOutput> Outputs { get; private set; } = [];

    /// <summary>Whether every output was sent by the wallet itself.</summary>
    public bool FromMe { get; private set; } = true;

    /// <summary>The total value.</summary>
    public long Value { get; private set; }

    /// <summary>The least depth of the outputs (999 when empty).</summary>
    public int Depth { get; private set; } = 999;

    /// <summary>The summed unconfirmed ancestor counts (may overcount shared ancestors).</summary>
    public ulong Ancestors { get; private set; }

    /// <summary>The largest cluster count of an output.</summary>
    public ulong MaxClusterCount { get; private set; }

    /// <summary>The total effective value.</summary>
    public long EffectiveValue { get; private set; }

    /// <summary>The total fee to spend the outputs now.</summary>
    public long Fee { get; private set; }

    /// <summary>The total fee to spend the outputs at the long-term fee rate.</summary>
    public long LongTermFee { get; private set; }

    /// <summary>The long-term fee rate.</summary>
    public TxFeeRate LongTermFeeRate { get; set; }

    /// <summary>Whether selection uses the value rather than the effective value (fees taken from recipients).</summary>
    public bool SubtractFeeOutputs { get; set; }

    /// <summary>The total weight of spending the outputs.</summary>
    public int Weight { get; private set; }

    /// <summary>Adds an output with its ancestry (Core's Insert); sets the output's long-term fee.</summary>
    public void Insert(CoinOutput output, ulong ancestors, ulong clusterCount)
    {
        ArgumentNullException.ThrowIfNull(output);
        Outputs.Add(output);
        Fee += output.Fee;
        output.LongTermFee = output.InputBytes < 0 ? 0 : LongTermFeeRate.GetFee(output.InputBytes);
        LongTermFee += output.LongTermFee;
        EffectiveValue += output.EffectiveValue;
        FromMe &= output.FromMe;
        Value += output.Value;
        Depth = Math.Min(Depth, output.Depth);
        // Summed rather than maxed: ancestors shared by outputs are overcounted, on the safe side.
        Ancestors += ancestors;
        MaxClusterCount = Math.Max(MaxClusterCount, clusterCount);
        if (output.InputBytes > 0) Weight += output.InputBytes * WitnessScaleFactor;
    }

    /// <summary>Whether the group passes <paramref name="filter"/> (Core's EligibleForSpending).</summary>
    public bool EligibleForSpending(CoinEligibilityFilter filter) =>
        Depth >= (FromMe ? filter.ConfMine : filter.ConfTheirs) && Ancestors <= filter.MaxAncestors && MaxClusterCount <= filter.MaxClusterCount;

    /// <summary>The amount selection counts: the value with fee subtraction, else the effective value.</summary>
    public long SelectionAmount => SubtractFeeOutputs ? Value : EffectiveValue;

    /// <summary>A copy with its own output list (the outputs themselves are shared, as Core's shared pointers are).</summary>
    public OutputGroup Clone()
    {
        var copy = (OutputGroup)MemberwiseClone();
        copy.Outputs = [.. Outputs];
        return copy;
    }
}
