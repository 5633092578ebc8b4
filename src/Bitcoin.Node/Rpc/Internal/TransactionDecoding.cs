using Bitcoin.Common.Rpc;
using NBitcoin;

namespace Bitcoin.Node.Rpc.Internal;

/// <summary>
/// Hex to a transaction as Core's DecodeHexTx reads it: both the extended (witness) and the legacy serialization
/// are tried, only readings that use every byte count, and when both work the one whose scripts parse is preferred
/// (the extended one if both or neither do).
/// </summary>
internal static class TransactionDecoding
{
    private const int MaxScriptSize = 10_000;
    private const int MaxScriptElementSize = 520;
    private const byte MaxOpcode = (byte)OpcodeType.OP_CHECKSIGADD;

    public static bool TryDecode(string hex, Network network, out Transaction transaction, bool tryNoWitness = true, bool tryWitness = true)
    {
        transaction = network.CreateTransaction();
        if (!RpcParse.IsHex(hex)) return false;
        var data = Convert.FromHexString(hex);

        Transaction? extended = tryWitness ? TryRead(data, network, TransactionOptions.All) : null;
        if (extended is not null && ScriptsLookSane(extended))
        {
            transaction = extended;
            return true;
        }
        Transaction? legacy = tryNoWitness ? TryRead(data, network, TransactionOptions.None) : null;
        if (legacy is not null && ScriptsLookSane(legacy))
        {
            transaction = legacy;
            return true;
        }
        var chosen = extended ?? legacy;
        if (chosen is null) return false;
        transaction = chosen;
        return true;
    }

    private static Transaction? TryRead(byte[] data, Network network, TransactionOptions options)
    {
        try
        {
            var stream = new BitcoinStream(data) { TransactionOptions = options, ConsensusFactory = network.Consensus.ConsensusFactory };
            var tx = network.CreateTransaction();
            tx.ReadWrite(stream);
            return stream.Inner.Position == data.Length ? tx : null;
        }
        catch (Exception e) when (e is FormatException or EndOfStreamException or ArgumentException or InvalidOperationException or OverflowException or IOException)
        {
            return null;
        }
    }

    // Core's CheckTxScriptsSanity: every script (except a coinbase's scriptSig) parses and uses known opcodes.
    private static bool ScriptsLookSane(Transaction tx)
    {
        if (!tx.IsCoinBase)
        {
            foreach (var input in tx.Inputs)
            {
                if (!HasValidOps(input.ScriptSig.ToBytes(true))) return false;
            }
        }
        foreach (var output in tx.Outputs)
        {
            if (!HasValidOps(output.ScriptPubKey.ToBytes(true))) return false;
        }
        return true;
    }

    /// <summary>Core's CScript::HasValidOps plus its size limit: pushes are complete and at most 520 bytes, every opcode is defined.</summary>
    internal static bool HasValidOps(ReadOnlySpan<byte> script)
    {
        if (script.Length > MaxScriptSize) return false;
        int pc = 0;
        while (pc < script.Length)
        {
            byte opcode = script[pc++];
            long size = 0;
            if (opcode < (byte)OpcodeType.OP_PUSHDATA1) size = opcode;
            else if (opcode == (byte)OpcodeType.OP_PUSHDATA1)
            {
                if (script.Length - pc < 1) return false;
                size = script[pc];
                pc += 1;
            }
            else if (opcode == (byte)OpcodeType.OP_PUSHDATA2)
            {
                if (script.Length - pc < 2) return false;
                size = script[pc] | (script[pc + 1] << 8);
                pc += 2;
            }
            else if (opcode == (byte)OpcodeType.OP_PUSHDATA4)
            {
                if (script.Length - pc < 4) return false;
                size = (uint)(script[pc] | (script[pc + 1] << 8) | (script[pc + 2] << 16) | (script[pc + 3] << 24));
                pc += 4;
            }
            else if (opcode > MaxOpcode) return false;
            if (size > script.Length - pc || size > MaxScriptElementSize) return false;
            pc += (int)size;
        }
        return true;
    }
}
