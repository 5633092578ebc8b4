using Bitcoin.Node.Init;

namespace Bitcoin.Node.Tests.Init;

public sealed class DbCacheTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData("-dbcache=300", 300 * MiB)]
    [InlineData("-dbcache=4", 4 * MiB)]
    [InlineData("-dbcache=1", 4 * MiB)]
    [InlineData("-dbcache=0", 4 * MiB)]
    [InlineData("-dbcache=-5", 4 * MiB)]
    public void DbCacheIsInMebibytesWithAFloorOfFour(string argument, long expected)
    {
        Assert.Equal(expected, DbCache.Bytes(TestArgs.Parse(argument)));
    }

    [Fact]
    public void DefaultDependsOnTheMachinesMemory()
    {
        var expected = DbCache.TotalRamBytes() >= 4096 * MiB ? 1024 * MiB : 450 * MiB;
        Assert.Equal(expected, DbCache.Bytes(TestArgs.Parse()));
    }

    [Fact]
    public void HugeDbCacheIsWarnedAbout()
    {
        var warning = DbCache.OversizedWarning(TestArgs.Parse("-dbcache=100000000"));

        Assert.NotNull(warning);
        Assert.StartsWith("A 100000000 MiB dbcache may be too large for a system memory of only ", warning, StringComparison.Ordinal);
        Assert.Null(DbCache.OversizedWarning(TestArgs.Parse("-dbcache=100")));
    }
}
