namespace Bitcoin.Wallet.CoinSelection;

/// <summary>An eligibility filter and whether output types may be mixed under it (Core's SelectionFilter).</summary>
public readonly record struct SelectionFilter(CoinEligibilityFilter Filter, bool AllowMixedOutputTypes = true);
