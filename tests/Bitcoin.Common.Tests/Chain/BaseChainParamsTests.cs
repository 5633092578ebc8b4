using Bitcoin.Common.Chain;

namespace Bitcoin.Common.Tests.Chain;

/// <summary>Core's chainparamsbase facts.</summary>
public sealed class BaseChainParamsTests
{
    [Theory]
    [InlineData(ChainType.Main, "main", "", 8332, 8334)]
    [InlineData(ChainType.Testnet, "test", "testnet3", 18332, 18334)]
    [InlineData(ChainType.Testnet4, "testnet4", "testnet4", 48332, 48334)]
    [InlineData(ChainType.Signet, "signet", "signet", 38332, 38334)]
    [InlineData(ChainType.Regtest, "regtest", "regtest", 18443, 18445)]
    public void ChainsHaveCoresNamesDirectoriesAndPorts(ChainType chain, string name, string dataDir, int rpcPort, int onionPort)
    {
        var parameters = BaseChainParams.For(chain);
        Assert.Equal(name, chain.ToName());
        Assert.Equal(name, parameters.Name);
        Assert.True(ChainTypeNames.TryParse(name, out var parsed));
        Assert.Equal(chain, parsed);
        Assert.Equal(dataDir, parameters.DataDir);
        Assert.Equal(rpcPort, parameters.RpcPort);
        Assert.Equal(onionPort, parameters.OnionServiceTargetPort);
    }

    [Theory]
    [InlineData("testnet")]
    [InlineData("Main")]
    [InlineData("")]
    public void OtherNamesAreNotChains(string name)
    {
        Assert.False(ChainTypeNames.TryParse(name, out _));
    }

    [Fact]
    public void ListOfNamesIsCores()
    {
        Assert.Equal("main, test, testnet4, signet, regtest", ChainTypeNames.ListChainNames);
        Assert.Equal(ChainTypeNames.ListChainNames, string.Join(", ", ChainTypeNames.All.Select(c => c.ToName())));
    }
}
