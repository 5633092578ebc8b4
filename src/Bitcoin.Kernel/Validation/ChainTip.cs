using Bitcoin.Kernel.Chain;

namespace Bitcoin.Kernel.Validation;

/// <summary>One entry of getchaintips: a tip, the length of its branch off the active chain, and its status.</summary>
public sealed record ChainTip(BlockIndex Tip, int BranchLength, ChainTipStatus Status)
{
    /// <summary>The status as Core's RPC prints it ("active", "invalid", "headers-only", "valid-fork", "valid-headers").</summary>
    public string StatusText => Status switch
    {
        ChainTipStatus.Active => "active",
        ChainTipStatus.Invalid => "invalid",
        ChainTipStatus.HeadersOnly => "headers-only",
        ChainTipStatus.ValidFork => "valid-fork",
        _ => "valid-headers",
    };
}
