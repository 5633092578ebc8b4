namespace Bitcoin.Kernel.Validation;

/// <summary>When <see cref="ChainstateManager.FlushStateToDisk"/> writes (Core's FlushStateMode).</summary>
public enum FlushStateMode
{
    /// <summary>Only if something forces it (nothing does without pruning).</summary>
    None,

    /// <summary>If the coins cache exceeds its budget.</summary>
    IfNeeded,

    /// <summary>If the cache is close to full or the periodic write interval (50-70 minutes) has passed.</summary>
    Periodic,

    /// <summary>Write everything and empty the coins cache.</summary>
    ForceFlush,

    /// <summary>Write everything and keep the coins cache warm.</summary>
    ForceSync,
}
