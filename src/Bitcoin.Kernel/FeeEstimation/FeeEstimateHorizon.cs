namespace Bitcoin.Kernel.FeeEstimation;

/// <summary>The three time horizons the block policy estimator tracks (Core's FeeEstimateHorizon).</summary>
public enum FeeEstimateHorizon
{
    /// <summary>Up to 12 blocks, half-life about 3 hours ("short").</summary>
    ShortHalfLife,

    /// <summary>Up to 48 blocks, half-life about a day ("medium").</summary>
    MedHalfLife,

    /// <summary>Up to 1008 blocks, half-life about a week ("long").</summary>
    LongHalfLife,
}
