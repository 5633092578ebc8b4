using Bitcoin.Interfaces;
using Bitcoin.Wallet.CoinSelection;
using Bitcoin.Wallet.Spend.Internal;

namespace Bitcoin.Wallet.Spend;

/// <summary>Core's wallet/fees.cpp: the required, minimum and discard fee rates of a wallet.</summary>
public static class WalletFees
{
    /// <summary>Core's GetRequiredFeeRate: the larger of -mintxfee and the node's minimum relay fee.</summary>
    public static TxFeeRate GetRequiredFeeRate(DescriptorWallet wallet)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        return FeeRateConversion.Max(wallet.Options.MinFee.ToTx(), wallet.RequireChain().RelayMinFee().ToTx());
    }

    /// <summary>Core's GetRequiredFee: the required fee for <paramref name="txBytes"/> vbytes.</summary>
    public static long GetRequiredFee(DescriptorWallet wallet, long txBytes) => GetRequiredFeeRate(wallet).GetFee(txBytes);

    /// <summary>
    /// Core's GetMinimumFeeRate: the user's rate (raised to the required rate unless overriding), else the estimate
    /// for the confirmation target (economical when signalling RBF, unless the mode says otherwise), else -fallbackfee;
    /// raised to the mempool minimum and the required rate.
    /// </summary>
    public static MinimumFeeRate GetMinimumFeeRate(DescriptorWallet wallet, SpendCoinControl coinControl)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(coinControl);
        if (coinControl.FeeRate is { } userRate)
        {
            if (coinControl.OverrideFeeRate) return new MinimumFeeRate(userRate, FeeReason.UserSpecified, null);
            var required = GetRequiredFeeRate(wallet);
            if (required > userRate) return new MinimumFeeRate(required, FeeReason.Required, null);
            return new MinimumFeeRate(userRate, FeeReason.UserSpecified, null);
        }

        var chain = wallet.RequireChain();
        uint target = coinControl.ConfirmTarget ?? wallet.Options.ConfirmTarget;
        bool conservative = !(coinControl.SignalRbf ?? wallet.Options.SignalRbf);
        if (coinControl.FeeMode == FeeEstimateMode.Conservative) conservative = true;
        else if (coinControl.FeeMode == FeeEstimateMode.Economical) conservative = false;

        var estimate = chain.GetFeeRateEstimate((int)target, conservative);
        var rate = estimate.Succeeded ? TxFeeRate.FromFee(estimate.Fee.Satoshi, estimate.VirtualSize) : TxFeeRate.Zero;
        var reason = FeeReason.FeeRateEstimator;
        int? returnedTarget = estimate.Succeeded ? estimate.ReturnedTarget : null;
        if (rate == TxFeeRate.Zero)
        {
            rate = wallet.Options.FallbackFee.ToTx();
            reason = FeeReason.Fallback;
            returnedTarget = null;
            if (rate == TxFeeRate.Zero) return new MinimumFeeRate(rate, FeeReason.Fallback, null);
        }

        var mempoolMin = chain.MempoolMinFee().ToTx();
        if (rate < mempoolMin)
        {
            rate = mempoolMin;
            reason = FeeReason.MempoolMin;
            returnedTarget = null;
        }

        var requiredRate = GetRequiredFeeRate(wallet);
        if (requiredRate > rate) return new MinimumFeeRate(requiredRate, FeeReason.Required, null);
        return new MinimumFeeRate(rate, reason, returnedTarget);
    }

    /// <summary>
    /// Core's GetDiscardRate: the estimate for the longest target, capped at -discardfee (that alone when there is no
    /// estimate), and at least the dust relay fee.
    /// </summary>
    public static TxFeeRate GetDiscardRate(DescriptorWallet wallet)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var chain = wallet.RequireChain();
        var estimate = chain.GetFeeRateEstimate((int)chain.MaximumFeeEstimationTargetBlocks(), conservative: false);
        var discard = estimate.Succeeded ? TxFeeRate.FromFee(estimate.Fee.Satoshi, estimate.VirtualSize) : TxFeeRate.Zero;
        var configured = wallet.Options.DiscardRate.ToTx();
        discard = discard == TxFeeRate.Zero ? configured : FeeRateConversion.Min(discard, configured);
        return FeeRateConversion.Max(discard, chain.RelayDustFee().ToTx());
    }

    /// <summary>Core's StringForFeeReason.</summary>
    public static string ReasonText(FeeReason reason) => reason switch
    {
        FeeReason.FeeRateEstimator => "Fee Rate Estimator",
        FeeReason.MempoolMin => "Mempool Min Fee",
        FeeReason.UserSpecified => "User Specified Fee",
        FeeReason.Fallback => "Fallback fee",
        FeeReason.Required => "Minimum Required Fee",
        _ => "Unknown",
    };
}
