using Bitcoin.Common.Addresses.Internal;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Descriptors.Signing;
using Bitcoin.Common.Formats;
using Bitcoin.Common.Psbt.Internal;
using NBitcoin;

namespace Bitcoin.Common.Psbt;

/// <summary>Core's AnalyzePSBT (node/psbt.cpp).</summary>
public static class PsbtAnalyzer
{
    /// <summary>Core's DEFAULT_BYTES_PER_SIGOP (-bytespersigop).</summary>
    public const long DefaultBytesPerSigOp = 20;

    /// <summary>
    /// Analyzes a copy of <paramref name="original"/>: per input whether the UTXO is known, whether it is final, and
    /// what is missing; the next role; the fee and, if every input can be finalized with placeholder signatures, the
    /// estimated virtual size (with <paramref name="bytesPerSigOp"/>) and fee rate.
    /// </summary>
    public static PsbtAnalysis Analyze(PartiallySignedTransaction original, long bytesPerSigOp = DefaultBytesPerSigOp)
    {
        ArgumentNullException.ThrowIfNull(original);
        var psbt = original.Clone();
        var result = new PsbtAnalysis();
        var mtx = psbt.GetUnsignedTx();
        if (mtx is null)
        {
            result.SetInvalid("PSBT cannot be made into a valid transaction");
            return result;
        }

        bool calcFee = true;
        long inAmount = 0;
        for (int i = 0; i < psbt.Inputs.Count; i++) result.Inputs.Add(new PsbtInputAnalysis());
        var txData = PsbtOperations.PrecomputeData(psbt)!;

        for (int i = 0; i < psbt.Inputs.Count; i++)
        {
            var input = psbt.Inputs[i];
            var analysis = result.Inputs[i];
            analysis.Next = PsbtRole.Extractor;

            TxOut? utxo = null;
            if (input.TryGetUtxo(out var found))
            {
                utxo = found;
                long value = found.Value.Satoshi;
                if (!Amounts.MoneyRange(value) || !Amounts.MoneyRange(inAmount + value))
                {
                    result.SetInvalid($"PSBT is not valid. Input {i} has invalid value");
                    return result;
                }
                inAmount += value;
                analysis.HasUtxo = true;
            }
            else
            {
                if (input.NonWitnessUtxo is not null && input.PrevOut >= input.NonWitnessUtxo.Outputs.Count)
                {
                    result.SetInvalid($"PSBT is not valid. Input {i} specifies invalid prevout");
                    return result;
                }
                analysis.HasUtxo = false;
                analysis.IsFinal = false;
                analysis.Next = PsbtRole.Updater;
                calcFee = false;
            }

            if (utxo is not null && ScriptParsing.IsUnspendable(utxo.ScriptPubKey.ToBytes(true)))
            {
                result.SetInvalid($"PSBT is not valid. Input {i} spends unspendable output");
                return result;
            }

            if (!PsbtOperations.InputSignedAndVerified(psbt, i, txData))
            {
                analysis.IsFinal = false;
                var missing = new SignatureData();
                var error = PsbtOperations.SignInput(SigningProvider.Empty, psbt, i, txData, new PsbtFillOptions(), missing);
                if (error is not null)
                {
                    analysis.MissingPubKeys.AddRange(missing.MissingPubKeys);
                    analysis.MissingSigs.AddRange(missing.MissingSigs);
                    analysis.MissingRedeemScript = missing.MissingRedeemScript;
                    analysis.MissingWitnessScript = missing.MissingWitnessScript;
                    bool onlySigs = missing.MissingPubKeys.Count == 0 && IsNull(missing.MissingRedeemScript) &&
                                    IsNull(missing.MissingWitnessScript) && missing.MissingSigs.Count != 0;
                    analysis.Next = onlySigs ? PsbtRole.Signer : PsbtRole.Updater;
                }
                else
                {
                    analysis.Next = PsbtRole.Finalizer;
                }
            }
            else if (utxo is not null)
            {
                analysis.IsFinal = true;
            }
        }

        result.Next = PsbtRole.Extractor;
        foreach (var analysis in result.Inputs)
        {
            if (analysis.Next < result.Next) result.Next = analysis.Next;
        }

        if (calcFee)
        {
            long outAmount = 0;
            foreach (var output in psbt.Outputs)
            {
                if (!Amounts.MoneyRange(outAmount) || !Amounts.MoneyRange(output.Amount) || !Amounts.MoneyRange(outAmount + output.Amount))
                {
                    outAmount = -1;
                    break;
                }
                outAmount += output.Amount;
            }
            if (!Amounts.MoneyRange(outAmount))
            {
                result.SetInvalid("PSBT is not valid. Output amount invalid");
                return result;
            }
            long fee = inAmount - outAmount;
            result.Fee = fee;

            var spent = new List<TxOut>();
            bool success = true;
            for (int i = 0; i < psbt.Inputs.Count; i++)
            {
                var input = psbt.Inputs[i];
                var error = PsbtOperations.SignInput(SigningProvider.Empty, psbt, i, null, new PsbtFillOptions());
                if (error is not null || !input.TryGetUtxo(out var coin))
                {
                    success = false;
                    break;
                }
                mtx.Inputs[i].ScriptSig = input.FinalScriptSig;
                mtx.Inputs[i].WitScript = new WitScript(input.FinalScriptWitness.ToArray());
                spent.Add(coin);
            }
            if (success)
            {
                long weight = TransactionJson.Weight(mtx);
                long vsize = SigOpCost.VirtualSize(weight, SigOpCost.Cost(mtx, spent), bytesPerSigOp);
                result.EstimatedVsize = vsize;
                result.EstimatedFeeRatePerKvB = vsize > 0 ? FloorDiv(fee * 1000, vsize) : 0;
            }
        }
        return result;
    }

    private static bool IsNull(uint160? hash) => hash is null || hash == uint160.Zero;

    private static bool IsNull(uint256? hash) => hash is null || hash == uint256.Zero;

    private static long FloorDiv(long a, long b) => a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}
