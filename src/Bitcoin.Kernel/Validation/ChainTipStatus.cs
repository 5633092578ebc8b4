namespace Bitcoin.Kernel.Validation;

/// <summary>The status of a chain tip as getchaintips reports it.</summary>
public enum ChainTipStatus
{
    /// <summary>The tip of the active chain ("active").</summary>
    Active,

    /// <summary>The branch contains an invalid block ("invalid").</summary>
    Invalid,

    /// <summary>Not all blocks of the branch are available ("headers-only").</summary>
    HeadersOnly,

    /// <summary>Fully validated but not part of the active chain ("valid-fork").</summary>
    ValidFork,

    /// <summary>All blocks available but not fully validated ("valid-headers").</summary>
    ValidHeaders,
}
