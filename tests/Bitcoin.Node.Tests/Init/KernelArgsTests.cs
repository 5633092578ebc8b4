using Bitcoin.Kernel.Chain;
using Bitcoin.Node.Init;
using NBitcoin;

namespace Bitcoin.Node.Tests.Init;

public sealed class KernelArgsTests
{
    [Fact]
    public void DefaultsAreCores()
    {
        var options = KernelArgs.Read(TestArgs.Parse(), out var error);

        Assert.NotNull(options);
        Assert.Equal(string.Empty, error);
        Assert.Null(options.AssumeValid);
        Assert.Null(options.MinimumChainWork);
        Assert.Equal(6, options.CheckBlocks);
        Assert.Equal(3, options.CheckLevel);
        Assert.False(options.RequireFullVerification);
        Assert.False(options.Reindex || options.ReindexChainstate || options.TxIndex);
        Assert.Equal(0UL, options.PruneTargetBytes);
        Assert.Equal(32L * 1024 * 1024, options.DbBatchSizeBytes);
    }

    [Theory]
    [InlineData("9223372036854775807", 922337203685L)]
    [InlineData("-9223372036854775808", -922337203685L)]
    [InlineData("3600", 3600L)]
    public void MaxTipAgeTakesAnyInt64Seconds(string value, long expectedSeconds)
    {
        // feature_maxtipage.py starts a node with the largest int64: start-up must not fail on it.
        var options = KernelArgs.Read(TestArgs.Parse($"-maxtipage={value}"), out var error);

        Assert.Equal(string.Empty, error);
        Assert.Equal(expectedSeconds, (long)options!.MaxTipAge!.Value.TotalSeconds);
    }

    [Theory]
    [InlineData("0", "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0x1f", "000000000000000000000000000000000000000000000000000000000000001f")]
    [InlineData("00000000000000000002a7c4c1e48d76c5a37902165a270156b7a8d72728a054", "00000000000000000002a7c4c1e48d76c5a37902165a270156b7a8d72728a054")]
    public void AssumeValidAcceptsUserHex(string value, string expected)
    {
        var options = KernelArgs.Read(TestArgs.Parse($"-assumevalid={value}"), out _);

        Assert.Equal(uint256.Parse(expected), options!.AssumeValid);
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000a")]
    [InlineData("12 34")]
    public void AssumeValidRejectsWhatIsNotUpTo64HexDigits(string value)
    {
        Assert.Null(KernelArgs.Read(TestArgs.Parse($"-assumevalid={value}"), out var error));
        Assert.Equal($"Invalid assumevalid block hash specified ({value}), must be up to 64 hex digits (or 0 to disable)", error);
    }

    [Fact]
    public void MinimumChainWorkIsParsedAsANumber()
    {
        var options = KernelArgs.Read(TestArgs.Parse("-minimumchainwork=0x100"), out _);
        Assert.Equal(new ArithUInt256(0x100), options!.MinimumChainWork);

        Assert.Null(KernelArgs.Read(TestArgs.Parse("-minimumchainwork=zz"), out var error));
        Assert.Equal("Invalid minimum work specified (zz), must be up to 64 hex digits", error);
    }

    [Theory]
    [InlineData("-prune=-1", "Prune cannot be configured with a negative value.")]
    [InlineData("-prune=2", "Prune configured below the minimum of 550 MiB.  Please use a higher number.")]
    [InlineData("-prune=549", "Prune configured below the minimum of 550 MiB.  Please use a higher number.")]
    public void PruneValuesAreCheckedAsCoreDoes(string argument, string message)
    {
        Assert.Null(KernelArgs.Read(TestArgs.Parse(argument), out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void PruneOneMeansManualAndLargerValuesAreMebibytes()
    {
        Assert.Equal(ulong.MaxValue, KernelArgs.Read(TestArgs.Parse("-prune=1"), out _)!.PruneTargetBytes);
        Assert.Equal(550UL * 1024 * 1024, KernelArgs.Read(TestArgs.Parse("-prune=550"), out _)!.PruneTargetBytes);
    }

    [Fact]
    public void BareCheckBlockIndexMeansEveryTime()
    {
        Assert.Equal(1, KernelArgs.Read(TestArgs.Parse("-checkblockindex"), out _)!.CheckBlockIndex);
        Assert.Equal(0, KernelArgs.Read(TestArgs.Parse("-checkblockindex=0"), out _)!.CheckBlockIndex);
        Assert.Equal(7, KernelArgs.Read(TestArgs.Parse("-checkblockindex=7"), out _)!.CheckBlockIndex);
    }

    [Fact]
    public void ExplicitVerificationOptionsRequireFullVerification()
    {
        var options = KernelArgs.Read(TestArgs.Parse("-checkblocks=0", "-checklevel=4"), out _)!;

        Assert.Equal(0, options.CheckBlocks);
        Assert.Equal(4, options.CheckLevel);
        Assert.True(options.RequireFullVerification);
    }

    [Fact]
    public void ReindexOptionsAndParAreCarriedThrough()
    {
        var options = KernelArgs.Read(TestArgs.Parse("-reindex", "-reindex-chainstate", "-txindex", "-par=-1", "-dbcache=100"), out _)!;

        Assert.True(options.Reindex);
        Assert.True(options.ReindexChainstate);
        Assert.True(options.TxIndex);
        Assert.Equal(-1, options.Par);
        Assert.Equal(100L * 1024 * 1024, options.DbCacheBytes);
    }
}
