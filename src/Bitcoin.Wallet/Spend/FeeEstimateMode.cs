namespace Bitcoin.Wallet.Spend;

/// <summary>How fees are estimated (Core's FeeEstimateMode, the "estimate_mode" argument).</summary>
public enum FeeEstimateMode
{
    /// <summary>Not set: economical for replaceable transactions, conservative otherwise.</summary>
    Unset,

    /// <summary>Lower estimates.</summary>
    Economical,

    /// <summary>Higher estimates.</summary>
    Conservative,
}
