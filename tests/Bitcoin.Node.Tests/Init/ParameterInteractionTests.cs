using Bitcoin.Node.Init;

namespace Bitcoin.Node.Tests.Init;

public sealed class ParameterInteractionTests
{
    [Fact]
    public void BindImpliesListen()
    {
        var args = TestArgs.Parse("-bind=127.0.0.1", "-connect=127.0.0.1:1");
        ParameterInteraction.Apply(args);
        // -bind asks for listening even though -connect would turn it off.
        Assert.True(args.GetBoolArg("-listen", false));
        Assert.False(args.GetBoolArg("-dnsseed", true));
    }

    [Fact]
    public void ConnectTurnsOffSeedingAndListeningAndWhatListeningNeeds()
    {
        var args = TestArgs.Parse("-connect=0");
        ParameterInteraction.Apply(args);

        Assert.False(args.GetBoolArg("-dnsseed", true));
        Assert.False(args.GetBoolArg("-listen", true));
        Assert.False(args.GetBoolArg("-discover", true));
        Assert.False(args.GetBoolArg("-listenonion", true));
        Assert.False(args.GetBoolArg("-natpmp", true));
        Assert.False(args.GetBoolArg("-i2pacceptincoming", true));
    }

    [Fact]
    public void ExplicitValuesWinOverInteractions()
    {
        var args = TestArgs.Parse("-maxconnections=0", "-listen=1", "-dnsseed=1");
        ParameterInteraction.Apply(args);

        Assert.True(args.GetBoolArg("-listen", false));
        Assert.True(args.GetBoolArg("-dnsseed", false));
    }

    [Fact]
    public void ProxyProtectsPrivacy()
    {
        var args = TestArgs.Parse("-proxy=127.0.0.1:9050");
        ParameterInteraction.Apply(args);

        Assert.False(args.GetBoolArg("-listen", true));
        Assert.False(args.GetBoolArg("-discover", true));
        Assert.False(args.GetBoolArg("-natpmp", true));
    }

    [Fact]
    public void BlocksOnlyShrinksTheMempoolAndStopsWhitelistRelay()
    {
        var args = TestArgs.Parse("-blocksonly");
        ParameterInteraction.Apply(args);

        Assert.Equal("5", args.GetArg("-maxmempool"));
        Assert.False(args.GetBoolArg("-whitelistrelay", true));
    }

    [Fact]
    public void OnlyNetWithoutClearnetStopsDnsSeeding()
    {
        var args = TestArgs.Parse("-onlynet=onion");
        ParameterInteraction.Apply(args);
        Assert.False(args.GetBoolArg("-dnsseed", true));

        var clearnet = TestArgs.Parse("-onlynet=IPv4");
        ParameterInteraction.Apply(clearnet);
        Assert.Null(clearnet.GetArg("-dnsseed"));
    }
}
