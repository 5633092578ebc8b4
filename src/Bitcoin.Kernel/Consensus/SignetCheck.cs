using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Consensus.Internal;
using NBitcoin;

namespace Bitcoin.Kernel.Consensus;

/// <summary>
/// BIP325 signet block solutions (Core's signet.cpp): the coinbase witness commitment carries, after the 4-byte
/// signet header, a scriptSig and witness that must satisfy the chain's challenge for a virtual transaction that
/// commits to the block.
/// </summary>
public static class SignetCheck
{
    private static readonly byte[] SignetHeader = [0xec, 0xc7, 0xda, 0xa2];

    private const ScriptVerifyFlags BlockScriptVerifyFlags =
        ScriptVerifyFlags.P2Sh | ScriptVerifyFlags.Witness | ScriptVerifyFlags.DerSig | ScriptVerifyFlags.NullDummy;

    /// <summary>True when the block solves the chain's signet challenge (the genesis block always does).</summary>
    public static bool CheckSignetBlockSolution(Block block, ConsensusParams consensus)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(consensus);
        if (block.GetHash() == consensus.HashGenesisBlock) return true;
        var challenge = Script.FromBytesUnsafe(consensus.SignetChallenge.ToArray());
        var txs = CreateSignetTransactions(block, challenge);
        if (txs == null) return false;
        var (toSpend, toSign) = txs.Value;
        var spent = toSpend.Outputs[0];
        var precomputed = new TaprootReadyPrecomputedTransactionData(toSign, [spent]);
        return ScriptVerifier.Verify(toSign, 0, spent, BlockScriptVerifyFlags, precomputed) == ScriptVerifyError.Ok;
    }

    /// <summary>
    /// The virtual transactions of BIP325: one spending a fake coin to the challenge with the block data, one spending
    /// it with the block's solution. Null when the block has no witness commitment or the solution does not parse.
    /// </summary>
    public static (Transaction ToSpend, Transaction ToSign)? CreateSignetTransactions(Block block, Script challenge)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(challenge);
        if (block.Transactions.Count == 0) return null;
        int commitmentIndex = WitnessCommitment.GetWitnessCommitmentIndex(block);
        if (commitmentIndex == WitnessCommitment.NoWitnessCommitment) return null;

        var modifiedCoinbase = block.Transactions[0].Clone();
        var commitment = modifiedCoinbase.Outputs[commitmentIndex].ScriptPubKey.ToBytes(true);
        var solution = FetchAndClearCommitmentSection(ref commitment);
        modifiedCoinbase.Outputs[commitmentIndex].ScriptPubKey = Script.FromBytesUnsafe(commitment);

        var toSign = Transaction.Create(Network.Main);
        toSign.Version = 0;
        toSign.LockTime = LockTime.Zero;
        var signInput = new TxIn(new OutPoint(uint256.Zero, uint.MaxValue)) { Sequence = 0 };
        toSign.Inputs.Add(signInput);
        toSign.Outputs.Add(new TxOut(Money.Zero, Script.FromBytesUnsafe([(byte)OpcodeType.OP_RETURN])));
        if (solution != null)
        {
            // The solution is a serialized scriptSig followed by a serialized witness stack, and nothing else.
            try
            {
                using var ms = new MemoryStream(solution);
                var stream = new BitcoinStream(ms, false);
                byte[] scriptSig = [];
                stream.ReadWriteAsVarString(ref scriptSig);
                ulong count = 0;
                stream.ReadWriteAsVarInt(ref count);
                var items = new List<byte[]>();
                for (ulong i = 0; i < count; i++)
                {
                    byte[] item = [];
                    stream.ReadWriteAsVarString(ref item);
                    items.Add(item);
                }
                if (ms.Position != ms.Length) return null;
                signInput.ScriptSig = Script.FromBytesUnsafe(scriptSig);
                signInput.WitScript = new WitScript(items.ToArray());
            }
            catch (Exception ex) when (ex is EndOfStreamException or FormatException or ArgumentException or OverflowException)
            {
                return null;
            }
        }

        var leaves = new List<uint256> { modifiedCoinbase.GetHash() };
        for (int i = 1; i < block.Transactions.Count; i++) leaves.Add(block.Transactions[i].GetHash());
        var signetMerkle = Merkle.ComputeMerkleRoot(leaves);

        // Block data: version, previous hash, the modified merkle root and time (72 bytes).
        var blockData = new byte[4 + 32 + 32 + 4];
        BitConverter.TryWriteBytes(blockData.AsSpan(0, 4), block.Header.Version);
        block.Header.HashPrevBlock.ToBytes(blockData.AsSpan(4, 32));
        signetMerkle.ToBytes(blockData.AsSpan(36, 32));
        BitConverter.TryWriteBytes(blockData.AsSpan(68, 4), (uint)block.Header.BlockTime.ToUnixTimeSeconds());

        var toSpend = Transaction.Create(Network.Main);
        toSpend.Version = 0;
        toSpend.LockTime = LockTime.Zero;
        var spendScript = new List<byte> { (byte)OpcodeType.OP_0 };
        spendScript.AddRange(ScriptOps.EncodePush(blockData));
        toSpend.Inputs.Add(new TxIn(new OutPoint(uint256.Zero, uint.MaxValue), Script.FromBytesUnsafe(spendScript.ToArray())) { Sequence = 0 });
        toSpend.Outputs.Add(new TxOut(Money.Zero, challenge));
        signInput.PrevOut = new OutPoint(toSpend.GetHash(), 0);
        return (toSpend, toSign);
    }

    // Finds the first push starting with the signet header and carrying more data; returns that data and truncates the
    // push to the header (re-encoding every operation as Core's CScript << does).
    private static byte[]? FetchAndClearCommitmentSection(ref byte[] commitment)
    {
        var ops = ScriptOps.Parse(commitment, out _);
        byte[]? result = null;
        var replacement = new List<byte>();
        foreach (var op in ops)
        {
            if (op.Data is { Length: > 0 } data)
            {
                if (result == null && data.Length > SignetHeader.Length && data.AsSpan(0, SignetHeader.Length).SequenceEqual(SignetHeader))
                {
                    result = data[SignetHeader.Length..];
                    data = SignetHeader.ToArray();
                }
                replacement.AddRange(ScriptOps.EncodePush(data));
            }
            else
            {
                // Opcodes, and empty pushes, are written back as the bare opcode byte (as Core's CScript << opcode).
                replacement.Add(op.Code);
            }
        }
        if (result != null) commitment = replacement.ToArray();
        return result;
    }
}
