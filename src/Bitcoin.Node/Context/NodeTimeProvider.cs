using Bitcoin.Common.Util;

namespace Bitcoin.Node.Context;

/// <summary>
/// The node's clock for the kernel: the wall clock, or the mock time set with <c>-mocktime</c> or the
/// <c>setmocktime</c> RPC (<see cref="NodeClock"/>), as Core's <c>NodeClock</c>. Timers and monotonic timestamps
/// stay real.
/// </summary>
public sealed class NodeTimeProvider : TimeProvider
{
    /// <summary>The shared instance.</summary>
    public static NodeTimeProvider Instance { get; } = new();

    private NodeTimeProvider()
    {
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => NodeClock.Now;
}
