namespace Bitcoin.Kernel.Validation;

/// <summary>Conditions the kernel raises and clears as warnings (Core's kernel::Warning).</summary>
public enum KernelWarning
{
    /// <summary>Blocks signal a version bit this software does not know, and the rule activated.</summary>
    UnknownNewRulesActivated,

    /// <summary>An invalid chain with more than six blocks' worth of extra work exists.</summary>
    LargeWorkInvalidChain,
}
