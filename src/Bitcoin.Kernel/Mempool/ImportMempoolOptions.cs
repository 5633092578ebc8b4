namespace Bitcoin.Kernel.Mempool;

/// <summary>How <see cref="MempoolPersist.Load"/> treats the file's metadata (Core's ImportMempoolOptions); defaults are start-up's.</summary>
public sealed record ImportMempoolOptions
{
    /// <summary>Enter every transaction with the current time instead of its stored entry time.</summary>
    public bool UseCurrentTime { get; init; }

    /// <summary>Apply the stored prioritisetransaction deltas (added to any existing ones).</summary>
    public bool ApplyFeeDeltaPriority { get; init; } = true;

    /// <summary>Restore the unbroadcast set.</summary>
    public bool ApplyUnbroadcastSet { get; init; } = true;
}
