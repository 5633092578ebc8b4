namespace Bitcoin.Node.Mining;

/// <summary>What <see cref="BlockSolver.Solve"/> achieved.</summary>
public enum BlockSolveResult
{
    /// <summary>The header now meets its target.</summary>
    Solved,

    /// <summary>Every nonce was tried without success; build a new block (new time or coinbase) and try again.</summary>
    NonceSpaceExhausted,

    /// <summary>The allowed number of tries ran out, or the search was cancelled.</summary>
    Stopped,
}
