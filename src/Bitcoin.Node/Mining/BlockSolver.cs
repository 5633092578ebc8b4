using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Node.Mining;

/// <summary>The proof-of-work search the generate RPCs use on test chains (the loop of Core's GenerateBlock).</summary>
public static class BlockSolver
{
    /// <summary>
    /// Sets the block's merkle root, then increments the nonce from its current value until the header hash meets the
    /// target, <paramref name="maxTries"/> (decremented per failed try) reaches zero, the nonce reaches its maximum, or
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static BlockSolveResult Solve(Block block, ConsensusParams consensus, ref ulong maxTries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(consensus);
        block.Header.HashMerkleRoot = Merkle.BlockMerkleRoot(block);
        var header = block.Header;
        uint bits = header.Bits.ToCompact();
        while (maxTries > 0 && header.Nonce < uint.MaxValue && !Pow.CheckProofOfWork(header.GetHash(), bits, consensus) &&
               !cancellationToken.IsCancellationRequested)
        {
            header.Nonce++;
            maxTries--;
        }
        if (maxTries == 0 || cancellationToken.IsCancellationRequested) return BlockSolveResult.Stopped;
        return header.Nonce == uint.MaxValue ? BlockSolveResult.NonceSpaceExhausted : BlockSolveResult.Solved;
    }

    /// <summary>
    /// Rebuilds the witness commitment and merkle root after the block's transactions changed (Core's
    /// RegenerateCommitments): drops the coinbase's commitment output and adds a fresh one.
    /// </summary>
    public static void RegenerateCommitments(Block block, BlockIndex? previous, ConsensusParams consensus)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(consensus);
        int index = WitnessCommitment.GetWitnessCommitmentIndex(block);
        if (index != WitnessCommitment.NoWitnessCommitment) block.Transactions[0].Outputs.RemoveAt(index);
        WitnessCommitment.GenerateCoinbaseCommitment(block, previous, consensus);
        block.Header.HashMerkleRoot = Merkle.BlockMerkleRoot(block);
    }
}
