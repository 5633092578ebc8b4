using Bitcoin.Kernel.Consensus.Internal;
using NBitcoin;

namespace Bitcoin.Kernel.Consensus;

/// <summary>Signature-operation counting, as Core's GetSigOpCount, GetLegacySigOpCount, GetP2SHSigOpCount and GetTransactionSigOpCost.</summary>
public static class SigOps
{
    /// <summary>Multisig counts as this many when the key count is not known.</summary>
    public const int MaxPubKeysPerMultisig = 20;

    /// <summary>
    /// Sigops in a script: CHECKSIG(VERIFY) counts one, CHECKMULTISIG(VERIFY) counts 20, or (when
    /// <paramref name="accurate"/>) the key count of a preceding OP_1..OP_16. Counting stops at a truncated push.
    /// </summary>
    public static int GetSigOpCount(Script script, bool accurate)
    {
        ArgumentNullException.ThrowIfNull(script);
        return GetSigOpCount(script.ToBytes(true), accurate);
    }

    /// <summary>
    /// Sigops of a P2SH spend: those of the redeem script (the last push of a push-only scriptSig); for other
    /// scripts, the accurate count of <paramref name="scriptPubKey"/>.
    /// </summary>
    public static int GetP2ShSigOpCount(Script scriptPubKey, Script scriptSig)
    {
        ArgumentNullException.ThrowIfNull(scriptPubKey);
        ArgumentNullException.ThrowIfNull(scriptSig);
        if (!scriptPubKey.IsScriptType(ScriptType.P2SH)) return GetSigOpCount(scriptPubKey, true);
        var last = LastPushIfPushOnly(scriptSig.ToBytes(true));
        return last == null ? 0 : GetSigOpCount(last, true);
    }

    /// <summary>Sigops counted the legacy way (inaccurate multisig) over all input and output scripts.</summary>
    public static int GetLegacySigOpCount(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        int count = 0;
        foreach (var input in tx.Inputs) count += GetSigOpCount(input.ScriptSig, false);
        foreach (var output in tx.Outputs) count += GetSigOpCount(output.ScriptPubKey, false);
        return count;
    }

    /// <summary>Sigops in the redeem scripts of P2SH inputs; <paramref name="spentOutputs"/> are in input order.</summary>
    public static int GetP2ShSigOpCount(Transaction tx, IReadOnlyList<TxOut> spentOutputs)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(spentOutputs);
        if (tx.IsCoinBase) return 0;
        int count = 0;
        for (int i = 0; i < tx.Inputs.Count; i++)
        {
            var prevout = spentOutputs[i];
            if (prevout.ScriptPubKey.IsScriptType(ScriptType.P2SH)) count += GetP2ShSigOpCount(prevout.ScriptPubKey, tx.Inputs[i].ScriptSig);
        }
        return count;
    }

    /// <summary>Witness sigops of one input (Core's CountWitnessSigOps); zero unless WITNESS is in <paramref name="flags"/>.</summary>
    public static int CountWitnessSigOps(Script scriptSig, Script scriptPubKey, WitScript witness, ScriptVerifyFlags flags)
    {
        ArgumentNullException.ThrowIfNull(scriptSig);
        ArgumentNullException.ThrowIfNull(scriptPubKey);
        if ((flags & ScriptVerifyFlags.Witness) == 0) return 0;
        witness ??= WitScript.Empty;
        var pubKeyBytes = scriptPubKey.ToBytes(true);
        if (IsWitnessProgram(pubKeyBytes, out int version, out int programLength)) return WitnessSigOps(version, programLength, witness);
        if (scriptPubKey.IsScriptType(ScriptType.P2SH))
        {
            var last = LastPushIfPushOnly(scriptSig.ToBytes(true));
            if (last != null && IsWitnessProgram(last, out version, out programLength)) return WitnessSigOps(version, programLength, witness);
        }
        return 0;
    }

    /// <summary>
    /// The weighted sigop cost of a transaction (Core's GetTransactionSigOpCost): legacy sigops times four, plus P2SH
    /// sigops times four when P2SH is in <paramref name="flags"/>, plus witness sigops. <paramref name="spentOutputs"/>
    /// (in input order) are ignored for a coinbase.
    /// </summary>
    public static long GetTransactionSigOpCost(Transaction tx, IReadOnlyList<TxOut> spentOutputs, ScriptVerifyFlags flags)
    {
        ArgumentNullException.ThrowIfNull(tx);
        long cost = (long)GetLegacySigOpCount(tx) * ConsensusConstants.WitnessScaleFactor;
        if (tx.IsCoinBase) return cost;
        ArgumentNullException.ThrowIfNull(spentOutputs);
        if ((flags & ScriptVerifyFlags.P2Sh) != 0) cost += (long)GetP2ShSigOpCount(tx, spentOutputs) * ConsensusConstants.WitnessScaleFactor;
        for (int i = 0; i < tx.Inputs.Count; i++)
        {
            var input = tx.Inputs[i];
            cost += CountWitnessSigOps(input.ScriptSig, spentOutputs[i].ScriptPubKey, input.WitScript, flags);
        }
        return cost;
    }

    private static int GetSigOpCount(byte[] script, bool accurate)
    {
        int count = 0;
        byte lastOpcode = 0xff; // OP_INVALIDOPCODE
        foreach (var op in ScriptOps.Parse(script, out _))
        {
            if (op.Data == null)
            {
                if (op.Code is (byte)OpcodeType.OP_CHECKSIG or (byte)OpcodeType.OP_CHECKSIGVERIFY)
                {
                    count++;
                }
                else if (op.Code is (byte)OpcodeType.OP_CHECKMULTISIG or (byte)OpcodeType.OP_CHECKMULTISIGVERIFY)
                {
                    count += accurate && lastOpcode >= (byte)OpcodeType.OP_1 && lastOpcode <= (byte)OpcodeType.OP_16
                        ? lastOpcode - ((byte)OpcodeType.OP_1 - 1)
                        : MaxPubKeysPerMultisig;
                }
            }
            lastOpcode = op.Code;
        }
        return count;
    }

    // The data of the last operation of a push-only script (opcodes up to OP_16; OP_N push no data here, as in Core).
    private static byte[]? LastPushIfPushOnly(byte[] scriptSig)
    {
        var ops = ScriptOps.Parse(scriptSig, out bool complete);
        if (ops.Any(o => o.Code > (byte)OpcodeType.OP_16)) return null;
        // A truncated push fails Core's IsPushOnly too.
        if (!complete) return null;
        return ops.Count == 0 ? [] : ops[^1].Data ?? [];
    }

    private static bool IsWitnessProgram(byte[] script, out int version, out int programLength)
    {
        version = -1;
        programLength = 0;
        if (script.Length < 4 || script.Length > 42) return false;
        if (script[0] != 0 && (script[0] < (byte)OpcodeType.OP_1 || script[0] > (byte)OpcodeType.OP_16)) return false;
        if (script[1] + 2 != script.Length) return false;
        version = script[0] == 0 ? 0 : script[0] - ((byte)OpcodeType.OP_1 - 1);
        programLength = script[1];
        return true;
    }

    private static int WitnessSigOps(int version, int programLength, WitScript witness)
    {
        if (version != 0) return 0;
        if (programLength == 20) return 1;
        if (programLength == 32 && witness.PushCount > 0) return GetSigOpCount(witness.Pushes.Last(), true);
        return 0;
    }
}
