using NBitcoin;
using Bitcoin.Kernel.Consensus.Internal;
using NScriptError = NBitcoin.ScriptError;

namespace Bitcoin.Kernel.Consensus;

/// <summary>
/// Verifies one input's scripts with NBitcoin's interpreter and reports the result in Core's terms (Core's
/// VerifyScript). Where NBitcoin's interpreter differs from Core's, this wrapper corrects it:
/// <list type="bullet">
/// <item>OP_CHECKMULTISIG(VERIFY) executed in a tapscript fails (TAPSCRIPT_CHECKMULTISIG); NBitcoin runs it.</item>
/// <item>NOP2/NOP3 are not discouraged when CLTV/CSV are off, as in current Core (policy flags only).</item>
/// <item>CONST_SCRIPTCODE: OP_CODESEPARATOR in a legacy script fails, ahead of any error after it; a signature found
/// in the script code fails (policy only; the latter is detected when the signature is pushed by the scriptSig).</item>
/// <item>Pay-to-anchor (OP_1 &lt;0x4e73&gt;) spent natively always succeeds, as in Core; NBitcoin takes it for an
/// unknown witness program, which the policy flag DISCOURAGE_UPGRADABLE_WITNESS_PROGRAM rejects.</item>
/// <item>Error codes: SCRIPTNUM, CLEANSTACK for witness scripts, INVALID_STACK_OPERATION for IF on an empty stack,
/// TAPSCRIPT_EMPTY_PUBKEY and TAPSCRIPT_MINIMALIF.</item>
/// </list>
/// One difference cannot be corrected from outside the interpreter: with CHECKLOCKTIMEVERIFY on, NBitcoin evaluates
/// OP_NOP1 as OP_CHECKLOCKTIMEVERIFY, where Core treats it as a NOP. That only makes NBitcoin stricter.
/// </summary>
public static class ScriptVerifier
{
    private const byte OpCheckMultiSig = (byte)OpcodeType.OP_CHECKMULTISIG;
    private const byte OpCheckMultiSigVerify = (byte)OpcodeType.OP_CHECKMULTISIGVERIFY;
    private const byte OpReserved = (byte)OpcodeType.OP_RESERVED;
    private const byte OpCodeSeparator = (byte)OpcodeType.OP_CODESEPARATOR;
    private const byte OpCat = (byte)OpcodeType.OP_CAT;
    private const byte OpVerIf = (byte)OpcodeType.OP_VERIF;

    /// <summary>
    /// Runs scriptSig, scriptPubKey and witness of input <paramref name="inputIndex"/> of <paramref name="tx"/>,
    /// spending <paramref name="spentOutput"/>, under <paramref name="flags"/>. <paramref name="precomputed"/> must be
    /// a <see cref="TaprootReadyPrecomputedTransactionData"/> holding every spent output when a taproot output is
    /// spent. Returns <see cref="ScriptVerifyError.Ok"/> on success. Throws <see cref="ArgumentException"/> for flag
    /// combinations Core asserts against (WITNESS without P2SH, CLEANSTACK without WITNESS).
    /// </summary>
    public static ScriptVerifyError Verify(Transaction tx, int inputIndex, TxOut spentOutput, ScriptVerifyFlags flags,
        PrecomputedTransactionData? precomputed = null)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(spentOutput);
        if ((flags & ScriptVerifyFlags.Witness) != 0 && (flags & ScriptVerifyFlags.P2Sh) == 0)
        {
            throw new ArgumentException("WITNESS requires P2SH.", nameof(flags));
        }
        if ((flags & ScriptVerifyFlags.CleanStack) != 0 && (flags & ScriptVerifyFlags.Witness) == 0)
        {
            throw new ArgumentException("CLEANSTACK requires WITNESS.", nameof(flags));
        }
        var input = tx.Inputs[inputIndex];
        // Core lets a native anchor spend through whatever its witness (policy asks for an empty one elsewhere);
        // with a scriptSig it is malleated, which NBitcoin reports itself.
        if ((flags & ScriptVerifyFlags.Witness) != 0 && input.ScriptSig.Length == 0 && IsPayToAnchor(spentOutput.ScriptPubKey.ToBytes(true)))
        {
            return ScriptVerifyError.Ok;
        }
        var shape = SpendShape.Analyze(input.ScriptSig, spentOutput.ScriptPubKey, input.WitScript ?? WitScript.Empty, flags);
        var checker = new TransactionChecker(tx, inputIndex, spentOutput, precomputed);

