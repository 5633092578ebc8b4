using Bitcoin.Wallet.CoinSelection;
using Money = NBitcoin.Money;
using Script = NBitcoin.Script;
using TxOut = NBitcoin.TxOut;
using static Bitcoin.Wallet.Tests.CoinSelection.CoinSelectionTestKit;

namespace Bitcoin.Wallet.Tests.CoinSelection;

/// <summary>Core's coinselector_tests.cpp waste_test, bump_fee_test and effective_value_test.</summary>
public sealed class WasteMetricTests
{
    private const long Fee = 100, MinViableChange = 300, ChangeCost = 125, ChangeFee = 30, FeeDiff = 40;
    private const long InAmount = 3 * Coin, Target = 2 * Coin, Excess = 80;
    private const long ExactTarget = InAmount - Fee * 2;

    private static long Waste(long target, long fee, long longTermFee, long changeCost = ChangeCost)
    {
        var selection = new SelectionResult(target, SelectionAlgorithm.Manual);
        AddCoin(selection, 1 * Coin, fee, longTermFee);
        AddCoin(selection, 2 * Coin, fee, longTermFee);
        selection.RecalculateWaste(MinViableChange, changeCost, ChangeFee);
        return selection.Waste;
    }

    [Fact]
    public void WasteWithChangeIsChangeCostPlusFeeDifference()
    {
        long w1 = Waste(Target, Fee, Fee - FeeDiff);
        Assert.Equal(FeeDiff * 2 + ChangeCost, w1);
        Assert.True(Waste(Target, Fee * 2, Fee - FeeDiff) > w1);
        long w3 = Waste(Target, Fee, Fee + FeeDiff);
        Assert.Equal(FeeDiff * -2 + ChangeCost, w3);
        Assert.True(w3 < w1);
    }

    [Fact]
    public void WasteWithoutChangeIsExcessPlusFeeDifference()
    {
        long w1 = Waste(ExactTarget - Excess, Fee, Fee - FeeDiff);
        Assert.Equal(FeeDiff * 2 + Excess, w1);
        long w2 = Waste(ExactTarget - Excess, Fee, Fee + FeeDiff);
        Assert.Equal(FeeDiff * -2 + Excess, w2);
        Assert.True(w2 < w1);
    }

    [Fact]
    public void WasteEdgeCases()
    {
        Assert.Equal(ChangeCost, Waste(Target, Fee, Fee));
        Assert.Equal(Excess, Waste(ExactTarget - Excess, Fee, Fee));
        Assert.Equal(0, Waste(ExactTarget, Fee, Fee));
        Assert.Equal(0, Waste(Target, Fee, Fee + FeeDiff, changeCost: FeeDiff * 2));
        Assert.Equal(0, Waste(ExactTarget - FeeDiff * 2, Fee, Fee + FeeDiff));
        Assert.Equal(-2 * FeeDiff, Waste(ExactTarget, Fee, Fee + FeeDiff));
        Assert.Equal(-55, Waste(Target, Fee, Fee + 90));
    }

    [Fact]
    public void BumpFeesCountInWasteAndTheGroupDiscountReducesIt()
    {
        const long minViableChange = 200, changeCost = 125, changeFee = 35;
        var selection = new SelectionResult(2 * Coin, SelectionAlgorithm.Manual);
        AddCoin(selection, 1 * Coin, Fee, Fee + FeeDiff);
        AddCoin(selection, 2 * Coin, Fee, Fee + FeeDiff);
        var inputs = selection.GetShuffledInputs(new CoinSelectionRandom(3));
        for (int i = 0; i < inputs.Count; i++) inputs[i].ApplyBumpFee(20 * (i + 1));
        selection.RecalculateWaste(minViableChange, changeCost, changeFee);
        Assert.Equal(FeeDiff * -2 + changeCost + 60, selection.Waste);
        selection.SetBumpFeeDiscount(30);
        selection.RecalculateWaste(minViableChange, changeCost, changeFee);
        Assert.Equal(FeeDiff * -2 + changeCost + 60 - 30, selection.Waste);

        // Without change, bump fees and excess both count fully: the discount moves value between them.
        var changeless = new SelectionResult(3 * Coin - 2 * Fee - 100, SelectionAlgorithm.Manual);
        AddCoin(changeless, 1 * Coin, Fee, Fee + FeeDiff);
        AddCoin(changeless, 2 * Coin, Fee, Fee + FeeDiff);
        inputs = changeless.GetShuffledInputs(new CoinSelectionRandom(3));
        for (int i = 0; i < inputs.Count; i++) inputs[i].ApplyBumpFee(20 * (i + 1));
        changeless.RecalculateWaste(minViableChange, changeCost, changeFee);
        Assert.Equal(FeeDiff * -2 + 60 + 40, changeless.Waste);
        changeless.SetBumpFeeDiscount(30);
        changeless.RecalculateWaste(minViableChange, changeCost, changeFee);
        Assert.Equal(FeeDiff * -2 + 60 - 30 + 70, changeless.Waste);
    }

    [Fact]
    public void EffectiveValueIsValueMinusSpendingFee()
    {
        var outpoint = NextOutPoint();
        var txOut = new TxOut(Money.Satoshis(10_000), Script.Empty);
        var rate = TxFeeRate.FromSatoshisPerKvB(1000);
        Assert.Equal(9852, new CoinOutput(outpoint, txOut, 1, 148, true, true, 0, false, rate).EffectiveValue);
        Assert.Equal(10_000, new CoinOutput(outpoint, txOut, 1, -1, true, true, 0, false, rate).EffectiveValue);
        Assert.Equal(-4800, new CoinOutput(outpoint, txOut, 1, 148, true, true, 0, false, TxFeeRate.FromSatoshisPerKvB(100_000)).EffectiveValue);
        Assert.Equal(9852, new CoinOutput(outpoint, txOut, 1, 148, true, true, 0, false, 148L).EffectiveValue);
        Assert.Equal(10_000, new CoinOutput(outpoint, txOut, 1, -1, true, true, 0, false, 0L).EffectiveValue);
    }

    [Fact]
    public void FeeRateRoundsFeesUpAndPerKvBDown()
    {
        var rate = TxFeeRate.FromFee(1001, 1000);
        Assert.Equal(2, rate.GetFee(1));
        Assert.Equal(1001, rate.FeePerKvB);
        Assert.Equal(1, TxFeeRate.FromSatoshisPerKvB(1).GetFee(1));
        Assert.Equal(0, TxFeeRate.Zero.GetFee(100));
        Assert.Equal(-1, TxFeeRate.FromSatoshisPerKvB(-1).GetFee(1));
        Assert.True(TxFeeRate.FromFee(1, 3) > TxFeeRate.FromSatoshisPerKvB(333));
        Assert.Equal("0.00001000 BTC/kvB", TxFeeRate.FromSatoshisPerKvB(1000).ToString());
        Assert.Equal("1.000 sat/vB", TxFeeRate.FromSatoshisPerKvB(1000).ToSatPerVbString());
    }
}
