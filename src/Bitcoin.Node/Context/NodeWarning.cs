namespace Bitcoin.Node.Context;

/// <summary>Warning conditions the node itself raises (Core's <c>node::Warning</c>); the kernel's are <c>KernelWarning</c>.</summary>
public enum NodeWarning
{
    /// <summary>This build is not a release.</summary>
    PreReleaseTestBuild,

    /// <summary>A fatal internal error made the node shut down.</summary>
    FatalInternalError,

    /// <summary>Outbound peers' clocks differ from ours by more than ten minutes (Core's CLOCK_OUT_OF_SYNC).</summary>
    ClockOutOfSync,
}
