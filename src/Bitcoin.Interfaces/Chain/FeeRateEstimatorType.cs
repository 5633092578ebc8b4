namespace Bitcoin.Interfaces;

/// <summary>Which estimator produced a fee rate estimate (Core's <c>FeeRateEstimatorType</c>).</summary>
public enum FeeRateEstimatorType
{
    /// <summary>No estimator.</summary>
    None = 0,

    /// <summary>The block policy estimator (confirmed transactions' history).</summary>
    BlockPolicy = 1,

    /// <summary>The mempool-based estimator.</summary>
    MempoolPolicy = 2,
}
