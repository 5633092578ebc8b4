namespace Bitcoin.Kernel.Consensus;

/// <summary>Why a block was rejected, as Core's BlockValidationResult (consensus/validation.h).</summary>
public enum BlockValidationResult
{
    /// <summary>Initial value: not rejected.</summary>
    ResultUnset = 0,

    /// <summary>Invalid by consensus rules (other than the reasons below).</summary>
    Consensus,

    /// <summary>Cached as invalid without the reason.</summary>
    CachedInvalid,

    /// <summary>Invalid proof of work or time too old.</summary>
    InvalidHeader,

    /// <summary>The block's data does not match what the proof of work commits to.</summary>
    Mutated,

    /// <summary>The previous block is unknown.</summary>
    MissingPrev,

    /// <summary>A block this one builds on is invalid.</summary>
    InvalidPrev,

    /// <summary>Timestamp more than two hours in the future (or our clock is wrong).</summary>
    TimeFuture,

    /// <summary>The header may be on a chain with too little work.</summary>
    HeaderLowWork,
}
