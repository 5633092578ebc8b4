using Bitcoin.Kernel.Chain;

namespace Bitcoin.Kernel.Validation;

/// <summary>
/// Synchronous notifications from the kernel to the application (Core's kernel::Notifications). They are called on
/// the validation thread that caused them — <see cref="BlockTip"/> and <see cref="HeaderTip"/> with the chainstate
/// lock held — so implementations must be quick and must not call back into the <see cref="ChainstateManager"/>
/// except for lock-free reads. The node uses <see cref="BlockTip"/> to wake <c>waitfornewblock</c> and friends.
/// Every member has an empty default, so implement only what you need.
/// </summary>
public interface IKernelNotifications
{
    /// <summary>The active tip changed to <paramref name="tip"/>. Return true to ask the kernel to stop (Core's Interrupted, used by -stopatheight).</summary>
    bool BlockTip(SynchronizationState state, BlockIndex tip, double verificationProgress) => false;

    /// <summary>The best header changed (or, with <paramref name="presync"/>, headers pre-synchronisation progressed).</summary>
    void HeaderTip(SynchronizationState state, long height, long timestamp, bool presync)
    {
    }

    /// <summary>A long operation progressed: an empty title with 100 means it finished.</summary>
    void Progress(string title, int percent, bool resumePossible)
    {
    }

    /// <summary>A warning condition started (or its text changed).</summary>
    void WarningSet(KernelWarning warning, string message)
    {
    }

    /// <summary>A warning condition ended.</summary>
    void WarningUnset(KernelWarning warning)
    {
    }

    /// <summary>Writing block data to disk failed; the operation in progress may still have succeeded.</summary>
    void FlushError(string message)
    {
    }

    /// <summary>An unrecoverable error: the node should shut down. The failing call also returns an error.</summary>
    void FatalError(string message)
    {
    }
}
