namespace Bitcoin.Kernel.FeeEstimation;

/// <summary>Which sub-estimate decided a smart fee estimate (Core's BlockPolicyEstimateReason).</summary>
public enum BlockPolicyEstimateReason
{
    /// <summary>No estimate.</summary>
    None,

    /// <summary>60% within half the target.</summary>
    HalfEstimate,

    /// <summary>85% within the target.</summary>
    FullEstimate,

    /// <summary>95% within twice the target.</summary>
    DoubleEstimate,

    /// <summary>95% within twice the target over longer horizons.</summary>
    Conservative,
}
