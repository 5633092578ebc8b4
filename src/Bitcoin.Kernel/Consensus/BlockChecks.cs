using System.Globalization;
using Bitcoin.Kernel.Chain;
using NBitcoin;

namespace Bitcoin.Kernel.Consensus;

/// <summary>
/// Block rules, as Core's validation.cpp: context-free header and block checks, and the checks that need the
/// previous headers (but not the UTXO set, which ConnectBlock handles). Reject reasons are Core's.
/// </summary>
public static class BlockChecks
{
    /// <summary>Proof of work matches the claimed target ("high-hash").</summary>
    public static bool CheckBlockHeader(BlockHeader header, BlockValidationState state, ConsensusParams consensus, bool checkPow = true)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(consensus);
        if (checkPow && !Pow.CheckProofOfWork(header.GetHash(), (uint)header.Bits, consensus))
        {
            return state.Invalid(BlockValidationResult.InvalidHeader, "high-hash", "proof of work failed");
        }
        return true;
    }

    /// <summary>
    /// Checks independent of context: header, signet solution, merkle root (and the CVE-2012-2459 duplicate),
    /// size, coinbase placement, each transaction's <see cref="TxChecks.CheckTransaction"/>, and legacy sigops.
    /// Witness data is not looked at (that is <see cref="ContextualCheckBlock"/>).
    /// </summary>
    public static bool CheckBlock(Block block, BlockValidationState state, ConsensusParams consensus, bool checkPow = true, bool checkMerkleRoot = true)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(consensus);
        if (!CheckBlockHeader(block.Header, state, consensus, checkPow)) return false;

        if (consensus.SignetBlocks && checkPow && !SignetCheck.CheckSignetBlockSolution(block, consensus))
        {
            return state.Invalid(BlockValidationResult.Consensus, "bad-signet-blksig", "signet block signature validation failure");
        }

        if (checkMerkleRoot && !CheckMerkleRoot(block, state)) return false;

        // Everything that could be corruption is checked above, before any rule that would mark the header invalid.
        var txs = block.Transactions;
        if (txs.Count == 0 || (long)txs.Count * ConsensusConstants.WitnessScaleFactor > ConsensusConstants.MaxBlockWeight ||
            (long)StrippedSize(block) * ConsensusConstants.WitnessScaleFactor > ConsensusConstants.MaxBlockWeight)
        {
            return state.Invalid(BlockValidationResult.Consensus, "bad-blk-length", "size limits failed");
        }

        if (!txs[0].IsCoinBase) return state.Invalid(BlockValidationResult.Consensus, "bad-cb-missing", "first tx is not coinbase");
        for (int i = 1; i < txs.Count; i++)
        {
            if (txs[i].IsCoinBase) return state.Invalid(BlockValidationResult.Consensus, "bad-cb-multiple", "more than one coinbase");
        }

        foreach (var tx in txs)
        {
            var txState = new TxValidationState();
            if (!TxChecks.CheckTransaction(tx, txState))
            {
                return state.Invalid(BlockValidationResult.Consensus, txState.RejectReason,
                    $"Transaction check failed (tx hash {tx.GetHash()}) {txState.DebugMessage}");
            }
        }

        // An underestimate (no P2SH or witness sigops); ConnectBlock counts those.
        long sigOps = 0;
        foreach (var tx in txs) sigOps += SigOps.GetLegacySigOpCount(tx);
        if (sigOps * ConsensusConstants.WitnessScaleFactor > ConsensusConstants.MaxBlockSigOpsCost)
        {
            return state.Invalid(BlockValidationResult.Consensus, "bad-blk-sigops", "out-of-bounds SigOpCount");
        }
        return true;
    }

    /// <summary>
    /// Header checks against the previous headers: the required target ("bad-diffbits"), time after the median time
    /// past ("time-too-old"), BIP94's timewarp rule ("time-timewarp-attack"), at most two hours ahead of
    /// <paramref name="adjustedTimeSeconds"/> ("time-too-new") and the minimum version ("bad-version(0x...)").
    /// </summary>
    public static bool ContextualCheckBlockHeader(BlockHeader header, BlockValidationState state, ChainParams chainParams,
        BlockIndex previous, long adjustedTimeSeconds)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(chainParams);
        ArgumentNullException.ThrowIfNull(previous);
        var consensus = chainParams.Consensus;
        int height = previous.Height + 1;
        long blockTime = header.BlockTime.ToUnixTimeSeconds();

        if ((uint)header.Bits != Pow.GetNextWorkRequired(previous, blockTime, consensus))
        {
            return state.Invalid(BlockValidationResult.InvalidHeader, "bad-diffbits", "incorrect proof of work");
        }

        if (blockTime <= previous.GetMedianTimePast())
        {
            return state.Invalid(BlockValidationResult.InvalidHeader, "time-too-old", "block's timestamp is too early");
        }

        // BIP94: the first block of a retarget period may not be much earlier than its predecessor (timewarp).
        if (consensus.EnforceBip94 && height % consensus.DifficultyAdjustmentInterval == 0 &&
            blockTime < previous.BlockTime - ConsensusConstants.MaxTimewarp)
        {
            return state.Invalid(BlockValidationResult.InvalidHeader, "time-timewarp-attack",
                "block's timestamp is too early on diff adjustment block");
        }

        if (blockTime > adjustedTimeSeconds + ConsensusConstants.MaxFutureBlockTime)
        {
            return state.Invalid(BlockValidationResult.TimeFuture, "time-too-new", "block timestamp too far in the future");
        }

        int version = header.Version;
        if ((version < 2 && Deployments.IsActiveAfter(previous, consensus, BuriedDeployment.HeightInCoinbase)) ||
            (version < 3 && Deployments.IsActiveAfter(previous, consensus, BuriedDeployment.DerSig)) ||
            (version < 4 && Deployments.IsActiveAfter(previous, consensus, BuriedDeployment.CheckLockTimeVerify)))
        {
            var hex = ((uint)version).ToString("x8", CultureInfo.InvariantCulture);
            return state.Invalid(BlockValidationResult.InvalidHeader, $"bad-version(0x{hex})", $"rejected nVersion=0x{hex} block");
        }
        return true;
    }

    /// <summary>
    /// Block checks against the previous headers: final transactions ("bad-txns-nonfinal", by median time past once
    /// CSV is active), BIP34 height in the coinbase ("bad-cb-height"), the witness commitment or absence of witnesses,
    /// and the weight limit ("bad-blk-weight"). <paramref name="previous"/> is null only for the genesis block.
    /// </summary>
    public static bool ContextualCheckBlock(Block block, BlockValidationState state, ChainParams chainParams, BlockIndex? previous)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(chainParams);
        var consensus = chainParams.Consensus;
        int height = previous == null ? 0 : previous.Height + 1;

        // BIP113: once CSV is active, lock times compare against the median time past.
        long lockTimeCutoff = Deployments.IsActiveAfter(previous, consensus, BuriedDeployment.Csv) && previous != null
            ? previous.GetMedianTimePast()
            : block.Header.BlockTime.ToUnixTimeSeconds();
        foreach (var tx in block.Transactions)
        {
            if (!TxChecks.IsFinalTx(tx, height, lockTimeCutoff))
            {
                return state.Invalid(BlockValidationResult.Consensus, "bad-txns-nonfinal", "non-final transaction");
            }
        }

        if (Deployments.IsActiveAfter(previous, consensus, BuriedDeployment.HeightInCoinbase))
        {
            var expected = CoinbaseHeightPrefix(height);
            var scriptSig = block.Transactions[0].Inputs[0].ScriptSig.ToBytes(true);
            if (scriptSig.Length < expected.Length || !scriptSig.AsSpan(0, expected.Length).SequenceEqual(expected))
            {
                return state.Invalid(BlockValidationResult.Consensus, "bad-cb-height", "block height mismatch in coinbase");
            }
        }

        if (!CheckWitnessMalleation(block, Deployments.IsActiveAfter(previous, consensus, BuriedDeployment.Segwit), state)) return false;

        // Only now, with the coinbase witness verified, can excessive weight mark the block invalid.
        if (GetBlockWeight(block) > ConsensusConstants.MaxBlockWeight)
        {
            return state.Invalid(BlockValidationResult.Consensus, "bad-blk-weight", "ContextualCheckBlock : weight limit failed");
        }
        return true;
    }

    /// <summary>
    /// True when the block's transactions do not match what its header commits to (Core's IsBlockMutated): a wrong
    /// merkle root or duplicate, 64-byte transactions in a block without coinbase, or witness data that does not match
    /// the commitment when <paramref name="checkWitnessRoot"/>.
    /// </summary>
    public static bool IsBlockMutated(Block block, bool checkWitnessRoot)
    {
        ArgumentNullException.ThrowIfNull(block);
        var state = new BlockValidationState();
        if (!CheckMerkleRoot(block, state)) return true;
        if (block.Transactions.Count == 0 || !block.Transactions[0].IsCoinBase)
        {
            // 64-byte transactions could pose as inner merkle nodes; such a block is invalid anyway.
            return block.Transactions.Any(tx => TxChecks.StrippedSize(tx) == 64);
        }
        return !CheckWitnessMalleation(block, checkWitnessRoot, state);
    }

    /// <summary>"bad-txnmrklroot" for a wrong merkle root, "bad-txns-duplicate" for the CVE-2012-2459 mutation.</summary>
    public static bool CheckMerkleRoot(Block block, BlockValidationState state)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(state);
        var root = Merkle.BlockMerkleRoot(block, out bool mutated);
        if (block.Header.HashMerkleRoot != root)
        {
            return state.Invalid(BlockValidationResult.Mutated, "bad-txnmrklroot", "hashMerkleRoot mismatch");
        }
        if (mutated)
        {
            return state.Invalid(BlockValidationResult.Mutated, "bad-txns-duplicate", "duplicate transaction");
        }
        return true;
    }

    /// <summary>
    /// With a commitment expected and present: a single 32-byte coinbase witness ("bad-witness-nonce-size") and a
    /// matching commitment ("bad-witness-merkle-match"); otherwise no transaction may carry a witness ("unexpected-witness").
    /// </summary>
    public static bool CheckWitnessMalleation(Block block, bool expectWitnessCommitment, BlockValidationState state)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(state);
        if (expectWitnessCommitment)
        {
            int position = WitnessCommitment.GetWitnessCommitmentIndex(block);
            if (position != WitnessCommitment.NoWitnessCommitment)
            {
                var witness = block.Transactions[0].Inputs[0].WitScript ?? WitScript.Empty;
                if (witness.PushCount != 1 || witness[0].Length != 32)
                {
                    return state.Invalid(BlockValidationResult.Mutated, "bad-witness-nonce-size",
                        "CheckWitnessMalleation : invalid witness reserved value size");
                }
                var commitment = WitnessCommitment.ComputeCommitment(block, witness[0]);
                var script = block.Transactions[0].Outputs[position].ScriptPubKey.ToBytes(true);
                if (!script.AsSpan(6, 32).SequenceEqual(commitment.ToBytes()))
                {
                    return state.Invalid(BlockValidationResult.Mutated, "bad-witness-merkle-match",
                        "CheckWitnessMalleation : witness merkle commitment mismatch");
                }
                return true;
            }
        }
        foreach (var tx in block.Transactions)
        {
            if (tx.HasWitness)
            {
                return state.Invalid(BlockValidationResult.Mutated, "unexpected-witness", "CheckWitnessMalleation : unexpected witness data found");
            }
        }
        return true;
    }

    /// <summary>The BIP141 block weight: stripped size times three plus total size.</summary>
    public static long GetBlockWeight(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return ((long)StrippedSize(block) * (ConsensusConstants.WitnessScaleFactor - 1)) + block.GetSerializedSize(TransactionOptions.All);
    }

    /// <summary>The size of the block serialized without witnesses.</summary>
    public static int StrippedSize(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return block.GetSerializedSize(TransactionOptions.None);
    }

    /// <summary>The coinbase scriptSig prefix BIP34 requires: the height as Core's CScript() &lt;&lt; height writes it.</summary>
    public static byte[] CoinbaseHeightPrefix(int height)
    {
        if (height == 0) return [(byte)OpcodeType.OP_0];
        if (height >= 1 && height <= 16) return [(byte)(height + ((byte)OpcodeType.OP_1 - 1))];
        var number = new List<byte>();
        long value = height;
        bool negative = value < 0;
        ulong abs = (ulong)Math.Abs(value);
        while (abs != 0)
        {
            number.Add((byte)(abs & 0xff));
            abs >>= 8;
        }
        if ((number[^1] & 0x80) != 0) number.Add(negative ? (byte)0x80 : (byte)0);
        else if (negative) number[^1] |= 0x80;
        return Internal.ScriptOps.EncodePush(number.ToArray());
    }
}
