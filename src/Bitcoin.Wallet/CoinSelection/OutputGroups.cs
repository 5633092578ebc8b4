namespace Bitcoin.Wallet.CoinSelection;

/// <summary>Groups for selection (Core's Groups): those of positive selection amount, and all of them.</summary>
public sealed class OutputGroups
{
    /// <summary>Groups whose selection amount is positive (BnB, CoinGrinder, SRD).</summary>
    public List<OutputGroup> Positive { get; } = [];

    /// <summary>Every group, negative ones too (Knapsack).</summary>
    public List<OutputGroup> Mixed { get; } = [];
}
