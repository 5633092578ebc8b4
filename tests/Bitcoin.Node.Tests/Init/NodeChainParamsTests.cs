using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Chain;
using Bitcoin.Node.Init;

namespace Bitcoin.Node.Tests.Init;

public sealed class NodeChainParamsTests
{
    [Fact]
    public void RegtestActivationHeightsAreApplied()
    {
        var args = TestArgs.Parse("-regtest", "-testactivationheight=segwit@5", "-testactivationheight=csv@7");

        var chainParams = NodeChainParams.Create(args, ChainType.Regtest);

        Assert.Equal(ChainType.Regtest, chainParams.Type);
        Assert.Equal(5, chainParams.Consensus.SegwitHeight);
        Assert.Equal(7, chainParams.Consensus.CsvHeight);
    }

    [Theory]
    [InlineData("-testactivationheight=segwit", "Invalid format (segwit) for -testactivationheight=name@height.")]
    [InlineData("-testactivationheight=segwit@-1", "Invalid height value (segwit@-1) for -testactivationheight=name@height.")]
    [InlineData("-testactivationheight=nosuch@1", "Invalid name (nosuch@1) for -testactivationheight=name@height.")]
    [InlineData("-vbparams=testdummy:1", "Version bits parameters malformed, expecting deployment:start:end[:min_activation_height]")]
    [InlineData("-vbparams=nosuch:1:2", "Invalid deployment (nosuch)")]
    public void MalformedDeploymentOptionsFailWithCoresMessage(string argument, string message)
    {
        var args = TestArgs.Parse("-regtest", argument);

        var e = Assert.Throws<FormatException>(() => NodeChainParams.Create(args, ChainType.Regtest));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void SignetChallengeMustBeHex()
    {
        var args = TestArgs.Parse("-signet", "-signetchallenge=xyz");

        var e = Assert.Throws<FormatException>(() => NodeChainParams.Create(args, ChainType.Signet));
        Assert.Equal("-signetchallenge must be hex, not 'xyz'.", e.Message);
    }

    [Fact]
    public void SignetOptionsAreIgnoredOnOtherChains()
    {
        var args = TestArgs.Parse("-regtest", "-signetchallenge=xyz");

        Assert.Equal(ChainType.Regtest, NodeChainParams.Create(args, ChainType.Regtest).Type);
    }
}
