using NBitcoin;

namespace Bitcoin.Kernel.Consensus;

/// <summary>
/// The script check of one input (Core's CScriptCheck): everything needed to verify it later, on any thread. The
/// transaction and precomputed data are shared read-only between the checks of a transaction.
/// </summary>
public sealed class ScriptCheck
{
    /// <summary>Creates a check of input <paramref name="inputIndex"/> of <paramref name="tx"/>.</summary>
    public ScriptCheck(Transaction tx, int inputIndex, TxOut spentOutput, ScriptVerifyFlags flags, PrecomputedTransactionData precomputed)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(spentOutput);
        ArgumentNullException.ThrowIfNull(precomputed);
        ArgumentOutOfRangeException.ThrowIfNegative(inputIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(inputIndex, tx.Inputs.Count);
        Transaction = tx;
        InputIndex = inputIndex;
        SpentOutput = spentOutput;
        Flags = flags;
        Precomputed = precomputed;
    }

    /// <summary>The spending transaction.</summary>
    public Transaction Transaction { get; }

    /// <summary>Which input is checked.</summary>
    public int InputIndex { get; }

    /// <summary>The output it spends.</summary>
    public TxOut SpentOutput { get; }

    /// <summary>The flags to verify under.</summary>
    public ScriptVerifyFlags Flags { get; }

    /// <summary>Sighash data shared by the transaction's inputs (with all spent outputs, for taproot).</summary>
    public PrecomputedTransactionData Precomputed { get; }

    /// <summary>Verifies the input; null on success, otherwise the error and Core's debug text.</summary>
    public ScriptCheckError? Run()
    {
        var error = ScriptVerifier.Verify(Transaction, InputIndex, SpentOutput, Flags, Precomputed);
        if (error == ScriptVerifyError.Ok) return null;
        var prevout = Transaction.Inputs[InputIndex].PrevOut;
        return new ScriptCheckError(error,
            $"input {InputIndex} of {Transaction.GetHash()} (wtxid {Transaction.GetWitHash()}), spending {prevout.Hash}:{prevout.N}");
    }
}