        var nbitcoinFlags = flags;
        // Core no longer discourages NOP2/NOP3 when CLTV/CSV are off; NBitcoin does. Without other upgradable NOPs
        // around, dropping the flag gives Core's result.
        if ((flags & ScriptVerifyFlags.DiscourageUpgradableNops) != 0 &&
            ((flags & ScriptVerifyFlags.CheckLockTimeVerify) == 0 || (flags & ScriptVerifyFlags.CheckSequenceVerify) == 0) &&
            !AllScripts(shape).Any(ContainsOtherUpgradableNop))
        {
            nbitcoinFlags &= ~ScriptVerifyFlags.DiscourageUpgradableNops;
        }

        var context = new ScriptEvaluationContext { ScriptVerify = (ScriptVerify)(uint)nbitcoinFlags };
        ScriptVerifyError result;
        try
        {
            result = context.VerifyScript(input.ScriptSig, input.WitScript ?? WitScript.Empty, spentOutput.ScriptPubKey, checker)
                ? ScriptVerifyError.Ok
                : Map(context.Error, context.ThrownException);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            result = ScriptVerifyError.UnknownError;
        }

        result = CheckTapscriptMultiSig(result, shape, nbitcoinFlags, checker);
        result = CheckConstScriptCode(result, shape, flags, tx, inputIndex, spentOutput, nbitcoinFlags, precomputed);
        return Translate(result, shape, nbitcoinFlags, checker);
    }

    private static IEnumerable<byte[]> AllScripts(SpendShape shape)
    {
        foreach (var script in shape.LegacyScripts) yield return script;
        if (shape.WitnessV0Script != null) yield return shape.WitnessV0Script;
        if (shape.Tapscript != null) yield return shape.Tapscript;
    }

    private static bool IsPayToAnchor(byte[] script) =>
        script is [(byte)OpcodeType.OP_1, 0x02, 0x4e, 0x73];

    private static bool ContainsOtherUpgradableNop(byte[] script) =>
        Internal.ScriptOps.Parse(script, out _).Any(o => o.Data == null &&
            (o.Code == (byte)OpcodeType.OP_NOP1 || (o.Code >= (byte)OpcodeType.OP_NOP4 && o.Code <= (byte)OpcodeType.OP_NOP10)));

    // BIP342: OP_CHECKMULTISIG(VERIFY) fails a tapscript when executed. NBitcoin executes it, so replay the tapscript with
    // those opcodes replaced by one that fails when executed: same execution up to the first one reached.
    private static ScriptVerifyError CheckTapscriptMultiSig(ScriptVerifyError result, SpendShape shape, ScriptVerifyFlags flags,
        TransactionChecker checker)
    {
        var tapscript = shape.Tapscript;
        if (tapscript == null || result is ScriptVerifyError.BadOpcode or ScriptVerifyError.WitnessProgramMismatch
                or ScriptVerifyError.TaprootWrongControlSize or ScriptVerifyError.WitnessProgramWitnessEmpty
                or ScriptVerifyError.DiscourageOpSuccess)
        {
            return result;
        }
        var ops = Internal.ScriptOps.Parse(tapscript, out bool complete);
        if (!complete || ops.Any(o => o.Data == null && Internal.ScriptOps.IsOpSuccess(o.Code))) return result;
        if (!ops.Any(o => o.Data == null && o.Code is OpCheckMultiSig or OpCheckMultiSigVerify)) return result;
        // Execution only starts within the initial stack limits (checked before any opcode runs).
        if (shape.ScriptWitnessStack.Length > 1000 || shape.ScriptWitnessStack.Any(e => e.Length > 520)) return result;

        var patched = (byte[])tapscript.Clone();
        foreach (var op in ops)
        {
            if (op.Data == null && op.Code is OpCheckMultiSig or OpCheckMultiSigVerify) patched[op.Offset] = OpReserved;
        }
        var replay = Internal.InterpreterReplay.Run(patched, shape.ScriptWitnessStack, tapscript: true, flags, checker, shape, tapscript);
        return !replay.Success && replay.Error == NScriptError.BadOpCode ? ScriptVerifyError.TapscriptCheckMultiSig : result;
    }

    // CONST_SCRIPTCODE (policy): legacy scripts may not contain OP_CODESEPARATOR, nor contain a signature they check.
    private static ScriptVerifyError CheckConstScriptCode(ScriptVerifyError result, SpendShape shape, ScriptVerifyFlags flags,
        Transaction tx, int inputIndex, TxOut spentOutput, ScriptVerifyFlags nbitcoinFlags, PrecomputedTransactionData? precomputed)
    {
        if ((flags & ScriptVerifyFlags.ConstScriptCode) == 0) return result;
        if (shape.LegacyScripts.Any(s => Internal.ScriptOps.Contains(s, OpCodeSeparator)))
        {
            // Core fails at the first OP_CODESEPARATOR it reads, so that error also wins over a later failure
            // (p2p_invalid_tx.py: "0 0 0 OP_CODESEPARATOR OP_RETURN" must report the separator, not OP_RETURN).
            return result == ScriptVerifyError.Ok || CodeSeparatorFailsFirst(tx, inputIndex, spentOutput, shape, nbitcoinFlags, precomputed)
                ? ScriptVerifyError.OpCodeSeparator
                : result;
        }
        if (result != ScriptVerifyError.Ok) return result;
        // A signature (DER with a hash type) pushed by the scriptSig or by the checking script itself, found again in
        // that script, would be removed by FindAndDelete: Core then fails SIG_FINDANDDELETE.
        var signatures = shape.LegacyScripts
            .SelectMany(script => Internal.ScriptOps.Parse(script, out _).Where(o => o.Data != null).Select(o => o.Data!))
            .Where(LooksLikeSignature)
            .ToList();
        foreach (var scriptCode in shape.LegacyScripts)
        {
            bool checksSignatures = Internal.ScriptOps.Parse(scriptCode, out _).Any(o => o.Data == null &&
                o.Code is (byte)OpcodeType.OP_CHECKSIG or (byte)OpcodeType.OP_CHECKSIGVERIFY or OpCheckMultiSig or OpCheckMultiSigVerify);
            if (!checksSignatures) continue;
            if (signatures.Any(sig => Internal.ScriptOps.ContainsAtOpBoundary(scriptCode, Internal.ScriptOps.EncodePush(sig))))
            {
                return ScriptVerifyError.SigFindAndDelete;
            }
        }
        return result;
    }

    // Core rejects OP_CODESEPARATOR in a legacy script wherever it is read, executed branch or not; NBitcoin has no such
    // rule. Replaying the spend with each such opcode replaced by one that also fails wherever it is read (OP_CAT:
    // disabled; OP_VERIF: bad opcode even unexecuted) tells whether execution gets that far: only if the replays fail
    // with each replacement's own error was the replacement, not an earlier error, what stopped them. One case stays
    // uncaught: a signature checked before the separator covers a script code the replacement changes, so a failing
    // spend that checks a valid signature first keeps its later error.
    private static bool CodeSeparatorFailsFirst(Transaction tx, int inputIndex, TxOut spentOutput, SpendShape shape,
        ScriptVerifyFlags nbitcoinFlags, PrecomputedTransactionData? precomputed) =>
        ReplayWithCodeSeparatorsAs(OpCat, tx, inputIndex, spentOutput, shape, nbitcoinFlags, precomputed) == NScriptError.DisabledOpCode &&
        ReplayWithCodeSeparatorsAs(OpVerIf, tx, inputIndex, spentOutput, shape, nbitcoinFlags, precomputed) == NScriptError.BadOpCode;

    private static NScriptError ReplayWithCodeSeparatorsAs(byte replacement, Transaction tx, int inputIndex, TxOut spentOutput,
        SpendShape shape, ScriptVerifyFlags nbitcoinFlags, PrecomputedTransactionData? precomputed)
    {
        var input = tx.Inputs[inputIndex];
        var scriptSig = ReplaceCodeSeparators(input.ScriptSig.ToBytes(true), replacement);
        var scriptPubKey = ReplaceCodeSeparators(spentOutput.ScriptPubKey.ToBytes(true), replacement);
        if (shape.RedeemScript is { } redeem && Internal.ScriptOps.Contains(redeem, OpCodeSeparator))
        {
            // The redeem script is the scriptSig's last push, so it ends the scriptSig; the replacement keeps its length,
            // and the output is made to commit to the replaced script so the P2SH hash check still passes.
            var replaced = ReplaceCodeSeparators(redeem, replacement);
            replaced.CopyTo(scriptSig, scriptSig.Length - replaced.Length);
            scriptPubKey = Script.FromBytesUnsafe(replaced).Hash.ScriptPubKey.ToBytes(true);
        }
        var output = new TxOut(spentOutput.Value, Script.FromBytesUnsafe(scriptPubKey));
        var context = new ScriptEvaluationContext { ScriptVerify = (ScriptVerify)(uint)nbitcoinFlags };
        try
        {
            return context.VerifyScript(Script.FromBytesUnsafe(scriptSig), input.WitScript ?? WitScript.Empty, output.ScriptPubKey,
                new TransactionChecker(tx, inputIndex, output, precomputed)) ? NScriptError.OK : context.Error;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            return NScriptError.UnknownError;
        }
    }

    private static byte[] ReplaceCodeSeparators(byte[] script, byte replacement)
    {
        var copy = (byte[])script.Clone();
        foreach (var op in Internal.ScriptOps.Parse(script, out _))
        {
            if (op.Data == null && op.Code == OpCodeSeparator) copy[op.Offset] = replacement;
        }
        return copy;
    }

    private static bool LooksLikeSignature(byte[] data) =>
        data.Length >= 9 && data.Length <= 73 && data[0] == 0x30 && data[1] == data.Length - 3;

    // Puts NBitcoin's error codes into Core's where NBitcoin lumps cases together.
    private static ScriptVerifyError Translate(ScriptVerifyError result, SpendShape shape, ScriptVerifyFlags flags, TransactionChecker checker)
    {
        switch (result)
        {
            case ScriptVerifyError.PubKeyType when shape.Tapscript != null:
                return ScriptVerifyError.TapscriptEmptyPubKey;
            case ScriptVerifyError.MinimalIf when shape.Tapscript != null:
                return ScriptVerifyError.TapscriptMinimalIf;
            case ScriptVerifyError.UnbalancedConditional when AllScripts(shape).All(Internal.ScriptOps.ConditionalsBalanced):
                // With every IF closed, the only way left to an unbalanced-conditional report is an IF on an empty stack.
                return ScriptVerifyError.InvalidStackOperation;
            case ScriptVerifyError.EvalFalse or ScriptVerifyError.UnknownError:
                var witnessScript = shape.WitnessV0Script ?? shape.Tapscript;
                if (witnessScript == null) return result;
                var replay = Internal.InterpreterReplay.Run(witnessScript, shape.ScriptWitnessStack, shape.Tapscript != null, flags,
                    checker, shape, witnessScript);
                if (result == ScriptVerifyError.EvalFalse && replay.Success && replay.StackCount != 1) return ScriptVerifyError.CleanStack;
                if (result == ScriptVerifyError.UnknownError && !replay.Success) return Map(replay.Error, replay.Thrown);
                return result;
            default:
                return result;
        }
    }

    private static ScriptVerifyError Map(NScriptError error, Exception? thrown) => error switch
    {
        NScriptError.OK => ScriptVerifyError.Ok,
        NScriptError.UnknownError => thrown is ArgumentException { Message: var m } && m.Contains("script number", StringComparison.Ordinal)
            ? ScriptVerifyError.ScriptNum : ScriptVerifyError.UnknownError,
        NScriptError.EvalFalse => ScriptVerifyError.EvalFalse,
        NScriptError.OpReturn => ScriptVerifyError.OpReturn,
        NScriptError.ScriptSize => ScriptVerifyError.ScriptSize,
        NScriptError.PushSize => ScriptVerifyError.PushSize,
        NScriptError.OpCount => ScriptVerifyError.OpCount,
        NScriptError.StackSize => ScriptVerifyError.StackSize,
        NScriptError.SigCount => ScriptVerifyError.SigCount,
        NScriptError.PubkeyCount => ScriptVerifyError.PubKeyCount,
        NScriptError.Verify => ScriptVerifyError.Verify,
        NScriptError.EqualVerify => ScriptVerifyError.EqualVerify,
        NScriptError.CheckMultiSigVerify => ScriptVerifyError.CheckMultiSigVerify,
        NScriptError.CheckSigVerify => ScriptVerifyError.CheckSigVerify,
        NScriptError.NumEqualVerify => ScriptVerifyError.NumEqualVerify,
        NScriptError.BadOpCode => ScriptVerifyError.BadOpcode,
        NScriptError.DisabledOpCode => ScriptVerifyError.DisabledOpcode,
        NScriptError.InvalidStackOperation => ScriptVerifyError.InvalidStackOperation,
        NScriptError.InvalidAltStackOperation => ScriptVerifyError.InvalidAltStackOperation,
        NScriptError.UnbalancedConditional => ScriptVerifyError.UnbalancedConditional,
        NScriptError.NegativeLockTime => ScriptVerifyError.NegativeLockTime,
        NScriptError.UnsatisfiedLockTime => ScriptVerifyError.UnsatisfiedLockTime,
        NScriptError.SigHashType => ScriptVerifyError.SigHashType,
        NScriptError.SigDer => ScriptVerifyError.SigDer,
        NScriptError.MinimalData => ScriptVerifyError.MinimalData,
        NScriptError.SigPushOnly => ScriptVerifyError.SigPushOnly,
        NScriptError.SigHighS => ScriptVerifyError.SigHighS,
        NScriptError.SigNullDummy => ScriptVerifyError.SigNullDummy,
        NScriptError.PubKeyType => ScriptVerifyError.PubKeyType,
        NScriptError.CleanStack => ScriptVerifyError.CleanStack,
        NScriptError.DiscourageUpgradableNops => ScriptVerifyError.DiscourageUpgradableNops,
        NScriptError.WitnessMalleated => ScriptVerifyError.WitnessMalleated,
        NScriptError.WitnessMalleatedP2SH => ScriptVerifyError.WitnessMalleatedP2Sh,
        NScriptError.WitnessProgramEmpty => ScriptVerifyError.WitnessProgramWitnessEmpty,
        NScriptError.WitnessProgramMissmatch => ScriptVerifyError.WitnessProgramMismatch,
        NScriptError.DiscourageUpgradableWitnessProgram => ScriptVerifyError.DiscourageUpgradableWitnessProgram,
        NScriptError.WitnessProgramWrongLength => ScriptVerifyError.WitnessProgramWrongLength,
        NScriptError.WitnessUnexpected => ScriptVerifyError.WitnessUnexpected,
        NScriptError.NullFail => ScriptVerifyError.SigNullFail,
        NScriptError.MinimalIf => ScriptVerifyError.MinimalIf,
        NScriptError.WitnessPubkeyType => ScriptVerifyError.WitnessPubKeyType,
        NScriptError.SchnorrSigSize => ScriptVerifyError.SchnorrSigSize,
        NScriptError.SchnorrSigHashType => ScriptVerifyError.SchnorrSigHashType,
        NScriptError.SchnorrSig => ScriptVerifyError.SchnorrSig,
        NScriptError.TaprootWrongControlSize => ScriptVerifyError.TaprootWrongControlSize,
        NScriptError.DiscourageUpgradableTaprootVersion => ScriptVerifyError.DiscourageUpgradableTaprootVersion,
        NScriptError.TapscriptValidationWeight => ScriptVerifyError.TapscriptValidationWeight,
        NScriptError.DiscourageUpgradablePubKeyType => ScriptVerifyError.DiscourageUpgradablePubKeyType,
        NScriptError.DiscourageOpSuccess => ScriptVerifyError.DiscourageOpSuccess,
        _ => ScriptVerifyError.UnknownError,
    };
}
