using Bitcoin.Common.Addresses.Internal;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Descriptors.Signing;
using Bitcoin.Common.Psbt.Internal;
using NBitcoin;

namespace Bitcoin.Common.Psbt;

/// <summary>
/// Core's psbt.cpp operations: signing and filling an input, updating an output, finalizing, extracting, combining,
/// and dropping unneeded previous transactions. The node's and the wallet's PSBT commands both use these.
/// </summary>
public static class PsbtOperations
{
    /// <summary>
    /// Core's PrecomputePSBTData: signature hashing data for the unsigned transaction, with every spent output when all
    /// are known (needed for taproot). Null when there is no valid unsigned transaction.
    /// </summary>
    public static PrecomputedTransactionData? PrecomputeData(PartiallySignedTransaction psbt)
    {
        ArgumentNullException.ThrowIfNull(psbt);
        var tx = psbt.GetUnsignedTx();
        if (tx is null) return null;
        var spent = new List<TxOut>();
        bool all = true;
        foreach (var input in psbt.Inputs)
        {
            if (input.TryGetUtxo(out var utxo)) spent.Add(utxo);
            else all = false;
        }
        return all ? tx.PrecomputeTransactionData([.. spent]) : tx.PrecomputeTransactionData();
    }

    /// <summary>Core's PSBTInputSignedAndVerified: the input's final scripts verify against its spent output under standard flags.</summary>
    public static bool InputSignedAndVerified(PartiallySignedTransaction psbt, int index, PrecomputedTransactionData? txData)
    {
        ArgumentNullException.ThrowIfNull(psbt);
        var input = psbt.Inputs[index];
        TxOut utxo;
        if (input.NonWitnessUtxo is not null)
        {
            if (input.PrevOut >= input.NonWitnessUtxo.Outputs.Count) return false;
            if (input.NonWitnessUtxo.GetHash() != input.PrevTxid) return false;
            utxo = input.NonWitnessUtxo.Outputs[(int)input.PrevOut];
        }
        else if (input.WitnessUtxo is not null)
        {
            utxo = input.WitnessUtxo;
        }
        else
        {
            return false;
        }
        var tx = psbt.GetUnsignedTx();
        if (tx is null) return false;
        return ScriptVerification.Verify(input.FinalScriptSig, input.FinalScriptWitness, utxo.ScriptPubKey, tx, index,
            utxo.Value.Satoshi, txData, out _);
    }

    /// <summary>Core's CountPSBTUnsignedInputs.</summary>
    public static int CountUnsignedInputs(PartiallySignedTransaction psbt) => psbt.Inputs.Count(i => !i.IsSigned);

