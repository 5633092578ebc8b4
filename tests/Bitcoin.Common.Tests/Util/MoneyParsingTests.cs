using Bitcoin.Common.Util;

namespace Bitcoin.Common.Tests.Util;

/// <summary>Core's util_ParseMoney cases (src/test/util_tests.cpp) as our own table.</summary>
public class MoneyParsingTests
{
    private const long Coin = 100_000_000;

    [Theory]
    [InlineData("0.0", 0L)]
    [InlineData(".", 0L)]
    [InlineData("0.", 0L)]
    [InlineData(".0", 0L)]
    [InlineData(".6789", 67890000L)]
    [InlineData("12345.", 12345 * Coin)]
    [InlineData("12345.6789", 1234567890000L)]
    [InlineData("10000000.00", 10000000 * Coin)]
    [InlineData("1000000.00", 1000000 * Coin)]
    [InlineData("100000.00", 100000 * Coin)]
    [InlineData("10.00", 10 * Coin)]
    [InlineData("1", Coin)]
    [InlineData("   1", Coin)]
    [InlineData("1   ", Coin)]
    [InlineData("  1 ", Coin)]
    [InlineData("\t1\n", Coin)]
    [InlineData("0.1", Coin / 10)]
    [InlineData("0.0001", Coin / 10000)]
    [InlineData("0.00000001", 1L)]
    [InlineData(" 0.00000001 ", 1L)]
    [InlineData("21000000", 21000000 * Coin)]
    public void ValidAmountsParse(string text, long satoshis) => Assert.Equal(satoshis, MoneyParsing.ParseMoney(text));

    [Theory]
    [InlineData("100000000.00")]          // above 21 million BTC
    [InlineData("21000000.00000001")]
    [InlineData("0.000000001")]           // below a satoshi
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("  ")]
    [InlineData("..")]
    [InlineData("0..0")]
    [InlineData("1 2")]
    [InlineData(" 1 2 ")]
    [InlineData(" 1.2 3 ")]
    [InlineData(" 1 2.3 ")]
    [InlineData(" -1 .2  ")]
    [InlineData("  1 .2  ")]
    [InlineData(" +1 .2  ")]
    [InlineData("92233720368.54775808")]  // would overflow
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("\0-1")]
    [InlineData("1\0")]
    [InlineData("1\0 2")]
    public void MalformedOrOutOfRangeAmountsAreRefused(string text) => Assert.Null(MoneyParsing.ParseMoney(text));
}
