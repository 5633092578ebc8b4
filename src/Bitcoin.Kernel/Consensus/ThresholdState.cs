namespace Bitcoin.Kernel.Consensus;

/// <summary>BIP9 deployment states (Core's ThresholdState); <see cref="Deployments.StateName"/> gives the RPC spelling.</summary>
public enum ThresholdState
{
    /// <summary>First state of every deployment; the genesis block is in it.</summary>
    Defined,

    /// <summary>Past the start time: signalling is counted.</summary>
    Started,

    /// <summary>The threshold was reached; activation follows after one period (and the minimum height).</summary>
    LockedIn,

    /// <summary>Final state: the rules are enforced.</summary>
    Active,

    /// <summary>Final state: the timeout passed without lock-in.</summary>
    Failed,
}
