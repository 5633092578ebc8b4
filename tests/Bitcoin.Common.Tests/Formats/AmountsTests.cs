using Bitcoin.Common.Formats;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;

namespace Bitcoin.Common.Tests.Formats;

/// <summary>Core's ValueFromAmount / AmountFromValue (rpc_tests.cpp) and ParseFixedPoint (util_tests.cpp).</summary>
public class AmountsTests
{
    private const long Coin = Amounts.Coin;

    public static TheoryData<long, string> FormattedAmounts() => new()
    {
        { 0, "0.00000000" }, { 1, "0.00000001" }, { 17622195, "0.17622195" }, { 50000000, "0.50000000" },
        { 89898989, "0.89898989" }, { 100000000, "1.00000000" }, { 2099999999999990, "20999999.99999990" },
        { 2099999999999999, "20999999.99999999" }, { Coin / 10000 * 123456789, "12345.67890000" }, { -Coin, "-1.00000000" },
        { -Coin / 10, "-0.10000000" }, { Coin * 100000000, "100000000.00000000" }, { Coin * 10000000, "10000000.00000000" },
        { Coin * 1000000, "1000000.00000000" }, { Coin * 100000, "100000.00000000" }, { Coin * 10000, "10000.00000000" },
        { Coin * 1000, "1000.00000000" }, { Coin * 100, "100.00000000" }, { Coin * 10, "10.00000000" },
        { Coin / 10, "0.10000000" }, { Coin / 100, "0.01000000" }, { Coin / 1000, "0.00100000" }, { Coin / 10000, "0.00010000" },
        { Coin / 100000, "0.00001000" }, { Coin / 1000000, "0.00000100" }, { Coin / 10000000, "0.00000010" },
        { long.MaxValue, "92233720368.54775807" }, { long.MaxValue - 1, "92233720368.54775806" },
        { long.MaxValue - 2, "92233720368.54775805" }, { long.MaxValue - 3, "92233720368.54775804" },
        { long.MinValue + 3, "-92233720368.54775805" }, { long.MinValue + 2, "-92233720368.54775806" },
        { long.MinValue + 1, "-92233720368.54775807" }, { long.MinValue, "-92233720368.54775808" },
    };

    [Theory]
    [MemberData(nameof(FormattedAmounts))]
    public void ValueFromAmountWritesEightDecimals(long satoshis, string text)
    {
        Assert.Equal(text, JsonText.Write(Amounts.ToJson(satoshis)));
        Assert.Equal(8, Amounts.ValueFromAmount(satoshis).Scale);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("0.00000000", 0L)]
    [InlineData("0.00000001", 1L)]
    [InlineData("0.17622195", 17622195L)]
    [InlineData("0.5", 50000000L)]
    [InlineData("0.50000000", 50000000L)]
    [InlineData("0.89898989", 89898989L)]
    [InlineData("1.00000000", 100000000L)]
    [InlineData("20999999.9999999", 2099999999999990L)]
    [InlineData("20999999.99999999", 2099999999999999L)]
    [InlineData("1e-8", 1L)]
    [InlineData("0.1e-7", 1L)]
    [InlineData("0.01e-6", 1L)]
    [InlineData("0.00000000000000000000000000000000000001e+30", 1L)]
    [InlineData("0.0000000000000000000000000000000000000000000000000000000000000000000000000001e+68", 1L)]
    [InlineData("10000000000000000000000000000000000000000000000000000000000000000e-64", 100000000L)]
    [InlineData("0.000000000000000000000000000000000000000000000000000000000000000100000000000000000000000000000000000000000000000000000e64", 100000000L)]
    [InlineData("0.00000001000000", 1L)]
    [InlineData("0.19e-6", 19L)]
    public void AmountFromValueParsesCoreNumbers(string number, long satoshis)
    {
        Assert.Equal(satoshis, Amounts.AmountFromValue(JsonNumbers.FromText(number)));
        // Numeric strings are accepted too.
        Assert.Equal(satoshis, Amounts.AmountFromValue(System.Text.Json.Nodes.JsonValue.Create(number)));
    }

    [Theory]
    [InlineData("-0.00000001", "Amount out of range")]
    [InlineData("1e-9", "Invalid amount")]
    [InlineData("0.000000019", "Invalid amount")]
    [InlineData("19e-9", "Invalid amount")]
    [InlineData("92233720368.54775808", "Invalid amount")]
    [InlineData("1e+11", "Invalid amount")]
    [InlineData("1e11", "Invalid amount")]
    [InlineData("93e+9", "Invalid amount")]
    [InlineData("21000000.00000001", "Amount out of range")]
    public void AmountFromValueRejectsWithCoreErrors(string number, string message)
        => FormatsTestData.AssertRpcError(RpcErrorCode.TypeError, message, () => Amounts.AmountFromValue(JsonNumbers.FromText(number)));

