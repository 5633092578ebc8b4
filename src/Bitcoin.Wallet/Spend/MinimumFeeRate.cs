using Bitcoin.Interfaces;
using Bitcoin.Wallet.CoinSelection;

namespace Bitcoin.Wallet.Spend;

/// <summary>The fee rate the wallet will pay and why (Core's MinimumFeeRateResult).</summary>
/// <param name="FeeRate">The rate.</param>
/// <param name="Reason">Why this rate.</param>
/// <param name="ReturnedTarget">The confirmation target of an estimate (null for other reasons).</param>
public sealed record MinimumFeeRate(TxFeeRate FeeRate, FeeReason Reason, int? ReturnedTarget);
