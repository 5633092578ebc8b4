using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using NBitcoin;

namespace Bitcoin.Kernel.Tests.Chain;

public class ChainParamsTests
{
    [Theory]
    [InlineData(ChainType.Main, "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", "f9beb4d9", 8333, "bc")]
    [InlineData(ChainType.Testnet, "000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943", "0b110907", 18333, "tb")]
    [InlineData(ChainType.Testnet4, "00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043", "1c163f28", 48333, "tb")]
    [InlineData(ChainType.Signet, "00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6", "0a03cf40", 38333, "tb")]
    [InlineData(ChainType.Regtest, "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206", "fabfb5da", 18444, "bcrt")]
    public void EveryChainHasCoresGenesisMagicPortAndHrp(ChainType type, string genesisHash, string magic, int port, string hrp)
    {
        var chain = ChainParams.Create(type);

        Assert.Equal(uint256.Parse(genesisHash), chain.GenesisBlock.GetHash());
        Assert.Equal(uint256.Parse(genesisHash), chain.Consensus.HashGenesisBlock);
        // NBitcoin's own network object must agree on the genesis block.
        Assert.Equal(uint256.Parse(genesisHash), chain.Network.GetGenesis().GetHash());
        Assert.Equal(magic, Convert.ToHexStringLower(chain.MessageStart.Span));
        Assert.Equal(port, chain.DefaultPort);
        Assert.Equal(hrp, chain.Bech32Hrp);
        Assert.Equal(type, ChainParams.GetNetworkForMagic(chain.MessageStart.Span));
    }

    [Fact]
    public void RegtestNeverRetargetsAndAllowsMockTime()
    {
        var regtest = ChainParams.Create(ChainType.Regtest);

        Assert.True(regtest.MineBlocksOnDemand);
        Assert.True(regtest.IsMockableChain);
        Assert.True(regtest.IsTestChain);
        Assert.Equal(150, regtest.Consensus.SubsidyHalvingInterval);
        Assert.Equal(0, regtest.Consensus.SegwitHeight);
        Assert.Equal(144, regtest.Consensus.DifficultyAdjustmentInterval);
        Assert.False(ChainParams.Create(ChainType.Main).IsTestChain);
    }

    [Fact]
    public void TestActivationHeightOverridesBuriedDeployment()
    {
        var options = ChainParamsOptions.FromArgumentValues(["segwit@432", "bip34@2", "dersig@3", "cltv@4", "csv@5"], []);

        var consensus = ChainParams.Create(ChainType.Regtest, options).Consensus;

        Assert.Equal(432, consensus.SegwitHeight);
        Assert.Equal(2, consensus.Bip34Height);
        Assert.Equal(3, consensus.Bip66Height);
        Assert.Equal(4, consensus.Bip65Height);
        Assert.Equal(5, consensus.CsvHeight);
    }

    [Theory]
    [InlineData("segwit", "Invalid format (segwit) for -testactivationheight=name@height.")]
    [InlineData("segwit@-1", "Invalid height value (segwit@-1) for -testactivationheight=name@height.")]
    [InlineData("segwit@+1", "Invalid height value (segwit@+1) for -testactivationheight=name@height.")]
    [InlineData("segwit@2147483647", "Invalid height value (segwit@2147483647) for -testactivationheight=name@height.")]
    [InlineData("taproot@1", "Invalid name (taproot@1) for -testactivationheight=name@height.")]
    public void MalformedTestActivationHeightIsRejectedWithCoresMessage(string value, string message)
    {
        var error = Assert.Throws<FormatException>(() => ChainParamsOptions.FromArgumentValues([value], []));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("testdummy:1", "Version bits parameters malformed, expecting deployment:start:end[:min_activation_height]")]
    [InlineData("testdummy:x:2", "Invalid nStartTime (x)")]
    [InlineData("testdummy:1:y", "Invalid nTimeout (y)")]
    [InlineData("testdummy:1:2:z", "Invalid min_activation_height (z)")]
    [InlineData("nosuch:1:2", "Invalid deployment (nosuch)")]
    public void MalformedVbParamsIsRejectedWithCoresMessage(string value, string message)
    {
        var error = Assert.Throws<FormatException>(() => ChainParamsOptions.FromArgumentValues([], [value]));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void VbParamsOverrideTestDummyDeployment()
    {
        var options = ChainParamsOptions.FromArgumentValues([], ["testdummy:-1:9223372036854775807:288"]);

        var deployment = ChainParams.Create(ChainType.Regtest, options).Consensus.GetDeployment(DeploymentPos.TestDummy);

        Assert.Equal(Bip9Deployment.AlwaysActive, deployment.StartTime);
        Assert.Equal(Bip9Deployment.NoTimeout, deployment.Timeout);
        Assert.Equal(288, deployment.MinActivationHeight);
        Assert.Equal(144, deployment.Period);
        Assert.Equal(108, deployment.Threshold);
    }

    [Fact]
    public void CustomSignetChallengeChangesMagicAndClearsAssumeValid()
    {
        // OP_TRUE as the challenge: every block solves it.
        var options = ChainParamsOptions.FromArgumentValues([], [], signetChallenges: ["51"], signetSeedNodes: ["127.0.0.1:38333"]);

        var signet = ChainParams.Create(ChainType.Signet, options);

        Assert.NotEqual("0a03cf40", Convert.ToHexStringLower(signet.MessageStart.Span));
        Assert.Equal(uint256.Zero, signet.DefaultAssumeValid);
        Assert.True(signet.MinimumChainWork.IsZero);
        Assert.Equal(new byte[] { 0x51 }, signet.Consensus.SignetChallenge.ToArray());
        Assert.Equal(["127.0.0.1:38333"], signet.DnsSeeds);
        Assert.Equal(uint256.Parse("00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6"), signet.GenesisBlock.GetHash());
        // Creating it twice must reuse NBitcoin's registered network rather than fail.
        Assert.Same(signet.Network, ChainParams.Create(ChainType.Signet, options).Network);
    }

    [Theory]
    [InlineData(new[] { "zz" }, "-signetchallenge must be hex, not 'zz'.")]
    [InlineData(new[] { "51", "52" }, "-signetchallenge cannot be multiple values.")]
    public void BadSignetChallengeIsRejectedWithCoresMessage(string[] values, string message)
    {
        var error = Assert.Throws<FormatException>(() => ChainParamsOptions.FromArgumentValues([], [], signetChallenges: values));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void FastPruneLowersPruneAfterHeightOnRegtest()
    {
        Assert.Equal(100UL, ChainParams.Create(ChainType.Regtest, new ChainParamsOptions { FastPrune = true }).PruneAfterHeight);
        Assert.Equal(1000UL, ChainParams.Create(ChainType.Regtest).PruneAfterHeight);
    }

    [Fact]
    public void Bip94IsEnforcedOnTestnet4AndOnRequestOnRegtest()
    {
        Assert.True(ChainParams.Create(ChainType.Testnet4).Consensus.EnforceBip94);
        Assert.False(ChainParams.Create(ChainType.Regtest).Consensus.EnforceBip94);
        Assert.True(ChainParams.Create(ChainType.Regtest, new ChainParamsOptions { EnforceBip94 = true }).Consensus.EnforceBip94);
    }
}