    /// <summary>
    /// Core's SignPSBTInput: signs input <paramref name="index"/> with <paramref name="provider"/> (placeholder
    /// signatures when <paramref name="txData"/> is null), checking that the sighash matches what the PSBT asks for and
    /// that a witness signature is made when only the witness UTXO is known. Updates the input; returns null on success
    /// or the reason it is not complete. <paramref name="missing"/>, if given, receives what was missing.
    /// </summary>
    public static PsbtError? SignInput(SigningProvider provider, PartiallySignedTransaction psbt, int index,
        PrecomputedTransactionData? txData, PsbtFillOptions options, SignatureData? missing = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(psbt);
        ArgumentNullException.ThrowIfNull(options);
        var input = psbt.Inputs[index];
        var tx = psbt.GetUnsignedTx();
        if (tx is null) return PsbtError.InvalidTx;
        if (InputSignedAndVerified(psbt, index, txData)) return null;

        var sigdata = new SignatureData();
        input.FillSignatureData(sigdata);

        bool requireWitnessSig = false;
        TxOut utxo;
        if (input.NonWitnessUtxo is not null)
        {
            if (input.PrevOut >= input.NonWitnessUtxo.Outputs.Count) return PsbtError.MissingInputs;
            if (input.NonWitnessUtxo.GetHash() != input.PrevTxid) return PsbtError.MissingInputs;
            utxo = input.NonWitnessUtxo.Outputs[(int)input.PrevOut];
        }
        else if (input.WitnessUtxo is not null)
        {
            utxo = input.WitnessUtxo;
            // Only a witness signature commits to the amount of an output we cannot check against its transaction.
            requireWitnessSig = true;
        }
        else
        {
            return PsbtError.MissingInputs;
        }

        bool isTaproot = ScriptParsing.IsPayToTaproot(utxo.ScriptPubKey.ToBytes(true));
        int sighash = options.SighashType ?? (isTaproot ? TransactionSignatureCreator.SighashDefault : (int)SigHash.All);
        if (input.SighashType is int wanted && wanted != sighash) return PsbtError.SighashMismatch;
        if (isTaproot ? sighash != TransactionSignatureCreator.SighashDefault
                      : sighash != TransactionSignatureCreator.SighashDefault && sighash != (int)SigHash.All)
        {
            input.SighashType = sighash;
        }

        // Existing signatures must have been made with the same sighash.
        if (sighash == TransactionSignatureCreator.SighashDefault)
        {
            if (input.TapKeySig.Length != 0 && input.TapKeySig.Length != 64) return PsbtError.SighashMismatch;
            if (input.TapScriptSigs.Values.Any(sig => sig.Length != 64)) return PsbtError.SighashMismatch;
        }
        else
        {
            if (input.TapKeySig.Length != 0 && (input.TapKeySig.Length != 65 || input.TapKeySig[^1] != sighash)) return PsbtError.SighashMismatch;
            if (input.TapScriptSigs.Values.Any(sig => sig.Length != 65 || sig[^1] != sighash)) return PsbtError.SighashMismatch;
            if (input.PartialSigs.Values.Any(p => p.Signature[^1] != sighash)) return PsbtError.SighashMismatch;
        }

        sigdata.Witness = false;
        bool complete;
        if (txData is null)
        {
            complete = SignatureProducer.ProduceSignature(provider, DummySignatureCreator.Typical, utxo.ScriptPubKey, sigdata);
        }
        else
        {
            var creator = new TransactionSignatureCreator(tx, index, utxo.Value.Satoshi, txData, sighash);
            complete = SignatureProducer.ProduceSignature(provider, creator, utxo.ScriptPubKey, sigdata);
        }
        if (requireWitnessSig && !sigdata.Witness) return PsbtError.Incomplete;

        // Without finalizing, a complete result stays partial (no final scriptSig or witness).
        if (!options.Finalize && sigdata.Complete) sigdata.Complete = false;

        input.FromSignatureData(sigdata);
        if (isTaproot)
        {
            // Core's SignTaproot records the provider's MuSig2 participants in the signature data.
            foreach (var (aggregate, participants) in provider.GetAllMuSig2ParticipantPubKeys())
                input.Musig2Participants.AddIfAbsent(aggregate, [.. participants]);
        }

        // A witness signature lets a later step drop the non-witness UTXO (see RemoveUnnecessaryTransactions).
        if (sigdata.Witness) input.WitnessUtxo = utxo;

        if (missing is not null)
        {
            missing.MissingPubKeys.AddRange(sigdata.MissingPubKeys);
            missing.MissingSigs.AddRange(sigdata.MissingSigs);
            missing.MissingRedeemScript = sigdata.MissingRedeemScript;
            missing.MissingWitnessScript = sigdata.MissingWitnessScript;
        }
        return complete ? null : PsbtError.Incomplete;
    }

    /// <summary>
    /// Core's RemoveUnnecessaryTransactions: drops every non-witness UTXO when all inputs are segwit v1 (or later)
    /// with known witness UTXOs and none signs with ANYONECANPAY.
    /// </summary>
    public static void RemoveUnnecessaryTransactions(PartiallySignedTransaction psbt)
    {
        ArgumentNullException.ThrowIfNull(psbt);
        var toDrop = new List<int>();
        for (int i = 0; i < psbt.Inputs.Count; i++)
        {
            var input = psbt.Inputs[i];
            if (input.WitnessUtxo is null || !ScriptParsing.IsWitnessProgram(input.WitnessUtxo.ScriptPubKey.ToBytes(true), out int version, out _))
                return;
            if (version == 0) return;
            if (input.SighashType is int sighash && (sighash & 0x80) == 0x80) return;
            if (input.NonWitnessUtxo is not null) toDrop.Add(i);
        }
        foreach (int i in toDrop) psbt.Inputs[i].NonWitnessUtxo = null;
    }

