namespace Bitcoin.Kernel.FeeEstimation;

/// <summary>The details of a smart fee estimate (Core's FeeCalculation).</summary>
public sealed record FeeCalculation
{
    /// <summary>The deciding sub-estimate's buckets.</summary>
    public EstimationResult Estimation { get; init; } = new();

    /// <summary>Which sub-estimate decided.</summary>
    public BlockPolicyEstimateReason Reason { get; init; }

    /// <summary>The target asked for.</summary>
    public int DesiredTarget { get; init; }

    /// <summary>The target the estimate is for (at least 2, at most what the data supports).</summary>
    public int ReturnedTarget { get; init; }

    /// <summary>The estimator's best seen height.</summary>
    public uint BestHeight { get; init; }
}
