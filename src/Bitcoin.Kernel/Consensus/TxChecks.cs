using Coin = Bitcoin.Kernel.Coins.Coin;
using NBitcoin;

namespace Bitcoin.Kernel.Consensus;

/// <summary>Transaction rules, as Core's consensus/tx_check.cpp and consensus/tx_verify.cpp.</summary>
public static class TxChecks
{
    /// <summary>Context-free checks: non-empty inputs and outputs, size, amounts, duplicate inputs, coinbase script size, null prevouts.</summary>
    public static bool CheckTransaction(Transaction tx, TxValidationState state)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(state);
        if (tx.Inputs.Count == 0) return state.Invalid(TxValidationResult.Consensus, "bad-txns-vin-empty");
        if (tx.Outputs.Count == 0) return state.Invalid(TxValidationResult.Consensus, "bad-txns-vout-empty");
        // The witness is not counted here: it has not been checked for malleability yet.
        if (StrippedSize(tx) * ConsensusConstants.WitnessScaleFactor > ConsensusConstants.MaxBlockWeight)
        {
            return state.Invalid(TxValidationResult.Consensus, "bad-txns-oversize");
        }

        // Negative or overflowing output values (CVE-2010-5139).
        long valueOut = 0;
        foreach (var output in tx.Outputs)
        {
            long value = output.Value.Satoshi;
            if (value < 0) return state.Invalid(TxValidationResult.Consensus, "bad-txns-vout-negative");
            if (value > ConsensusConstants.MaxMoney) return state.Invalid(TxValidationResult.Consensus, "bad-txns-vout-toolarge");
            valueOut += value;
            if (!ConsensusConstants.MoneyRange(valueOut)) return state.Invalid(TxValidationResult.Consensus, "bad-txns-txouttotal-toolarge");
        }

        // Duplicate inputs (CVE-2018-17144): spending one coin twice would inflate or crash the coins database.
        var seen = new HashSet<OutPoint>(tx.Inputs.Count);
        foreach (var input in tx.Inputs)
        {
            if (!seen.Add(input.PrevOut)) return state.Invalid(TxValidationResult.Consensus, "bad-txns-inputs-duplicate");
        }

        if (tx.IsCoinBase)
        {
            int length = tx.Inputs[0].ScriptSig.Length;
            if (length < ConsensusConstants.MinCoinbaseScriptSigSize || length > ConsensusConstants.MaxCoinbaseScriptSigSize)
            {
                return state.Invalid(TxValidationResult.Consensus, "bad-cb-length");
            }
        }
        else
        {
            foreach (var input in tx.Inputs)
            {
                if (input.PrevOut.IsNull) return state.Invalid(TxValidationResult.Consensus, "bad-txns-prevout-null");
            }
        }
        return true;
    }

    /// <summary>
    /// Checks the inputs against the coins they spend (<paramref name="spentCoins"/>, one per input, in order; a null or
    /// spent entry means the input is missing): coinbase maturity at <paramref name="spendHeight"/>, input amounts and
    /// that inputs cover outputs. Sets <paramref name="fee"/> on success.
    /// </summary>
    public static bool CheckTxInputs(Transaction tx, TxValidationState state, IReadOnlyList<Coin?> spentCoins, int spendHeight, out Money fee)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(spentCoins);
        fee = Money.Zero;
        if (spentCoins.Count != tx.Inputs.Count || spentCoins.Any(c => c is null || c.IsSpent))
        {
            return state.Invalid(TxValidationResult.MissingInputs, "bad-txns-inputs-missingorspent", "CheckTxInputs: inputs missing/spent");
        }

        long valueIn = 0;
        foreach (var coin in spentCoins)
        {
            if (coin!.IsCoinbase && spendHeight - coin.Height < ConsensusConstants.CoinbaseMaturity)
            {
                return state.Invalid(TxValidationResult.PrematureSpend, "bad-txns-premature-spend-of-coinbase",
                    $"tried to spend coinbase at depth {spendHeight - coin.Height}");
            }
            long value = coin.Output.Value.Satoshi;
            valueIn += ConsensusConstants.MoneyRange(value) ? value : 0;
            if (!ConsensusConstants.MoneyRange(value) || !ConsensusConstants.MoneyRange(valueIn))
            {
                return state.Invalid(TxValidationResult.Consensus, "bad-txns-inputvalues-outofrange");
            }
        }

        // CheckTransaction has already bounded the outputs, so this sum cannot overflow.
        long valueOut = tx.Outputs.Sum(o => o.Value.Satoshi);
        if (valueIn < valueOut)
        {
            return state.Invalid(TxValidationResult.Consensus, "bad-txns-in-belowout",
                $"value in ({FormatMoney(valueIn)}) < value out ({FormatMoney(valueOut)})");
        }
        long txFee = valueIn - valueOut;
        if (!ConsensusConstants.MoneyRange(txFee)) return state.Invalid(TxValidationResult.Consensus, "bad-txns-fee-outofrange");
        fee = Money.Satoshis(txFee);
        return true;
    }

    /// <summary>
    /// True when the transaction may be included at <paramref name="blockHeight"/> with lock-time cut-off
    /// <paramref name="blockTime"/>: lock time zero or passed, or every input's sequence final.
    /// </summary>
    public static bool IsFinalTx(Transaction tx, int blockHeight, long blockTime)
    {
        ArgumentNullException.ThrowIfNull(tx);
        uint lockTime = tx.LockTime.Value;
        if (lockTime == 0) return true;
        long threshold = lockTime < ConsensusConstants.LockTimeThreshold ? blockHeight : blockTime;
        if (lockTime < threshold) return true;
        // An unsatisfied lock time is ignored when all sequences are final; CLTV therefore requires a non-final sequence.
        return tx.Inputs.All(i => i.Sequence.Value == Sequence.SEQUENCE_FINAL);
    }

    /// <summary>The size of the transaction serialized without witness.</summary>
    public static int StrippedSize(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return tx.GetSerializedSize(TransactionOptions.None);
    }

    /// <summary>The BIP141 weight: stripped size times three plus total size.</summary>
    public static long GetTransactionWeight(Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return ((long)StrippedSize(tx) * (ConsensusConstants.WitnessScaleFactor - 1)) + tx.GetSerializedSize(TransactionOptions.All);
    }

    // Core's FormatMoney: at least eight decimals trimmed to two, with a sign.
    internal static string FormatMoney(long amount)
    {
        long abs = Math.Abs(amount);
        long quotient = abs / ConsensusConstants.Coin;
        long remainder = abs % ConsensusConstants.Coin;
        var text = FormattableString.Invariant($"{quotient}.{remainder:D8}");
        int trim = 0;
        for (int i = text.Length - 1; i >= text.Length - 6 && text[i] == '0'; i--) trim++;
        text = text[..^trim];
        return amount < 0 ? "-" + text : text;
    }
}
