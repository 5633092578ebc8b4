namespace Bitcoin.Kernel.Validation;

/// <summary>Outcome of undoing a block on a coins view (Core's DisconnectResult).</summary>
public enum DisconnectResult
{
    /// <summary>All good.</summary>
    Ok,

    /// <summary>Rolled back, but the coins view did not hold exactly what the block created.</summary>
    Unclean,

    /// <summary>Something else went wrong; the view is in an undefined state.</summary>
    Failed,
}
