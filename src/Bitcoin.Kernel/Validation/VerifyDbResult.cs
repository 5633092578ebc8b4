namespace Bitcoin.Kernel.Validation;

/// <summary>Outcome of <see cref="ChainstateManager.VerifyDb"/> (Core's VerifyDBResult).</summary>
public enum VerifyDbResult
{
    /// <summary>Every requested check passed.</summary>
    Success,

    /// <summary>A block, undo record or coin inconsistency was found (details in the log).</summary>
    CorruptedBlockDb,

    /// <summary>Stopped by an interrupt.</summary>
    Interrupted,

    /// <summary>Stopped early at a block without data.</summary>
    SkippedMissingBlocks,

    /// <summary>Levels 3 and 4 were skipped because the coins cache was too small.</summary>
    SkippedL3Checks,
}
