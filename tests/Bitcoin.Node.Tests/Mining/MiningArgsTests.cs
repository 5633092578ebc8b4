using Bitcoin.Common.Args;
using Bitcoin.Node.Mining;

namespace Bitcoin.Node.Tests.Mining;

public sealed class MiningArgsTests
{
    private static BlockCreateOptions? Read(out string error, params string[] arguments)
    {
        var args = new ArgsManager();
        Bitcoin.Node.Init.NodeArgs.Register(args);
        Assert.True(args.ParseParameters(arguments, out var parseError), parseError);
        return MiningArgs.Read(args, out error);
    }

    [Theory]
    // The messages of Core's mining_basic.py.
    [InlineData("-blockreservedweight=4000001", "-blockreservedweight (4000001) exceeds consensus maximum block weight (4000000)")]
    [InlineData("-blockreservedweight=1999", "-blockreservedweight (1999) is lower than minimum safety value of (2000)")]
    [InlineData("-blockmaxweight=4000001", "-blockmaxweight (4000001) exceeds consensus maximum block weight (4000000)")]
    [InlineData("-blockmaxweight=7999", "-blockreservedweight (8000) exceeds -blockmaxweight (7999)")]
    [InlineData("-blockmintxfee=abc", "Invalid amount for -blockmintxfee=<amount>: 'abc'")]
    [InlineData("-blockmintxfee=0.000000001", "Invalid amount for -blockmintxfee=<amount>: '0.000000001'")]
    [InlineData("-blockmintxfee=21000001", "Invalid amount for -blockmintxfee=<amount>: '21000001'")]
    public void BadValuesStopStartUpWithCoresMessage(string argument, string expected)
    {
        Assert.Null(Read(out var error, argument));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void ValuesAreReadAndUnsetOnesStayForTheDefaults()
    {
        var options = Read(out _, "-blockmintxfee=0.00001", "-blockmaxweight=3000000", "-blockversion=1337", "-printpriority");

        Assert.NotNull(options);
        Assert.Equal(1000, options.BlockMinFeeRatePerKvB);
        Assert.Equal(3_000_000UL, options.BlockMaxWeight);
        Assert.Null(options.BlockReservedWeight);
        Assert.Equal(1337, options.BlockVersionOverride);
        Assert.True(options.PrintModifiedFee);
        var flat = options.Flatten();
        Assert.Equal(BlockCreateOptions.DefaultBlockReservedWeight, flat.BlockReservedWeight);
    }

    [Theory]
    [InlineData(" 0.5 ", 50_000_000)]
    [InlineData("1.", 100_000_000)]
    [InlineData(".00000001", 1)]
    [InlineData("21000000", 2_100_000_000_000_000)]
    public void FeeAmountsAreParsedAsCoresParseMoney(string text, long satoshis)
    {
        Assert.Equal(satoshis, Read(out _, "-blockmintxfee=" + text)!.BlockMinFeeRatePerKvB);
    }
}
