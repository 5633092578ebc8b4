using Bitcoin.Common.Addresses;
using Bitcoin.Kernel.Coins;
using Bitcoin.Kernel.Consensus;
using Bitcoin.Kernel.Policy.Internal;
using NBitcoin;

namespace Bitcoin.Kernel.Policy;

/// <summary>
/// Core's standardness rules (policy/policy.cpp): which output scripts and transactions are relayed and mined, dust,
/// the checks of spent scripts and witnesses, and the sigop-adjusted virtual size.
/// </summary>
public static class StandardPolicy
{
    private const int WitnessScaleFactor = ConsensusConstants.WitnessScaleFactor;

    /// <summary>
    /// The value below which <paramref name="output"/> is dust at <paramref name="dustRelayFee"/>: what spending it
    /// would cost (148 bytes of input for legacy outputs, 67 for witness programs, plus the output itself). Zero for
    /// unspendable outputs.
    /// </summary>
    public static long GetDustThreshold(TxOut output, TxFeeRate dustRelayFee)
    {
        ArgumentNullException.ThrowIfNull(output);
        var script = output.ScriptPubKey.ToBytes(true);
        if (PolicyScripts.IsUnspendable(script)) return 0;
        int size = PolicyScripts.SerializedSize(output);
        // Outpoint, scriptSig length, sequence, and a signature with key (witness-discounted for witness programs).
        size += PolicyScripts.IsWitnessProgram(script, out _, out _) ? 32 + 4 + 1 + (107 / WitnessScaleFactor) + 4 : 32 + 4 + 1 + 107 + 4;
        return dustRelayFee.GetFee(size);
    }

    /// <summary>True when the output's value is below its <see cref="GetDustThreshold"/>.</summary>
    public static bool IsDust(TxOut output, TxFeeRate dustRelayFee) => output.Value.Satoshi < GetDustThreshold(output, dustRelayFee);

