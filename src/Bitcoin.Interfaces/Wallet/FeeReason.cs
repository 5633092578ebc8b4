namespace Bitcoin.Interfaces;

/// <summary>Why the wallet chose a fee rate (Core's <c>FeeReason</c>).</summary>
public enum FeeReason
{
    /// <summary>From the node's fee estimator.</summary>
    FeeRateEstimator = 0,

    /// <summary>Raised to the mempool minimum.</summary>
    MempoolMin = 1,

    /// <summary>Given by the user.</summary>
    UserSpecified = 2,

    /// <summary>The -fallbackfee rate (no estimate available).</summary>
    Fallback = 3,

    /// <summary>Raised to the required minimum (-mintxfee / relay fee).</summary>
    Required = 4,
}
