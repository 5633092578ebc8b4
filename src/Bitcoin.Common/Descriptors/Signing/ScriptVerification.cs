using NBitcoin;

namespace Bitcoin.Common.Descriptors.Signing;

/// <summary>Runs NBitcoin's interpreter with Core's policy flags for one input.</summary>
public static class ScriptVerification
{
    /// <summary>Core's STANDARD_SCRIPT_VERIFY_FLAGS.</summary>
    public const ScriptVerify StandardFlags =
        ScriptVerify.P2SH | ScriptVerify.DerSig | ScriptVerify.NullDummy | ScriptVerify.CheckLockTimeVerify |
        ScriptVerify.CheckSequenceVerify | ScriptVerify.Witness | ScriptVerify.Taproot | ScriptVerify.StrictEnc |
        ScriptVerify.MinimalData | ScriptVerify.DiscourageUpgradableNops | ScriptVerify.CleanStack | ScriptVerify.MinimalIf |
        ScriptVerify.NullFail | ScriptVerify.LowS | ScriptVerify.DiscourageUpgradableWitnessProgram |
        ScriptVerify.WitnessPubkeyType | ScriptVerify.ConstScriptCode | ScriptVerify.DiscourageUpgradableTaprootVersion |
        ScriptVerify.DiscourageOpSuccess | ScriptVerify.DiscourageUpgradablePubKeyType;

    /// <summary>
    /// Verifies <paramref name="scriptSig"/> and <paramref name="witness"/> against the spent output for input
    /// <paramref name="inputIndex"/> of <paramref name="tx"/>; returns the result and the script error.
    /// </summary>
    public static bool Verify(Script scriptSig, IReadOnlyList<byte[]> witness, Script scriptPubKey, Transaction tx, int inputIndex,
        long amount, PrecomputedTransactionData? txData, out ScriptError error, ScriptVerify flags = StandardFlags)
    {
        // Core exempts a bare pay-to-anchor output from the upgradable-witness-program policy; NBitcoin does not know P2A.
        if (Addresses.Internal.ScriptParsing.IsPayToAnchor(scriptPubKey.ToBytes(true)))
            flags &= ~ScriptVerify.DiscourageUpgradableWitnessProgram;
        var context = new ScriptEvaluationContext { ScriptVerify = flags };
        var spent = new TxOut(Money.Satoshis(amount), scriptPubKey);
        var checker = new TransactionChecker(tx, inputIndex, spent, txData ?? tx.PrecomputeTransactionData());
        bool ok;
        try
        {
            ok = context.VerifyScript(scriptSig, new WitScript(witness.ToArray()), scriptPubKey, checker);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // NBitcoin throws where Core reports a missing-data failure (e.g. taproot without spent outputs).
            error = ScriptError.UnknownError;
            return false;
        }
        error = context.Error;
        return ok;
    }
}