    /// <summary>The indexes of the dust outputs of <paramref name="tx"/>.</summary>
    public static List<int> GetDust(Transaction tx, TxFeeRate dustRelayFee)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var dust = new List<int>();
        for (int i = 0; i < tx.Outputs.Count; i++)
        {
            if (IsDust(tx.Outputs[i], dustRelayFee)) dust.Add(i);
        }
        return dust;
    }

    /// <summary>Core's IsStandard for an output script: a known type, and bare multisig only 1-of-1 up to 3-of-3.</summary>
    public static bool IsStandard(Script scriptPubKey, out TxoutType type)
    {
        ArgumentNullException.ThrowIfNull(scriptPubKey);
        type = ScriptSolver.Solve(scriptPubKey, out var solutions);
        if (type == TxoutType.NonStandard) return false;
        if (type == TxoutType.Multisig)
        {
            int m = solutions[0][0];
            int n = solutions[^1][0];
            if (n < 1 || n > 3) return false;
            if (m < 1 || m > n) return false;
        }
        return true;
    }

    /// <summary>
    /// Core's IsStandardTx: version, weight, scriptSig size and push-only, standard outputs, data carrier budget
    /// (<paramref name="maxDatacarrierBytes"/>, null: none allowed), bare multisig and at most one dust output. On
    /// failure <paramref name="reason"/> is Core's reject reason ("version", "tx-size", "scriptsig-size",
    /// "scriptsig-not-pushonly", "scriptpubkey", "datacarrier", "bare-multisig", "dust").
    /// </summary>
    public static bool IsStandardTx(Transaction tx, int? maxDatacarrierBytes, bool permitBareMultisig, TxFeeRate dustRelayFee, out string reason)
    {
        ArgumentNullException.ThrowIfNull(tx);
        reason = "";
        // NBitcoin keeps the version unsigned; Core compares it as a signed 32-bit number.
        int version = unchecked((int)tx.Version);
        if (version > PolicyConstants.TxMaxStandardVersion || version < PolicyConstants.TxMinStandardVersion)
        {
            reason = "version";
            return false;
        }
        if (TxChecks.GetTransactionWeight(tx) > PolicyConstants.MaxStandardTxWeight)
        {
            reason = "tx-size";
            return false;
        }
        foreach (var input in tx.Inputs)
        {
            var scriptSig = input.ScriptSig.ToBytes(true);
            if (scriptSig.Length > PolicyConstants.MaxStandardScriptSigSize)
            {
                reason = "scriptsig-size";
                return false;
            }
            if (!PolicyScripts.IsPushOnly(scriptSig))
            {
                reason = "scriptsig-not-pushonly";
                return false;
            }
        }

        long dataCarrierBytesLeft = maxDatacarrierBytes ?? 0;
        foreach (var output in tx.Outputs)
        {
            if (!IsStandard(output.ScriptPubKey, out var type))
            {
                reason = "scriptpubkey";
                return false;
            }
            if (type == TxoutType.NullData)
            {
                int size = output.ScriptPubKey.Length;
                if (size > dataCarrierBytesLeft)
                {
                    reason = "datacarrier";
                    return false;
                }
                dataCarrierBytesLeft -= size;
            }
            else if (type == TxoutType.Multisig && !permitBareMultisig)
            {
                reason = "bare-multisig";
                return false;
            }
        }

        // One dust output is allowed (ephemeral dust, checked further in the mempool).
        if (GetDust(tx, dustRelayFee).Count > PolicyConstants.MaxDustOutputsPerTx)
        {
            reason = "dust";
            return false;
        }
        return true;
    }

    /// <summary>
    /// Core's ValidateInputsStandardness: the BIP54 limit on non-witness sigops, and for each input a spent script of
    /// a known type (not an unknown witness version) and, for P2SH, a redeem script with at most 15 sigops. Returns a
    /// valid state or "bad-txns-nonstandard-inputs" with Core's details. <paramref name="coins"/> must hold every spent coin.
    /// </summary>
    public static TxValidationState ValidateInputsStandardness(Transaction tx, ICoinsView coins)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(coins);
        var state = new TxValidationState();
        if (tx.IsCoinBase) return state;

        if (!CheckSigOpsBip54(tx, coins))
        {
            state.Invalid(TxValidationResult.InputsNotStandard, "bad-txns-nonstandard-inputs", "non-witness sigops exceed bip54 limit");
            return state;
        }

        for (int i = 0; i < tx.Inputs.Count; i++)
        {
            var prev = SpentOutput(coins, tx.Inputs[i].PrevOut);
            var type = ScriptSolver.Solve(prev.ScriptPubKey, out _);
            if (type == TxoutType.NonStandard)
            {
                state.Invalid(TxValidationResult.InputsNotStandard, "bad-txns-nonstandard-inputs", $"input {i} script unknown");
                return state;
            }
            if (type == TxoutType.WitnessUnknown)
            {
                state.Invalid(TxValidationResult.InputsNotStandard, "bad-txns-nonstandard-inputs", $"input {i} witness program is undefined");
                return state;
            }
            if (type == TxoutType.ScriptHash)
            {
                if (!PolicyScripts.TryEvalPushes(tx.Inputs[i].ScriptSig.ToBytes(true), out var stack, out var error))
                {
                    state.Invalid(TxValidationResult.InputsNotStandard, "bad-txns-nonstandard-inputs",
                        $"p2sh scriptsig malformed (input {i}: {ScriptVerifyErrors.Message(error)})");
                    return state;
                }
                if (stack.Count == 0)
                {
                    state.Invalid(TxValidationResult.InputsNotStandard, "bad-txns-nonstandard-inputs", $"input {i} P2SH redeemscript missing");
                    return state;
                }
                int sigOps = SigOps.GetSigOpCount(Script.FromBytesUnsafe(stack[^1]), true);
                if (sigOps > PolicyConstants.MaxP2ShSigOps)
                {
                    state.Invalid(TxValidationResult.InputsNotStandard, "bad-txns-nonstandard-inputs",
                        $"p2sh redeemscript sigops exceed limit (input {i}: {sigOps} > {PolicyConstants.MaxP2ShSigOps})");
                    return state;
                }
            }
        }
        return state;
    }

    /// <summary>
    /// Core's IsWitnessStandard: no witness on anchors or non-witness spends, P2WSH within 3600 bytes of script and 100
    /// items of at most 80 bytes, no annex, and tapscript items of at most 80 bytes.
    /// </summary>
    public static bool IsWitnessStandard(Transaction tx, ICoinsView coins)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(coins);
        if (tx.IsCoinBase) return true;
        for (int i = 0; i < tx.Inputs.Count; i++)
        {
            var input = tx.Inputs[i];
            var witness = input.WitScript is { PushCount: > 0 } w ? w.Pushes.ToArray() : [];
            if (witness.Length == 0) continue;

            var prevScript = SpentOutput(coins, input.PrevOut).ScriptPubKey.ToBytes(true);
            if (PolicyScripts.IsPayToAnchor(prevScript)) return false;

            bool p2sh = false;
            if (PolicyScripts.IsPayToScriptHash(prevScript))
            {
                if (!PolicyScripts.TryEvalPushes(input.ScriptSig.ToBytes(true), out var stack, out _)) return false;
                if (stack.Count == 0) return false;
                prevScript = stack[^1];
                p2sh = true;
            }

            if (!PolicyScripts.IsWitnessProgram(prevScript, out int version, out var program)) return false;

            if (version == 0 && program.Length == 32)
            {
                if (witness[^1].Length > PolicyConstants.MaxStandardP2WshScriptSize) return false;
                int items = witness.Length - 1;
                if (items > PolicyConstants.MaxStandardP2WshStackItems) return false;
                for (int j = 0; j < items; j++)
                {
                    if (witness[j].Length > PolicyConstants.MaxStandardP2WshStackItemSize) return false;
                }
            }

            if (version == 1 && program.Length == 32 && !p2sh)
            {
                if (PolicyScripts.HasAnnex(witness)) return false;
                if (witness.Length >= 2)
                {
                    var control = witness[^1];
                    if (control.Length == 0) return false;
                    // Leaf version 0xc0 is tapscript: its stack items are limited.
                    if ((control[0] & 0xfe) == 0xc0)
                    {
                        for (int j = 0; j < witness.Length - 2; j++)
                        {
                            if (witness[j].Length > PolicyConstants.MaxStandardTapscriptStackItemSize) return false;
                        }
                    }
                }
                else if (witness.Length != 1)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>
    /// Core's SpendsNonAnchorWitnessProg: true when an input spends a witness program other than P2A, directly or
    /// through P2SH (so a failure without witness may be a stripped witness).
    /// </summary>
    public static bool SpendsNonAnchorWitnessProg(Transaction tx, ICoinsView coins)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(coins);
        if (tx.IsCoinBase) return false;
        foreach (var input in tx.Inputs)
        {
            var prev = SpentOutput(coins, input.PrevOut).ScriptPubKey.ToBytes(true);
            if (PolicyScripts.IsWitnessProgram(prev, out _, out _) && !PolicyScripts.IsPayToAnchor(prev)) return true;
            if (PolicyScripts.IsPayToScriptHash(prev))
            {
                if (!PolicyScripts.TryEvalPushes(input.ScriptSig.ToBytes(true), out var stack, out _) || stack.Count == 0) continue;
                if (PolicyScripts.IsWitnessProgram(stack[^1], out _, out _)) return true;
            }
        }
        return false;
    }

    /// <summary>Core's CScript::IsUnspendable: the script starts with OP_RETURN or is larger than 10000 bytes.</summary>
    public static bool IsUnspendable(Script script) => PolicyScripts.IsUnspendable(script.ToBytes(true));

    /// <summary>Core's CScript::HasValidOps: every operation parses, is a known opcode and pushes at most 520 bytes.</summary>
    public static bool HasValidOps(Script script) => PolicyScripts.HasValidOps(script.ToBytes(true));

    /// <summary>The weight counted for a transaction: the larger of its weight and its sigop cost times <paramref name="bytesPerSigOp"/>.</summary>
    public static long GetSigOpsAdjustedWeight(long weight, long sigOpCost, int bytesPerSigOp) => Math.Max(weight, sigOpCost * bytesPerSigOp);

    /// <summary>The sigop-adjusted virtual size: adjusted weight divided by four, rounded up (Core's GetVirtualTransactionSize).</summary>
    public static long GetVirtualTransactionSize(long weight, long sigOpCost, int bytesPerSigOp) =>
        (GetSigOpsAdjustedWeight(weight, sigOpCost, bytesPerSigOp) + WitnessScaleFactor - 1) / WitnessScaleFactor;

    /// <summary>The BIP141 virtual size of <paramref name="tx"/> (no sigop adjustment).</summary>
    public static long GetVirtualTransactionSize(Transaction tx) => GetVirtualTransactionSize(TxChecks.GetTransactionWeight(tx), 0, 0);

    // BIP54: the non-witness sigops of all inputs, counting spent scripts accurately, stay within 2500.
    private static bool CheckSigOpsBip54(Transaction tx, ICoinsView coins)
    {
        long sigOps = 0;
        foreach (var input in tx.Inputs)
        {
            var prev = SpentOutput(coins, input.PrevOut);
            sigOps += SigOps.GetSigOpCount(input.ScriptSig, true);
            sigOps += SigOps.GetP2ShSigOpCount(prev.ScriptPubKey, input.ScriptSig);
            if (sigOps > PolicyConstants.MaxTxLegacySigOps) return false;
        }
        return true;
    }

    private static TxOut SpentOutput(ICoinsView coins, OutPoint outpoint) =>
        coins.GetCoin(outpoint)?.Output ?? throw new InvalidOperationException($"Spent coin {outpoint} is not in the view.");
}
