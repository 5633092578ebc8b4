using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Policy;
using Bitcoin.Node.Init;

namespace Bitcoin.Node.Tests.Init;

public sealed class MempoolArgsTests
{
    private static readonly ChainParams Regtest = ChainParams.Create(ChainType.Regtest);
    private static readonly ChainParams Main = ChainParams.Create(ChainType.Main);

    [Fact]
    public void DefaultsAreCoresAndRegtestChecksConsistency()
    {
        var options = MempoolArgs.Read(TestArgs.Parse(), Regtest, out var error);

        Assert.NotNull(options);
        Assert.Equal(string.Empty, error);
        Assert.Equal(300_000_000L, options.MaxSizeBytes);
        Assert.Equal(TimeSpan.FromHours(336), options.Expiry);
        Assert.True(options.RequireStandard);
        Assert.Equal(1, options.CheckRatio);
        Assert.Equal(0, MempoolArgs.Read(TestArgs.Parse(), Main, out _)!.CheckRatio);
    }

    [Theory]
    [InlineData("-minrelaytxfee=abc", "Invalid amount for -minrelaytxfee=<amount>: 'abc'")]
    [InlineData("-incrementalrelayfee=-1", "Invalid amount for -incrementalrelayfee=<amount>: '-1'")]
    [InlineData("-dustrelayfee=0.000000001", "Invalid amount for -dustrelayfee=<amount>: '0.000000001'")]
    [InlineData("-limitclustercount=65", "limitclustercount must be less than or equal to 64")]
    [InlineData("-maxmempool=1", "-maxmempool must be at least 5 MB")]
    public void BadValuesFailWithCoresMessage(string argument, string message)
    {
        Assert.Null(MempoolArgs.Read(TestArgs.Parse(argument), Regtest, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void NonStandardTransactionsAreOnlyForTestChains()
    {
        Assert.False(MempoolArgs.Read(TestArgs.Parse("-acceptnonstdtxn"), Regtest, out _)!.RequireStandard);

        Assert.Null(MempoolArgs.Read(TestArgs.Parse("-acceptnonstdtxn"), Main, out var error));
        Assert.Equal("acceptnonstdtxn is not currently supported for main chain", error);
    }

    [Fact]
    public void IncrementalRelayFeeRaisesTheMinimumRelayFeeUnlessThatIsGiven()
    {
        var raised = MempoolArgs.Read(TestArgs.Parse("-incrementalrelayfee=0.0002"), Regtest, out _)!;
        Assert.Equal(TxFeeRate.FromSatoshisPerKvB(20_000), raised.MinRelayFeeRate);

        var explicitMin = MempoolArgs.Read(TestArgs.Parse("-incrementalrelayfee=0.0002", "-minrelaytxfee=0.00001"), Regtest, out _)!;
        Assert.Equal(TxFeeRate.FromSatoshisPerKvB(1_000), explicitMin.MinRelayFeeRate);
    }

    [Fact]
    public void DataCarrierCanBeSizedOrTurnedOff()
    {
        Assert.Equal(83, MempoolArgs.Read(TestArgs.Parse("-datacarriersize=83"), Regtest, out _)!.MaxDatacarrierBytes);
        Assert.Null(MempoolArgs.Read(TestArgs.Parse("-datacarrier=0"), Regtest, out _)!.MaxDatacarrierBytes);
    }

    [Fact]
    public void SizesAreInMegabytesAndKilovbytes()
    {
        var options = MempoolArgs.Read(TestArgs.Parse("-maxmempool=50", "-limitclustersize=101", "-mempoolexpiry=2"), Regtest, out _)!;

        Assert.Equal(50_000_000L, options.MaxSizeBytes);
        Assert.Equal(101_000L, options.Limits.ClusterSizeVBytes);
        Assert.Equal(TimeSpan.FromHours(2), options.Expiry);
    }
}
