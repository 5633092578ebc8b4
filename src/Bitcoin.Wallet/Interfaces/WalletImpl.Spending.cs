using Bitcoin.Common.Psbt;
using Bitcoin.Interfaces;
using Bitcoin.Wallet.CoinSelection;
using Bitcoin.Wallet.Psbt;
using Bitcoin.Wallet.Spend;
using NBitcoin;

namespace Bitcoin.Wallet.Interfaces;

internal sealed partial class WalletImpl
{
    /// <inheritdoc/>
    public InterfaceResult<CreatedTransactionResult> CreateTransaction(IReadOnlyList<Recipient> recipients, CoinControl coinControl, bool sign, int? changePosition)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(coinControl);
        lock (_wallet.SyncRoot)
        {
            var result = TransactionCreator.CreateTransaction(_wallet, recipients, changePosition, ToSpendCoinControl(coinControl), sign);
            if (!result.Success) return InterfaceResult<CreatedTransactionResult>.Failure(result.Error);
            var created = result.Value!;
            return InterfaceResult<CreatedTransactionResult>.Success(
                new CreatedTransactionResult(created.Tx, Money.Satoshis(created.Fee), created.FeeReason, created.ChangePosition));
        }
    }

    /// <inheritdoc/>
    public PsbtError? FillPsbt(PsbtFillOptions options, PartiallySignedTransaction psbt, out int signedCount, out bool complete) =>
        WalletPsbt.Fill(_wallet, psbt, options, out complete, out signedCount);

    /// <inheritdoc/>
    public Money GetAvailableBalance(CoinControl coinControl)
    {
        ArgumentNullException.ThrowIfNull(coinControl);
        var spendControl = ToSpendCoinControl(coinControl);
        lock (_wallet.SyncRoot)
        {
            long total = 0;
            if (spendControl.HasSelected)
            {
                // As Core: an input that cannot be fetched is left out rather than reported.
                var selected = SpendableCoins.FetchSelectedInputs(_wallet, spendControl, new CoinSelectionParams(new CoinSelectionRandom()), out var error);
                if (error.Length == 0) total += selected.TotalAmount;
            }

            if (spendControl.AllowOtherInputs) total += SpendableCoins.AvailableCoins(_wallet, spendControl, feeRate: null).TotalAmount;
            return Money.Satoshis(total);
        }
    }

    /// <inheritdoc/>
    public Money GetRequiredFee(uint txBytes) => Money.Satoshis(WalletFees.GetRequiredFee(_wallet, txBytes));

    /// <inheritdoc/>
    public Money GetMinimumFee(uint txBytes, CoinControl coinControl, out int? returnedTarget, out FeeReason reason)
    {
        ArgumentNullException.ThrowIfNull(coinControl);
        var rate = WalletFees.GetMinimumFeeRate(_wallet, ToSpendCoinControl(coinControl));
        returnedTarget = rate.ReturnedTarget;
        reason = rate.Reason;
        return Money.Satoshis(rate.FeeRate.GetFee(txBytes));
    }

    /// <summary>The spending code's coin control from the interface's serializable one.</summary>
    private static SpendCoinControl ToSpendCoinControl(CoinControl control)
    {
        var result = new SpendCoinControl
        {
            DestChange = control.DestChange,
            ChangeType = control.ChangeType,
            IncludeUnsafeInputs = control.IncludeUnsafeInputs,
            AllowOtherInputs = control.AllowOtherInputs,
            OverrideFeeRate = control.OverrideFeeRate,
            FeeRate = control.FeeRate is { } rate ? TxFeeRate.FromSatoshisPerKvB(rate.FeePerK.Satoshi) : null,
            ConfirmTarget = control.ConfirmTarget,
            SignalRbf = control.SignalRbf,
            AvoidPartialSpends = control.AvoidPartialSpends,
            AvoidAddressReuse = control.AvoidAddressReuse,
            FeeMode = control.FeeMode switch
            {
                1 => FeeEstimateMode.Economical,
                2 => FeeEstimateMode.Conservative,
                _ => FeeEstimateMode.Unset,
            },
            MinDepth = control.MinDepth,
            MaxDepth = control.MaxDepth,
            LockTime = control.LockTime,
            MaxTxWeight = control.MaxTxWeight,
        };
        if (control.Version is { } version) result.Version = version;
        foreach (var outpoint in control.SelectedInputs) result.Select(outpoint);
        return result;
    }
}
