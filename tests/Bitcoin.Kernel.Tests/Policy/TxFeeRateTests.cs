using Bitcoin.Kernel.Policy;

namespace Bitcoin.Kernel.Tests.Policy;

// Core's amount_tests GetFeeTest: fees round up, negative rates keep at least one satoshi, rates compare exactly.
public class TxFeeRateTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 100_000, 0)]
    [InlineData(1000, 1, 1)]
    [InlineData(1000, 121, 121)]
    [InlineData(1000, 9000, 9000)]
    [InlineData(-1000, 1, -1)]
    [InlineData(-1000, 999, -999)]
    [InlineData(123, 8, 1)]
    [InlineData(123, 9, 2)]
    [InlineData(123, 121, 15)]
    [InlineData(123, 122, 16)]
    [InlineData(123, 999, 123)]
    [InlineData(123, 1000, 123)]
    [InlineData(123, 9000, 1107)]
    [InlineData(-123, 8, -1)]
    [InlineData(-123, 9, -1)]
    public void GetFeeRoundsUpAndNeverRoundsANegativeRateToZero(long perKvB, long vsize, long expected) =>
        Assert.Equal(expected, TxFeeRate.FromSatoshisPerKvB(perKvB).GetFee(vsize));

    [Fact]
    public void RatesFromFeeAndSizeCompareExactly()
    {
        Assert.Equal(TxFeeRate.Zero, TxFeeRate.FromFee(-1, 0));
        Assert.Equal(TxFeeRate.Zero, TxFeeRate.FromFee(1, 0));
        Assert.Equal(TxFeeRate.Zero, TxFeeRate.FromFee(1, -1000));
        Assert.Equal(TxFeeRate.FromSatoshisPerKvB(-1), TxFeeRate.FromFee(-1, 1000));
        Assert.Equal(TxFeeRate.FromSatoshisPerKvB(1), TxFeeRate.FromFee(1, 1000));
        Assert.True(TxFeeRate.FromFee(1, 1001) > TxFeeRate.Zero);
        Assert.True(TxFeeRate.FromFee(1, 1001) < TxFeeRate.FromSatoshisPerKvB(1));
        Assert.True(TxFeeRate.FromFee(26, 789) > TxFeeRate.FromSatoshisPerKvB(32));
        Assert.True(TxFeeRate.FromFee(26, 789) < TxFeeRate.FromSatoshisPerKvB(33));
        Assert.True(TxFeeRate.FromFee(27, 789) > TxFeeRate.FromSatoshisPerKvB(34));
        Assert.True(TxFeeRate.FromFee(27, 789) < TxFeeRate.FromSatoshisPerKvB(35));
        // The largest values do not overflow.
        Assert.True(TxFeeRate.FromFee(21_000_000L * 100_000_000, int.MaxValue).FeePerKvB > 0);
    }

    [Fact]
    public void ToStringIsCoresBtcPerKvBAndSatPerVbFormat()
    {
        Assert.Equal("0.00001000 BTC/kvB", TxFeeRate.FromSatoshisPerKvB(1000).ToString());
        Assert.Equal("1.000 sat/vB", TxFeeRate.FromSatoshisPerKvB(1000).ToSatPerVbString());
        Assert.Equal("0.00000123 BTC/kvB", TxFeeRate.FromFee(123, 1000).ToString());
    }
}
