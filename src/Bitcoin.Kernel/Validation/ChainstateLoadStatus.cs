namespace Bitcoin.Kernel.Validation;

/// <summary>Outcome classes of loading the chainstate (Core's ChainstateLoadStatus).</summary>
public enum ChainstateLoadStatus
{
    /// <summary>Loaded.</summary>
    Success,

    /// <summary>Failed in a way a reindex may repair: the node suggests -reindex or -reindex-chainstate.</summary>
    Failure,

    /// <summary>Failed in a way a reindex cannot repair.</summary>
    FailureFatal,

    /// <summary>The data belongs to another network or an unsupported format.</summary>
    FailureIncompatibleDb,

    /// <summary>-checklevel/-checkblocks were asked for but -dbcache is too small to run them.</summary>
    FailureInsufficientDbCache,

    /// <summary>Shutdown was requested during loading.</summary>
    Interrupted,
}