    [Fact]
    public void AmountFromValueRejectsNonNumbers()
    {
        FormatsTestData.AssertRpcError(RpcErrorCode.TypeError, "Invalid amount", () => Amounts.AmountFromValue(System.Text.Json.Nodes.JsonValue.Create(".19e-6")));
        FormatsTestData.AssertRpcError(RpcErrorCode.TypeError, "Invalid amount", () => Amounts.AmountFromValue(System.Text.Json.Nodes.JsonValue.Create("foo")));
        FormatsTestData.AssertRpcError(RpcErrorCode.TypeError, "Amount is not a number or string", () => Amounts.AmountFromValue(null));
        FormatsTestData.AssertRpcError(RpcErrorCode.TypeError, "Amount is not a number or string", () => Amounts.AmountFromValue(System.Text.Json.Nodes.JsonValue.Create(true)));
        Assert.Equal(1, Amounts.AmountFromValue(JsonNumbers.FromText("0.001"), decimals: 3));
    }

    [Theory]
    [InlineData("0", 8, 0L)]
    [InlineData("1", 8, 100000000L)]
    [InlineData("0.0", 8, 0L)]
    [InlineData("-0.1", 8, -10000000L)]
    [InlineData("1.1", 8, 110000000L)]
    [InlineData("1.10000000000000000", 8, 110000000L)]
    [InlineData("1.1e1", 8, 1100000000L)]
    [InlineData("1.1e-1", 8, 11000000L)]
    [InlineData("1000", 8, 100000000000L)]
    [InlineData("-1000", 8, -100000000000L)]
    [InlineData("0.00000001", 8, 1L)]
    [InlineData("0.0000000100000000", 8, 1L)]
    [InlineData("-0.00000001", 8, -1L)]
    [InlineData("1000000000.00000001", 8, 100000000000000001L)]
    [InlineData("9999999999.99999999", 8, 999999999999999999L)]
    [InlineData("-9999999999.99999999", 8, -999999999999999999L)]
    [InlineData("0.001", 3, 1L)]
    public void ParseFixedPointAcceptsCoreCases(string text, int decimals, long expected)
    {
        Assert.True(Amounts.TryParseFixedPoint(text, decimals, out long amount));
        Assert.Equal(expected, amount);
    }

    [Theory]
    [InlineData("", 8)]
    [InlineData("-", 8)]
    [InlineData("a-1000", 8)]
    [InlineData("-a1000", 8)]
    [InlineData("-1000a", 8)]
    [InlineData("-01000", 8)]
    [InlineData("00.1", 8)]
    [InlineData(".1", 8)]
    [InlineData("--0.1", 8)]
    [InlineData("0.000000001", 8)]
    [InlineData("-0.000000001", 8)]
    [InlineData("0.00000001000000001", 8)]
    [InlineData("-10000000000.00000000", 8)]
    [InlineData("10000000000.00000000", 8)]
    [InlineData("-10000000000.00000001", 8)]
    [InlineData("10000000000.00000001", 8)]
    [InlineData("-10000000000.00000009", 8)]
    [InlineData("10000000000.00000009", 8)]
    [InlineData("-99999999999.99999999", 8)]
    [InlineData("99999909999.09999999", 8)]
    [InlineData("92233720368.54775807", 8)]
    [InlineData("92233720368.54775808", 8)]
    [InlineData("-92233720368.54775808", 8)]
    [InlineData("-92233720368.54775809", 8)]
    [InlineData("1.1e", 8)]
    [InlineData("1.1e-", 8)]
    [InlineData("1.", 8)]
    [InlineData("0.0009", 3)]
    [InlineData("31.00100001", 3)]
    [InlineData("31.0011", 3)]
    [InlineData("31.99999999", 3)]
    [InlineData("31.999999999999999999999", 3)]
    public void ParseFixedPointRejectsCoreCases(string text, int decimals)
        => Assert.False(Amounts.TryParseFixedPoint(text, decimals, out _));

    [Fact]
    public void MoneyRangeIsZeroToTwentyOneMillion()
    {
        Assert.True(Amounts.MoneyRange(0));
        Assert.True(Amounts.MoneyRange(21_000_000 * Coin));
        Assert.False(Amounts.MoneyRange(21_000_000 * Coin + 1));
        Assert.False(Amounts.MoneyRange(-1));
    }
}
