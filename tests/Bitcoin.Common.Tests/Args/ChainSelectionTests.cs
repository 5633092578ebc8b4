using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;
using Bitcoin.Common.Tests.Args.Support;

namespace Bitcoin.Common.Tests.Args;

/// <summary>-chain/-regtest/-testnet/-testnet4/-signet, ported from Core's util_GetChainTypeString.</summary>
public sealed class ChainSelectionTests
{
    private const string ConflictMessage = "Invalid combination of -regtest, -signet, -testnet, -testnet4 and -chain. Can use at most one.";

    // regtest=1 in the [testnet4] section is ignored for chain selection.
    private const string TestnetConf = "testnet4=1\nregtest=0\n[testnet4]\nregtest=1";

    [Fact]
    public void CommandLineChoosesTheChain()
    {
        var args = TestArgs.With("-testnet", "-testnet4", "-regtest");
        args.Parse("");
        Assert.Equal("main", args.GetChainTypeString());
        args.Parse("-testnet4");
        Assert.Equal("testnet4", args.GetChainTypeString());
        args.Parse("-regtest");
        Assert.Equal("regtest", args.GetChainTypeString());
        args.Parse("-testnet4 -noregtest");
        Assert.Equal("testnet4", args.GetChainTypeString());
        args.Parse("-testnet4 -regtest");
        Assert.Equal(ConflictMessage, Assert.Throws<ArgsException>(args.GetChainTypeString).Message);
    }

    [Theory]
    [InlineData(false, "", "testnet4")]
    [InlineData(false, "-testnet4", "testnet4")]
    [InlineData(false, "-regtest", null)]
    [InlineData(false, "-testnet4 -noregtest", "testnet4")]
    [InlineData(false, "-testnet4 -regtest", null)]
    [InlineData(true, "", "testnet4")]
    [InlineData(true, "-testnet4", "testnet4")]
    [InlineData(true, "-regtest", null)]
    [InlineData(true, "-testnet4 -noregtest", "testnet4")]
    [InlineData(true, "-testnet4 -regtest", null)]
    public void ConfigFileCombinesWithTheCommandLine(bool selectTestnet4Section, string commandLine, string? expected)
    {
        var args = TestArgs.With("-testnet", "-testnet4", "-regtest");
        if (selectTestnet4Section)
            args.SelectConfigNetwork("testnet4");
        args.Parse(commandLine);
        args.Config(TestnetConf);
        if (expected is null)
            Assert.Equal(ConflictMessage, Assert.Throws<ArgsException>(args.GetChainTypeString).Message);
        else
            Assert.Equal(expected, args.GetChainTypeString());
    }

    [Theory]
    [InlineData("-chain=main", ChainType.Main)]
    [InlineData("-chain=test", ChainType.Testnet)]
    [InlineData("-testnet", ChainType.Testnet)]
    [InlineData("-chain=testnet4", ChainType.Testnet4)]
    [InlineData("-signet", ChainType.Signet)]
    [InlineData("-chain=regtest", ChainType.Regtest)]
    [InlineData("-regtest=1", ChainType.Regtest)]
    [InlineData("-regtest=0", ChainType.Main)]
    public void EveryChainCanBeSelected(string commandLine, ChainType expected)
    {
        var args = new ArgsManager();
        ChainArgs.Register(args);
        args.Parse(commandLine);
        Assert.Equal(expected, args.GetChainType());
    }

    [Fact]
    public void ChainOptionsConflictWithEachOther()
    {
        var args = new ArgsManager();
        ChainArgs.Register(args);
        args.Parse("-chain=regtest -signet");
        Assert.Equal(ConflictMessage, Assert.Throws<ArgsException>(() => args.GetChainType()).Message);
    }

    [Fact]
    public void UnknownChainNameIsReported()
    {
        var args = new ArgsManager();
        ChainArgs.Register(args);
        args.Parse("-chain=foo");
        Assert.Equal("foo", args.GetChainTypeString());
        Assert.Equal("Unknown chain foo.", Assert.Throws<ArgsException>(() => args.GetChainType()).Message);
    }

    [Fact]
    public void SelectingTheChainSetsTheNetworkDataDirectory()
    {
        using var dir = new TempDirectory();
        var args = new ArgsManager();
        args.AddArg("-datadir", "", ArgFlags.AllowAny, OptionsCategory.Options);
        args.Parse($"-datadir={dir.Path}");
        Assert.Throws<InvalidOperationException>(() => args.GetDataDirNet());
        args.SelectChain(ChainType.Main);
        Assert.Equal(dir.Path, args.GetDataDirNet());
        args.SelectChain(ChainType.Testnet);
        Assert.Equal(Path.Join(dir.Path, "testnet3"), args.GetDataDirNet());
        Assert.Equal(18332, args.BaseParams.RpcPort);
        args.SelectChain(ChainType.Regtest);
        Assert.Equal(Path.Join(dir.Path, "regtest"), args.GetDataDirNet());
        Assert.Equal(ChainType.Regtest, args.Chain);
    }
}
