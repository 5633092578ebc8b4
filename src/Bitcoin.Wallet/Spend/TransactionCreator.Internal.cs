using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.CoinSelection;
using Bitcoin.Wallet.Spend.Internal;
using NBitcoin;

namespace Bitcoin.Wallet.Spend;

// Core's CreateTransactionInternal.
public static partial class TransactionCreator
{
    private static SpendResult<CreatedTransaction> CreateTransactionInternal(DescriptorWallet wallet, IReadOnlyList<Recipient> recipients,
        int? changePosition, SpendCoinControl coinControl, bool sign, CoinSelectionRandom random)
    {
        var chain = wallet.RequireChain();
        var tx = wallet.Network.CreateTransaction();
        tx.Version = coinControl.Version;

        var p = new CoinSelectionParams(random)
        {
            AvoidPartialSpends = coinControl.AvoidPartialSpends,
            IncludeUnsafeInputs = coinControl.IncludeUnsafeInputs,
            MaxTxWeight = coinControl.MaxTxWeight ?? CoinSelector.MaxStandardTxWeight,
            Version = coinControl.Version,
        };
        int minimumTxWeight = MinStandardTxNonWitnessSize * WitnessScaleFactor;
        if (p.MaxTxWeight < minimumTxWeight || p.MaxTxWeight > CoinSelector.MaxStandardTxWeight)
            return SpendResult<CreatedTransaction>.Fail($"Maximum transaction weight must be between {minimumTxWeight} and {CoinSelector.MaxStandardTxWeight}");
        p.LongTermFeeRate = wallet.Options.ConsolidateFeeRate.ToTx();
        // Version, lock time, input count, segwit marker/flag/stack count overhead, plus the output count.
        p.TxNoInputsSize = 10 + InputSizes.CompactSizeLength(recipients.Count);

        long recipientsSum = 0;
        var changeType = wallet.TransactionChangeType(coinControl.ChangeType ?? wallet.Options.DefaultChangeType, recipients.Select(r => r.Destination).ToList());
        using var reserve = new ReserveDestination(wallet, changeType);
        int outputsToSubtractFeeFrom = 0;
        var dustRelayFee = chain.RelayDustFee().ToTx();
        foreach (var recipient in recipients)
        {
            var output = new TxOut(recipient.Amount, recipient.Destination.ToScript());
            if (Dust.IsDust(output, dustRelayFee)) return SpendResult<CreatedTransaction>.Fail("Transaction amount too small");
            p.TxNoInputsSize += SerializedSize(output);
            recipientsSum += recipient.Amount.Satoshi;
            if (recipient.SubtractFeeFromAmount)
            {
                outputsToSubtractFeeFrom++;
                p.SubtractFeeOutputs = true;
            }
        }

        Script scriptChange = Script.Empty;
        string changeError = "";
        if (coinControl.DestChange is { } destChange && destChange is not NoDestination)
        {
            scriptChange = destChange.ToScript();
        }
        else
        {
            // A new key for change, so it is not obvious which output is change.
            var reserved = reserve.GetReservedDestination(internalChain: true);
            if (!reserved.Succeeded) changeError = "Transaction needs a change address, but we can't generate it. " + reserved.Error!.Original;
            else scriptChange = reserved.Value!.ToScript();
        }
        var changePrototype = new TxOut(Money.Zero, scriptChange);
        p.ChangeOutputSize = SerializedSize(changePrototype);
        int changeSpendSize = InputSizes.MaximumSignedInputSize(changePrototype, wallet, null);
        // Change the wallet cannot solve is assumed to cost a P2SH-P2WPKH input, so BnB can still work.
        p.ChangeSpendSize = changeSpendSize == -1 ? DummyNestedP2wpkhInputSize : changeSpendSize;

        p.DiscardFeeRate = WalletFees.GetDiscardRate(wallet);
        var minFee = WalletFees.GetMinimumFeeRate(wallet, coinControl);
        p.EffectiveFeeRate = minFee.FeeRate;
        // An explicit fee rate is never raised silently.
        if (coinControl.FeeRate is { } userRate && p.EffectiveFeeRate > userRate)
        {
            string message = $"Fee rate ({userRate.ToSatPerVbString()}) is lower than the minimum fee rate setting ({p.EffectiveFeeRate.ToSatPerVbString()}).";
            if (minFee.Reason == FeeReason.Required)
            {
                message += $"\nConsider modifying -mintxfee ({wallet.Options.MinFee.ToTx().ToSatPerVbString()}) or " +
                           $"-minrelaytxfee ({chain.RelayMinFee().ToTx().ToSatPerVbString()}).";
            }
            return SpendResult<CreatedTransaction>.Fail(message);
        }
        if (minFee.Reason == FeeReason.Fallback && !wallet.Options.AllowFallbackFee)
            return SpendResult<CreatedTransaction>.Fail("Fee estimation failed. Fallbackfee is disabled. Wait a few blocks or enable -fallbackfee.");

        // The cost of change: creating it now at the effective rate plus spending it later at the discard rate.
        p.ChangeFee = p.EffectiveFeeRate.GetFee(p.ChangeOutputSize);
        p.CostOfChange = p.DiscardFeeRate.GetFee(p.ChangeSpendSize) + p.ChangeFee;
        p.MinChangeTarget = CoinSelectionAlgorithms.GenerateChangeTarget(recipientsSum / recipients.Count, p.ChangeFee, random);
        long dust = Dust.Threshold(changePrototype, p.DiscardFeeRate);
        long changeSpendFee = p.DiscardFeeRate.GetFee(p.ChangeSpendSize);
        p.MinViableChange = Math.Max(changeSpendFee + 1, dust);

        long notInputFees = p.EffectiveFeeRate.GetFee(p.SubtractFeeOutputs ? 0 : p.TxNoInputsSize);
        long selectionTarget = recipientsSum + notInputFees;
        if (selectionTarget == 0 && !coinControl.HasSelected)
            return SpendResult<CreatedTransaction>.Fail("Transaction requires one destination of non-zero value, a non-zero feerate, or a pre-selected input");

        var presetInputs = new CoinsResult();
        if (coinControl.HasSelected)
        {
            presetInputs = SpendableCoins.FetchSelectedInputs(wallet, coinControl, p, out var fetchError);
            if (fetchError.Length != 0) return SpendResult<CreatedTransaction>.Fail(fetchError);
        }
        var availableCoins = new CoinsResult();
        if (coinControl.AllowOtherInputs) availableCoins = SpendableCoins.AvailableCoins(wallet, coinControl, p.EffectiveFeeRate);

        var options = new CoinSelectionOptions { SpendZeroConfChange = wallet.Options.SpendZeroConfChange, RejectLongChains = wallet.Options.RejectLongChains };
        var selection = CoinSelector.SelectCoins(new WalletSelectionChain(chain), availableCoins, presetInputs, selectionTarget,
            coinControl.AllowOtherInputs, p, options);
        if (!selection.Success)
        {
            if (selection.Error.Length != 0) return SpendResult<CreatedTransaction>.Fail(selection.Error);
            long availableBalance = presetInputs.TotalAmount + availableCoins.TotalAmount;
            if (availableBalance >= recipientsSum)
            {
                long effectiveBalance = (presetInputs.TotalEffectiveAmount ?? 0) + (availableCoins.TotalEffectiveAmount ?? 0);
                if (effectiveBalance < selectionTarget)
                {
                    return SpendResult<CreatedTransaction>.Fail(
                        $"The total exceeds your balance when the {MoneyFormat.Format(selectionTarget - recipientsSum)} transaction fee is included.");
                }
            }
            return SpendResult<CreatedTransaction>.Fail("Insufficient funds");
        }
        var result = selection.Result!;

        foreach (var recipient in recipients) tx.Outputs.Add(new TxOut(recipient.Amount, recipient.Destination.ToScript()));
        long changeAmount = result.GetChange(p.MinViableChange, p.ChangeFee);
        if (changeAmount > 0)
        {
            if (changePosition is null) changePosition = (int)random.NextRange(tx.Outputs.Count + 1);
            else if (changePosition.Value > tx.Outputs.Count) return SpendResult<CreatedTransaction>.Fail("Transaction change output index out of range");
            tx.Outputs.Insert(changePosition.Value, new TxOut(Money.Satoshis(changeAmount), scriptChange));
        }
        else
        {
            changePosition = null;
        }

        var selectedCoins = result.GetShuffledInputs(random);
        if (coinControl.HasSelected && coinControl.HasSelectedOrder)
        {
            // Chosen inputs come first, in the order chosen (a stable sort keeps the rest shuffled).
            selectedCoins = selectedCoins.Select((c, i) => (c, i))
                .OrderBy(x => coinControl.GetSelectionPosition(x.c.OutPoint) is int pos ? (0, pos) : (1, 0))
                .ThenBy(x => x.i).Select(x => x.c).ToList();
        }

        bool useAntiFeeSniping = true;
        uint defaultSequence = (coinControl.SignalRbf ?? wallet.Options.SignalRbf) ? Sequences.MaxBip125Rbf : Sequences.MaxNonFinal;
        foreach (var coin in selectedCoins)
        {
            uint? sequence = coinControl.GetSequence(coin.OutPoint);
            if (sequence is not null) useAntiFeeSniping = false;
            var input = new TxIn(coin.OutPoint) { Sequence = new Sequence(sequence ?? defaultSequence) };
            var (scriptSig, witness) = coinControl.GetScripts(coin.OutPoint);
            if (scriptSig is not null) input.ScriptSig = scriptSig;
            if (witness is not null) input.WitScript = witness;
            tx.Inputs.Add(input);
        }
        if (coinControl.LockTime is uint locktime)
        {
            tx.LockTime = new LockTime(locktime);
            useAntiFeeSniping = false;
        }
        if (useAntiFeeSniping) DiscourageFeeSniping(tx, random, chain, wallet.LastBlockHash, wallet.LastBlockHeight);

        var sizes = InputSizes.MaximumSignedTxSize(tx, wallet, coinControl);
        long bytes = sizes.VirtualSize;
        if (bytes == -1) return SpendResult<CreatedTransaction>.Fail("Missing solving data for estimating transaction size");
        long feeNeeded = p.EffectiveFeeRate.GetFee(bytes) + result.TotalBumpFees;
        long outputValue = tx.Outputs.Sum(o => o.Value.Satoshi);
        long currentFee = result.SelectedValue - outputValue;
        if (currentFee < 0) return SpendResult<CreatedTransaction>.Fail("Internal bug detected: Fee paid < 0");

        // Overpaying with change: give the excess back to change.
        if (changePosition is int cp && feeNeeded < currentFee)
        {
            var change = tx.Outputs[cp];
            change.Value += Money.Satoshis(currentFee - feeNeeded);
            currentFee = result.SelectedValue - tx.Outputs.Sum(o => o.Value.Satoshi);
            if (feeNeeded != currentFee) return SpendResult<CreatedTransaction>.Fail("Internal bug detected: Change adjustment: Fee needed != fee paid");
        }

        if (p.SubtractFeeOutputs)
        {
            long toReduce = feeNeeded - currentFee;
            int i = 0;
            bool first = true;
            foreach (var recipient in recipients)
            {
                if (changePosition is int pos && i == pos) i++;
                var txout = tx.Outputs[i];
                if (recipient.SubtractFeeFromAmount)
                {
                    // Equal shares; the first pays the remainder.
                    long reduce = toReduce / outputsToSubtractFeeFrom;
                    if (first)
                    {
                        first = false;
                        reduce += toReduce % outputsToSubtractFeeFrom;
                    }
                    txout.Value = Money.Satoshis(txout.Value.Satoshi - reduce);
                    if (Dust.IsDust(txout, dustRelayFee))
                    {
                        return SpendResult<CreatedTransaction>.Fail(txout.Value.Satoshi < 0
                            ? "The transaction amount is too small to pay the fee"
                            : "The transaction amount is too small to send after the fee has been deducted");
                    }
                }
                i++;
            }
            currentFee = result.SelectedValue - tx.Outputs.Sum(o => o.Value.Satoshi);
            if (feeNeeded != currentFee) return SpendResult<CreatedTransaction>.Fail("Internal bug detected: SFFO: Fee needed != fee paid");
        }

        if (feeNeeded > currentFee) return SpendResult<CreatedTransaction>.Fail("Internal bug detected: Fee needed > fee paid");

        // No change address could be made, and change is needed.
        if (scriptChange.Length == 0 && changePosition is not null) return SpendResult<CreatedTransaction>.Fail(changeError);

        if (sign && !wallet.SignTransaction(tx)) return SpendResult<CreatedTransaction>.Fail("Signing transaction failed");

        if ((sign && Common.Formats.TransactionJson.Weight(tx) > CoinSelector.MaxStandardTxWeight) || (!sign && sizes.Weight > CoinSelector.MaxStandardTxWeight))
            return SpendResult<CreatedTransaction>.Fail("Transaction too large");

        if (currentFee > wallet.Options.DefaultMaxTxFee)
            return SpendResult<CreatedTransaction>.Fail("Fee exceeds maximum configured by user (e.g. -maxtxfee, maxfeerate)");

        if (wallet.Options.RejectLongChains && chain.CheckChainLimits(tx) is { } limitError)
            return SpendResult<CreatedTransaction>.Fail(limitError.Original);

        // The change key counts as used from now on, so it is not handed out again.
        reserve.KeepDestination();
        wallet.LogPrint($"Coin Selection: Algorithm:{CoinSelectionAlgorithms.Name(result.Algorithm)}, Waste Metric Score:{result.Waste}");
        wallet.LogPrint($"Fee Calculation: Fee:{currentFee} Bytes:{bytes}, Source: {WalletFees.ReasonText(minFee.Reason)}");
        return SpendResult<CreatedTransaction>.Of(new CreatedTransaction(tx, currentFee, changePosition, minFee.Reason));
    }

    private static int SerializedSize(TxOut output)
    {
        int scriptLength = output.ScriptPubKey.Length;
        return 8 + InputSizes.CompactSizeLength(scriptLength) + scriptLength;
    }
}
