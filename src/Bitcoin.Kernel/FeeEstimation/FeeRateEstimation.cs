using Bitcoin.Kernel.Policy;

namespace Bitcoin.Kernel.FeeEstimation;

/// <summary>
/// A fee rate estimate or the reason there is none (Core's FeeRateEstimation and FeeRateEstimationError): which
/// estimator answered, the rate per virtual byte, and the target it holds for.
/// </summary>
/// <param name="Estimator">The estimator.</param>
/// <param name="FeeRate">The rate (zero on error).</param>
/// <param name="ReturnedTarget">The confirmation target the estimate is for.</param>
/// <param name="Error">Why there is no estimate; null on success.</param>
public sealed record FeeRateEstimation(FeeRateEstimatorType Estimator, TxFeeRate FeeRate, int ReturnedTarget, string? Error = null)
{
    /// <summary>True when there is an estimate.</summary>
    public bool Success => Error is null;

    /// <summary>The names Core prints for the estimators.</summary>
    public static string TypeToString(FeeRateEstimatorType type) => type switch
    {
        FeeRateEstimatorType.BlockPolicy => "block_policy",
        FeeRateEstimatorType.MempoolPolicy => "mempool_policy",
        _ => "none",
    };

    /// <summary>Parses an estimator name case-insensitively; anything unknown is <see cref="FeeRateEstimatorType.None"/>.</summary>
    public static FeeRateEstimatorType TypeFromString(string name) => name.ToLowerInvariant() switch
    {
        "block_policy" => FeeRateEstimatorType.BlockPolicy,
        "mempool_policy" => FeeRateEstimatorType.MempoolPolicy,
        _ => FeeRateEstimatorType.None,
    };
}
