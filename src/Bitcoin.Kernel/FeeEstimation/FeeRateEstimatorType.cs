namespace Bitcoin.Kernel.FeeEstimation;

/// <summary>The fee rate estimators (Core's FeeRateEstimatorType); printed as "none", "block_policy", "mempool_policy".</summary>
public enum FeeRateEstimatorType
{
    /// <summary>The lower of both (estimatesmartfee's default).</summary>
    None,

    /// <summary>The block policy estimator (confirmation history).</summary>
    BlockPolicy,

    /// <summary>The mempool estimator (what the next block would take).</summary>
    MempoolPolicy,
}
