using Bitcoin.Wallet.CoinSelection;
using NBitcoin;

namespace Bitcoin.Wallet.Spend.Internal;

/// <summary>Conversions between NBitcoin's per-kvB fee rates (the interface's) and exact <see cref="TxFeeRate"/>s.</summary>
internal static class FeeRateConversion
{
    public static TxFeeRate ToTx(this FeeRate rate) => TxFeeRate.FromSatoshisPerKvB(rate.FeePerK.Satoshi);

    public static FeeRate ToNBitcoin(this TxFeeRate rate) => new(Money.Satoshis(rate.FeePerKvB));

    public static TxFeeRate Max(TxFeeRate a, TxFeeRate b) => a >= b ? a : b;

    public static TxFeeRate Min(TxFeeRate a, TxFeeRate b) => a <= b ? a : b;
}