    /// <summary>
    /// Core's UpdatePSBTOutput: fills output <paramref name="index"/>'s redeem/witness scripts, key origins, taproot
    /// internal key, tree and key origins, and MuSig2 participants from <paramref name="provider"/> (no keys needed).
    /// </summary>
    public static void UpdateOutput(SigningProvider provider, PartiallySignedTransaction psbt, int index)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(psbt);
        var tx = psbt.GetUnsignedTx();
        if (tx is null) return;
        var output = tx.Outputs[index];
        var psbtOutput = psbt.Outputs[index];

        var sigdata = new SignatureData();
        var builder = psbtOutput.FillSignatureData(sigdata);

        // A would-be spend of the output: signing it only gathers metadata.
        var spend = Network.Main.CreateTransaction();
        spend.Inputs.Add(new TxIn());
        var creator = new TransactionSignatureCreator(spend, 0, output.Value.Satoshi, null, (int)SigHash.All);
        SignatureProducer.ProduceSignature(provider, creator, output.ScriptPubKey, sigdata);

        IReadOnlyDictionary<PubKey, IReadOnlyList<PubKey>>? musig = null;
        var scriptBytes = output.ScriptPubKey.ToBytes(true);
        if (ScriptParsing.IsPayToTaproot(scriptBytes))
        {
            // Core's SignTaproot takes the provider's tree builder and MuSig2 participants for the output key.
            var outputKey = new XOnlyPubKey(scriptBytes.AsSpan(2, 32));
            if (provider.TryGetTaprootBuilder(outputKey, out var providerBuilder)) builder = providerBuilder;
            musig = provider.GetAllMuSig2ParticipantPubKeys();
        }
        psbtOutput.FromSignatureData(sigdata, builder, musig);
    }

    /// <summary>
    /// Core's FinalizePSBT: makes final scriptSigs and witnesses from the signatures present (no keys). True if every
    /// input is now complete.
    /// </summary>
    public static bool Finalize(PartiallySignedTransaction psbt)
    {
        ArgumentNullException.ThrowIfNull(psbt);
        var txData = PrecomputeData(psbt);
        if (txData is null) return false;
        bool complete = true;
        for (int i = 0; i < psbt.Inputs.Count; i++)
        {
            var input = psbt.Inputs[i];
            var result = SignInput(SigningProvider.Empty, psbt, i, txData, new PsbtFillOptions { SighashType = input.SighashType, Finalize = true });
            complete &= result is null;
        }
        return complete;
    }

    /// <summary>Core's FinalizeAndExtractPSBT: finalizes, then builds the signed transaction; null if not complete.</summary>
    public static Transaction? FinalizeAndExtract(PartiallySignedTransaction psbt)
    {
        if (!Finalize(psbt)) return null;
        var tx = psbt.GetUnsignedTx();
        if (tx is null) return null;
        for (int i = 0; i < tx.Inputs.Count; i++)
        {
            tx.Inputs[i].ScriptSig = psbt.Inputs[i].FinalScriptSig;
            tx.Inputs[i].WitScript = new WitScript(psbt.Inputs[i].FinalScriptWitness.ToArray());
        }
        return tx;
    }

    /// <summary>Core's CombinePSBTs: merges PSBTs of the same transaction into a copy of the first; null if they differ.</summary>
    public static PartiallySignedTransaction? Combine(IReadOnlyList<PartiallySignedTransaction> psbts)
    {
        ArgumentNullException.ThrowIfNull(psbts);
        if (psbts.Count == 0) throw new ArgumentException("At least one PSBT is needed.", nameof(psbts));
        var result = psbts[0].Clone();
        for (int i = 1; i < psbts.Count; i++)
        {
            if (!result.Merge(psbts[i])) return null;
        }
        return result;
    }

    /// <summary>Core's PSBTRoleName.</summary>
    public static string RoleName(PsbtRole role) => role switch
    {
        PsbtRole.Creator => "creator",
        PsbtRole.Updater => "updater",
        PsbtRole.Signer => "signer",
        PsbtRole.Finalizer => "finalizer",
        PsbtRole.Extractor => "extractor",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
