using NBitcoin;

namespace Bitcoin.Kernel.Consensus;

/// <summary>Core's CheckInputScripts: verifies (or queues) the script checks of a transaction's inputs.</summary>
public static class ScriptChecks
{
    /// <summary>Flags standard transactions comply with (Core's STANDARD_SCRIPT_VERIFY_FLAGS).</summary>
    public const ScriptVerifyFlags Standard = ScriptFlags.Mandatory | ScriptVerifyFlags.StrictEnc | ScriptVerifyFlags.MinimalData |
        ScriptVerifyFlags.DiscourageUpgradableNops | ScriptVerifyFlags.CleanStack | ScriptVerifyFlags.MinimalIf |
        ScriptVerifyFlags.NullFail | ScriptVerifyFlags.LowS | ScriptVerifyFlags.DiscourageUpgradableWitnessProgram |
        ScriptVerifyFlags.WitnessPubKeyType | ScriptVerifyFlags.ConstScriptCode | ScriptVerifyFlags.DiscourageUpgradableTaprootVersion |
        ScriptVerifyFlags.DiscourageOpSuccess | ScriptVerifyFlags.DiscourageUpgradablePubKeyType;

    /// <summary>Standard but not mandatory flags (Core's STANDARD_NOT_MANDATORY_VERIFY_FLAGS).</summary>
    public const ScriptVerifyFlags StandardNotMandatory = Standard & ~ScriptFlags.Mandatory;

    /// <summary>Sighash data for a transaction with all its spent outputs (in input order), shareable between threads.</summary>
    public static PrecomputedTransactionData Precompute(Transaction tx, IReadOnlyList<TxOut> spentOutputs)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(spentOutputs);
        return new TaprootReadyPrecomputedTransactionData(tx, spentOutputs.ToArray());
    }

    /// <summary>
    /// Checks every input script of <paramref name="tx"/> (nothing for a coinbase). A transaction found in
    /// <paramref name="cache"/> under <paramref name="flags"/> is not checked again. With <paramref name="queue"/>,
    /// the checks are appended to it instead of run (the caller runs them, e.g. on a <see cref="ScriptCheckQueue"/>).
    /// When run here and all pass, <paramref name="cacheFullScriptStore"/> stores the result; a cache hit erases the
    /// entry unless <paramref name="cacheFullScriptStore"/>. On failure the state gets Core's reason:
    /// "mempool-script-verify-flag-failed (...)" when <paramref name="flags"/> include policy flags (not standard),
    /// else "block-script-verify-flag-failed (...)" (consensus).
    /// </summary>
    public static bool CheckInputScripts(Transaction tx, TxValidationState state, IReadOnlyList<TxOut> spentOutputs,
        ScriptVerifyFlags flags, bool cacheFullScriptStore, PrecomputedTransactionData? precomputed, ValidationCache? cache,
        List<ScriptCheck>? queue = null)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(spentOutputs);
        if (tx.IsCoinBase) return true;
        if (spentOutputs.Count != tx.Inputs.Count) throw new ArgumentException("One spent output per input is needed.", nameof(spentOutputs));

        UInt256Key key = default;
        if (cache != null)
        {
            key = cache.KeyFor(tx, flags);
            if (cache.Contains(key, erase: !cacheFullScriptStore)) return true;
        }

        precomputed ??= Precompute(tx, spentOutputs);
        for (int i = 0; i < tx.Inputs.Count; i++)
        {
            var check = new ScriptCheck(tx, i, spentOutputs[i], flags, precomputed);
            if (queue != null)
            {
                queue.Add(check);
                continue;
            }
            var failure = check.Run();
            if (failure != null)
            {
                // Transaction failures never ban peers: policy flags or new soft forks may be why.
                return (flags & StandardNotMandatory) != 0
                    ? state.Invalid(TxValidationResult.NotStandard, $"mempool-script-verify-flag-failed ({ScriptVerifyErrors.Message(failure.Error)})", failure.DebugMessage)
                    : state.Invalid(TxValidationResult.Consensus, failure.BlockRejectReason, failure.DebugMessage);
            }
        }
        if (cacheFullScriptStore && queue == null) cache?.Insert(key);
        return true;
    }
}
