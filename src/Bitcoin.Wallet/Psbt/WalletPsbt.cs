using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Psbt;
using NBitcoin;

namespace Bitcoin.Wallet.Psbt;

/// <summary>
/// Core's CWallet::FillPSBT and DescriptorScriptPubKeyMan::FillPSBT: adds the wallet's previous transactions, scripts
/// and key origins to a PSBT's inputs and outputs and, when asked, signs what the wallet's keys can sign.
/// </summary>
public static class WalletPsbt
{
    /// <summary>
    /// Fills (and with <see cref="PsbtFillOptions.Sign"/> signs) <paramref name="psbt"/>. Returns null on success or the
    /// error that stopped it (an input's sighash differing from the one asked for, a missing input); incomplete inputs
    /// are not an error. <paramref name="complete"/> tells whether every input is now signed and verifies;
    /// <paramref name="signedCount"/> counts inputs signed (or, without signing, inputs the wallet could sign).
    /// </summary>
    public static PsbtError? Fill(DescriptorWallet wallet, PartiallySignedTransaction psbt, PsbtFillOptions options, out bool complete,
        out int signedCount)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(psbt);
        ArgumentNullException.ThrowIfNull(options);
        complete = false;
        signedCount = 0;
        lock (wallet.SyncRoot)
        {
            foreach (var input in psbt.Inputs)
            {
                if (input.IsSigned) continue;
                // The whole previous transaction: signing switches to the smaller witness UTXO when that is safe.
                if (input.NonWitnessUtxo is null && wallet.GetWalletTx(input.PrevTxid) is { } wtx) input.NonWitnessUtxo = wtx.Tx.Clone();
            }

            var txData = PsbtOperations.PrecomputeData(psbt);
            if (txData is null) return PsbtError.InvalidTx;

            foreach (var spkm in wallet.ScriptPubKeyMans)
            {
                var error = FillWithScriptPubKeyMan(spkm, psbt, txData, options, out int signedHere);
                if (error is not null) return error;
                signedCount += signedHere;
            }

            PsbtOperations.RemoveUnnecessaryTransactions(psbt);
            complete = true;
            for (int i = 0; i < psbt.Inputs.Count; i++) complete &= PsbtOperations.InputSignedAndVerified(psbt, i, txData);
            return null;
        }
    }

    private static PsbtError? FillWithScriptPubKeyMan(Keys.DescriptorScriptPubKeyMan spkm, PartiallySignedTransaction psbt,
        PrecomputedTransactionData txData, PsbtFillOptions options, out int signedCount)
    {
        signedCount = 0;
        for (int i = 0; i < psbt.Inputs.Count; i++)
        {
            var input = psbt.Inputs[i];
            if (input.IsSigned) continue;
            Script script;
            if (input.WitnessUtxo is not null)
            {
                script = input.WitnessUtxo.ScriptPubKey;
            }
            else if (input.NonWitnessUtxo is not null)
            {
                if (input.PrevOut >= input.NonWitnessUtxo.Outputs.Count) return PsbtError.MissingInputs;
                script = input.NonWitnessUtxo.Outputs[(int)input.PrevOut].ScriptPubKey;
            }
            else
            {
                continue; // no UTXO yet: nothing to do for this input
            }

            var keys = new FlatSigningProvider();
            if (spkm.GetSigningProvider(script, includePrivate: options.Sign) is { } scriptKeys)
            {
                keys.Merge(scriptKeys);
            }
            else
            {
                // Not our script, but the PSBT may list keys we hold.
                var pubkeys = new List<PubKey>(input.HdKeypaths.Keys);
                var type = ScriptSolver.Solve(script, out var solutions);
                if (type == TxoutType.WitnessV1Taproot)
                {
                    pubkeys.AddRange(Candidates(solutions[0]));
                }
                foreach (var xonly in input.TapBip32Paths.Keys) pubkeys.AddRange(Candidates(xonly.Bytes.ToArray()));
                foreach (var pubkey in pubkeys)
                {
                    if (spkm.GetSigningProvider(pubkey) is { } pkKeys) keys.Merge(pkKeys);
                }
            }

            var error = PsbtOperations.SignInput(new HidingSigningProvider(keys, hideSecret: !options.Sign, hideOrigin: !options.Bip32Derivs),
                psbt, i, txData, options);
            if (error is not null && error != PsbtError.Incomplete) return error;
            if (input.IsSigned || !options.Sign) signedCount++;
        }

        // Key paths and scripts of our outputs, so hardware signers can recognise change.
        for (int i = 0; i < psbt.Outputs.Count; i++)
        {
            var solving = spkm.GetSolvingProvider(psbt.Outputs[i].Script);
            if (solving is null) continue;
            PsbtOperations.UpdateOutput(new HidingSigningProvider(solving, hideSecret: true, hideOrigin: !options.Bip32Derivs), psbt, i);
        }
        return null;
    }

    // Both parities of an x-only key, as full keys that may be in the key store.
    private static IEnumerable<PubKey> Candidates(byte[] xonly)
    {
        foreach (byte prefix in new byte[] { 0x02, 0x03 })
        {
            if (PubKey.TryCreatePubKey([prefix, .. xonly], out var pubkey)) yield return pubkey;
        }
    }
}
