namespace Bitcoin.Kernel.Consensus;

/// <summary>The state of one BIP9 deployment at a block, for getdeploymentinfo (Core's BIP9Info).</summary>
/// <param name="Since">Height at which the current state began.</param>
/// <param name="CurrentState">State of this block ("defined", "started", "locked_in", "active", "failed").</param>
/// <param name="NextState">State of the next block.</param>
/// <param name="Stats">Signalling statistics while started or locked in.</param>
/// <param name="SignallingBlocks">Which blocks of the current period signalled (empty when not applicable).</param>
/// <param name="ActiveSince">Height from which the deployment is active, when known (possibly in the future).</param>
public sealed record Bip9Info(int Since, string CurrentState, string NextState, Bip9Stats? Stats,
    IReadOnlyList<bool> SignallingBlocks, int? ActiveSince);
