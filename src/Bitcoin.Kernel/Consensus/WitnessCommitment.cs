using Bitcoin.Kernel.Chain;
using NBitcoin;
using NBitcoin.Crypto;

namespace Bitcoin.Kernel.Consensus;

/// <summary>The BIP141 witness commitment in the coinbase (Core's GetWitnessCommitmentIndex and GenerateCoinbaseCommitment).</summary>
public static class WitnessCommitment
{
    /// <summary>Returned when the coinbase has no commitment.</summary>
    public const int NoWitnessCommitment = -1;

    /// <summary>Smallest commitment output script: OP_RETURN, a 36-byte push, the 4-byte header, the 32-byte hash.</summary>
    public const int MinimumWitnessCommitment = 38;

    private static readonly byte[] Header = [(byte)OpcodeType.OP_RETURN, 0x24, 0xaa, 0x21, 0xa9, 0xed];

    /// <summary>The index of the last coinbase output carrying a commitment, or <see cref="NoWitnessCommitment"/>.</summary>
    public static int GetWitnessCommitmentIndex(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        int position = NoWitnessCommitment;
        if (block.Transactions.Count == 0) return position;
        var outputs = block.Transactions[0].Outputs;
        for (int i = 0; i < outputs.Count; i++)
        {
            var script = outputs[i].ScriptPubKey.ToBytes(true);
            if (script.Length >= MinimumWitnessCommitment && script.AsSpan(0, Header.Length).SequenceEqual(Header)) position = i;
        }
        return position;
    }

    /// <summary>The 32 committed bytes: double SHA256 of the witness merkle root and the witness reserved value.</summary>
    public static uint256 ComputeCommitment(Block block, ReadOnlySpan<byte> witnessReservedValue)
    {
        ArgumentNullException.ThrowIfNull(block);
        Span<byte> data = stackalloc byte[32 + witnessReservedValue.Length];
        Merkle.BlockWitnessMerkleRoot(block).ToBytes(data[..32]);
        witnessReservedValue.CopyTo(data[32..]);
        return Hashes.DoubleSHA256(data.ToArray());
    }

    /// <summary>
    /// For miners: adds a commitment output (witness reserved value zero) to the coinbase if there is none, and, when
    /// segwit applies to the block after <paramref name="previous"/>, sets the coinbase witness to the reserved value.
    /// Call after the transactions are final; recompute the merkle root afterwards.
    /// </summary>
    public static void GenerateCoinbaseCommitment(Block block, BlockIndex? previous, ConsensusParams consensus)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(consensus);
        if (block.Transactions.Count == 0 || block.Transactions[0].Inputs.Count == 0)
        {
            throw new ArgumentException("The block needs a coinbase with an input.", nameof(block));
        }
        var reserved = new byte[32];
        if (GetWitnessCommitmentIndex(block) == NoWitnessCommitment)
        {
            var commitment = ComputeCommitment(block, reserved);
            var script = new byte[MinimumWitnessCommitment];
            Header.CopyTo(script, 0);
            commitment.ToBytes().CopyTo(script, Header.Length);
            block.Transactions[0].Outputs.Add(new TxOut(Money.Zero, Script.FromBytesUnsafe(script)));
        }
        UpdateUncommittedBlockStructures(block, previous, consensus);
    }

    /// <summary>Gives the coinbase a zero witness reserved value when it commits to witnesses but has no witness (Core's UpdateUncommittedBlockStructures).</summary>
    public static void UpdateUncommittedBlockStructures(Block block, BlockIndex? previous, ConsensusParams consensus)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(consensus);
        if (GetWitnessCommitmentIndex(block) != NoWitnessCommitment &&
            Deployments.IsActiveAfter(previous, consensus, BuriedDeployment.Segwit) &&
            !block.Transactions[0].HasWitness)
        {
            block.Transactions[0].Inputs[0].WitScript = new WitScript([new byte[32]]);
        }
    }
}
