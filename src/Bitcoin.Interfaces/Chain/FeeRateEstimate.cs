using NBitcoin;

namespace Bitcoin.Interfaces;

/// <summary>
/// The answer of <see cref="IChain.GetFeeRateEstimate"/> (Core's <c>util::Expected&lt;FeeRateEstimation,
/// FeeRateEstimationError&gt;</c>): a fee per virtual size that should confirm within <see cref="ReturnedTarget"/>
/// blocks, or, when <see cref="Error"/> is set, a zero fee with the reason no estimate could be made.
/// </summary>
/// <param name="Estimator">The estimator that answered.</param>
/// <param name="Fee">The fee of the ratio (zero on failure).</param>
/// <param name="VirtualSize">The virtual size of the ratio, in vbytes (zero on failure).</param>
/// <param name="ReturnedTarget">The confirmation target the estimate is for (may differ from the one asked for).</param>
/// <param name="Error">Why there is no estimate, or null on success.</param>
public sealed record FeeRateEstimate(FeeRateEstimatorType Estimator, Money Fee, int VirtualSize, int ReturnedTarget, string? Error)
{
    /// <summary>True when an estimate was made.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The estimate as a fee rate per 1000 vbytes (Core's CFeeRate from the ratio); zero on failure.</summary>
    public FeeRate FeeRate => VirtualSize == 0 ? new FeeRate(Money.Zero) : new FeeRate(Fee, VirtualSize);
}
