using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;
using Bitcoin.Common.Tests.Args.Support;

namespace Bitcoin.Common.Tests.Args;

/// <summary>bitcoin.conf parsing and sections, ported from Core's util_ReadConfigStream and feature_config_args.py.</summary>
public sealed class ConfigFileTests
{
    private const string SampleConfig =
        "a=\n" +
        "b=1\n" +
        "ccc=argument\n" +
        "ccc=multiple\n" +
        "d=e\n" +
        "nofff=1\n" +
        "noggg=0\n" +
        "h=1\n" +
        "noh=1\n" +
        "noi=1\n" +
        "i=1\n" +
        "sec1.ccc=extend1\n" +
        "\n" +
        "[sec1]\n" +
        "ccc=extend2\n" +
        "d=eee\n" +
        "h=1\n" +
        "[sec2]\n" +
        "ccc=extend3\n" +
        "iii=2\n";

    private static readonly string[] s_sampleOptions = ["-a", "-b", "-ccc", "-d", "-e", "-fff", "-ggg", "-h", "-i", "-iii"];

    [Fact]
    public void ConfigValuesLandInTheirSections()
    {
        var args = TestArgs.With(s_sampleOptions);
        args.Config(SampleConfig);
        args.LockSettings(s =>
        {
            Assert.Empty(s.CommandLineOptions);
            Assert.Equal(["", "sec1", "sec2"], s.RoConfig.Keys);
            Assert.Equal(["a", "b", "ccc", "d", "fff", "ggg", "h", "i"], s.RoConfig[""].Keys);
            Assert.Equal(["ccc", "d", "h"], s.RoConfig["sec1"].Keys);
            Assert.Equal(["ccc", "iii"], s.RoConfig["sec2"].Keys);
        });

        foreach (var option in new[] { "-a", "-b", "-ccc", "-d", "-fff", "-ggg", "-h", "-i" })
            Assert.True(args.IsArgSet(option), option);
        Assert.False(args.IsArgSet("-zzz"));
        Assert.False(args.IsArgSet("-iii"));

        Assert.Equal("", args.GetArg("-a", "xxx"));
        Assert.Equal("1", args.GetArg("-b", "xxx"));
        Assert.Equal("argument", args.GetArg("-ccc", "xxx"));
        Assert.Equal("e", args.GetArg("-d", "xxx"));
        Assert.Equal("0", args.GetArg("-fff", "xxx"));
        Assert.Equal("1", args.GetArg("-ggg", "xxx"));
        Assert.Equal("0", args.GetArg("-h", "xxx"));
        Assert.Equal("1", args.GetArg("-i", "xxx"));
        Assert.Equal("xxx", args.GetArg("-zzz", "xxx"));
        Assert.Equal("xxx", args.GetArg("-iii", "xxx"));

        foreach (var def in new[] { false, true })
        {
            Assert.True(args.GetBoolArg("-a", def));
            Assert.True(args.GetBoolArg("-b", def));
            Assert.False(args.GetBoolArg("-ccc", def));
            Assert.False(args.GetBoolArg("-d", def));
            Assert.False(args.GetBoolArg("-fff", def));
            Assert.True(args.GetBoolArg("-ggg", def));
            Assert.False(args.GetBoolArg("-h", def));
            Assert.True(args.GetBoolArg("-i", def));
            Assert.Equal(def, args.GetBoolArg("-zzz", def));
            Assert.Equal(def, args.GetBoolArg("-iii", def));
        }

        Assert.Equal([""], args.GetArgs("-a"));
        Assert.Equal(["1"], args.GetArgs("-b"));
        Assert.Equal(["argument", "multiple"], args.GetArgs("-ccc"));
        Assert.Empty(args.GetArgs("-fff"));
        Assert.Empty(args.GetArgs("-nofff"));
        Assert.Equal(["1"], args.GetArgs("-ggg"));
        Assert.Empty(args.GetArgs("-noggg"));
        Assert.Empty(args.GetArgs("-h"));
        Assert.Empty(args.GetArgs("-noh"));
        Assert.Equal(["1"], args.GetArgs("-i"));
        Assert.Empty(args.GetArgs("-noi"));
        Assert.Empty(args.GetArgs("-zzz"));

        Assert.False(args.IsArgNegated("-a"));
        Assert.False(args.IsArgNegated("-b"));
        Assert.False(args.IsArgNegated("-ccc"));
        Assert.False(args.IsArgNegated("-d"));
        Assert.True(args.IsArgNegated("-fff"));
        Assert.False(args.IsArgNegated("-ggg"));
        Assert.True(args.IsArgNegated("-h"));
        Assert.False(args.IsArgNegated("-i"));
        Assert.False(args.IsArgNegated("-zzz"));
    }

    [Fact]
    public void SelectedSectionOverridesTheDefaultSection()
    {
        var args = TestArgs.With(s_sampleOptions);
        args.Config(SampleConfig);

        args.SelectConfigNetwork("sec1");
        Assert.Equal("", args.GetArg("-a", "xxx"));
        Assert.Equal("1", args.GetArg("-b", "xxx"));
        Assert.Equal("0", args.GetArg("-fff", "xxx"));
        Assert.Equal("1", args.GetArg("-ggg", "xxx"));
        Assert.Equal("xxx", args.GetArg("-zzz", "xxx"));
        Assert.Equal("xxx", args.GetArg("-iii", "xxx"));
        Assert.Equal("eee", args.GetArg("-d", "xxx"));
        Assert.Equal("1", args.GetArg("-h", "xxx"));
        Assert.Equal("extend1", args.GetArg("-ccc", "xxx"));
        Assert.Equal(["extend1", "extend2", "argument", "multiple"], args.GetArgs("-ccc"));

        args.SelectConfigNetwork("sec2");
        Assert.Equal("", args.GetArg("-a", "xxx"));
        Assert.Equal("1", args.GetArg("-b", "xxx"));
        Assert.Equal("e", args.GetArg("-d", "xxx"));
        Assert.Equal("0", args.GetArg("-fff", "xxx"));
        Assert.Equal("1", args.GetArg("-ggg", "xxx"));
        Assert.Equal("xxx", args.GetArg("-zzz", "xxx"));
        Assert.Equal("0", args.GetArg("-h", "xxx"));
        Assert.Equal("2", args.GetArg("-iii", "xxx"));
        Assert.Equal("extend3", args.GetArg("-ccc", "xxx"));
        Assert.Equal(["extend3", "argument", "multiple"], args.GetArgs("-ccc"));
    }

    [Fact]
    public void NetworkOnlyOptionsIgnoreTheDefaultSectionOffMain()
    {
        var args = new ArgsManager();
        foreach (var option in s_sampleOptions)
        {
            var flags = option is "-ccc" or "-d" or "-h" ? ArgFlags.AllowAny | ArgFlags.NetworkOnly : ArgFlags.AllowAny;
            args.AddArg(option, "", flags, OptionsCategory.Options);
        }

        args.Config(SampleConfig);

        args.SelectConfigNetwork(ChainType.Main.ToName());
        Assert.Equal("e", args.GetArg("-d", "xxx"));
        Assert.Equal(2, args.GetArgs("-ccc").Count);
        Assert.Equal("0", args.GetArg("-h", "xxx"));

        args.SelectConfigNetwork("sec1");
        Assert.Equal("eee", args.GetArg("-d", "xxx"));
        Assert.Single(args.GetArgs("-d"));
        Assert.Equal(2, args.GetArgs("-ccc").Count);
        Assert.Equal("1", args.GetArg("-h", "xxx"));

        args.SelectConfigNetwork("sec2");
        Assert.Equal("xxx", args.GetArg("-d", "xxx"));
        Assert.Empty(args.GetArgs("-d"));
        Assert.Single(args.GetArgs("-ccc"));
        Assert.Equal("0", args.GetArg("-h", "xxx"));
        Assert.Equal(["-d"], args.GetUnsuitableSectionOnlyArgs());
    }

    [Fact]
    public void WalletInDefaultSectionIsUnsuitableOnRegtest()
    {
        var args = TestArgs.With(("-wallet", ArgFlags.AllowAny | ArgFlags.NetworkOnly), ("-regtest", ArgFlags.AllowAny));
        args.Config("regtest=1\nwallet=foo\n");
        args.SelectChain(ChainType.Regtest);
        Assert.Equal(["-wallet"], args.GetUnsuitableSectionOnlyArgs());
        Assert.Empty(args.GetArgs("-wallet"));

        args.Config("regtest=1\n[regtest]\nwallet=foo\n");
        Assert.Empty(args.GetUnsuitableSectionOnlyArgs());
        Assert.Equal(["foo"], args.GetArgs("-wallet"));
    }

    [Theory]
    [InlineData("garbage\n", "parse error on line 1: garbage")]
    [InlineData("-dash=1\n", "parse error on line 1: -dash=1, options in configuration file must be specified without leading -")]
    [InlineData("nono\n", "parse error on line 1: nono, if you intended to specify a negated option, use nono=1 instead")]
    [InlineData("server=1\nrpcuser=someuser\nrpcpassword=some#pass", "parse error on line 3, using # in rpcpassword can be ambiguous and should be avoided")]
    [InlineData("server=1\nrpcuser=someuser\nmain.rpcpassword=some#pass", "parse error on line 3, using # in rpcpassword can be ambiguous and should be avoided")]
    [InlineData("server=1\nrpcuser=someuser\n[main]\nrpcpassword=some#pass", "parse error on line 4, using # in rpcpassword can be ambiguous and should be avoided")]
    [InlineData("conf=some.conf\n", "conf cannot be set in the configuration file; use includeconf= if you want to include additional config files")]
    [InlineData("unknown=1\n", "Invalid configuration value unknown")]
    [InlineData("nodatadir=1\n", "Negating of -datadir is meaningless and therefore forbidden")]
    public void MalformedConfigIsRefusedWithCoresMessage(string text, string expected)
    {
        var args = TestArgs.With(("-server", ArgFlags.AllowAny), ("-rpcuser", ArgFlags.AllowAny | ArgFlags.Sensitive),
            ("-rpcpassword", ArgFlags.AllowAny | ArgFlags.Sensitive), ("-datadir", ArgFlags.AllowAny | ArgFlags.DisallowNegation));
        Assert.False(args.ReadConfigString(text, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void CommentsWhitespaceAndCarriageReturnsAreIgnored()
    {
        var args = TestArgs.With("-server", "-rpcuser", "-uacomment");
        args.Config("# a comment\r\n  server = 1 # trailing\r\n\t rpcuser\t=\talice \r\n\n[regtest]   \nuacomment=x\n");
        args.SelectConfigNetwork("regtest");
        Assert.Equal("1", args.GetArg("-server"));
        Assert.Equal("alice", args.GetArg("-rpcuser"));
        Assert.Equal("x", args.GetArg("-uacomment"));
    }

    [Fact]
    public void UnrecognizedSectionsAreReportedWithFileAndLine()
    {
        var args = TestArgs.With("-datadir", "-server");
        Assert.True(args.ReadConfigStream(new StringReader("testnot.datadir=1\n[testnet]\nserver=1\n[regtest]\n[main]\n"), "inc.conf", out var error), error);
        Assert.Equal([new SectionInfo("testnot", "inc.conf", 1), new SectionInfo("testnet", "inc.conf", 2)], args.GetUnrecognizedSections());
    }

    [Fact]
    public void ConfigFileInDataDirectoryIsRead()
    {
        using var dir = new TempDirectory();
        dir.Write("bitcoin.conf", "server=1\n[regtest]\nrpcport=1234\n");
        var args = NodeLikeArgs();
        args.Parse($"-datadir={dir.Path} -regtest");
        Assert.True(args.ReadConfigFiles(out var error), error);
        args.SelectChain(args.GetChainType());
        Assert.Equal(Path.Join(dir.Path, "bitcoin.conf"), args.GetConfigFilePath());
        Assert.Equal(1234, args.GetIntArg("-rpcport", 0));
        Assert.True(args.GetBoolArg("-server", false));
    }

    [Fact]
    public void RelativeConfIsResolvedAgainstTheDataDirectoryAndNoconfDisablesIt()
    {
        using var dir = new TempDirectory();
        dir.Write("other.conf", "server=1\n");
        dir.Write("bitcoin.conf", "garbage\n");
        var args = NodeLikeArgs();
        args.Parse($"-datadir={dir.Path} -conf=other.conf");
        Assert.True(args.ReadConfigFiles(out var error), error);
        Assert.Equal(Path.Join(dir.Path, "other.conf"), args.GetConfigFilePath());
        Assert.True(args.GetBoolArg("-server", false));

        args.Parse($"-datadir={dir.Path} -noconf");
        Assert.True(args.ReadConfigFiles(out error), error);
        Assert.Equal("", args.GetConfigFilePath());
        Assert.False(args.IsArgSet("-server"));
    }

    [Fact]
    public void ExplicitConfigFileMustExistAndNotBeADirectory()
    {
        using var dir = new TempDirectory();
        var args = NodeLikeArgs();
        var missing = dir.Combine("none_existent_bitcoin.conf");
        args.Parse($"-datadir={dir.Path} -conf={missing}");
        Assert.False(args.ReadConfigFiles(out var error));
        Assert.Equal($"specified config file \"{missing}\" could not be opened.", error);

        Directory.CreateDirectory(dir.Combine("bitcoin.conf"));
        args.Parse($"-datadir={dir.Path}");
        Assert.False(args.ReadConfigFiles(out error));
        Assert.Equal($"Config file \"{dir.Combine("bitcoin.conf")}\" is a directory.", error);
    }

    [Fact]
    public void DatadirInConfigMustExistAndMovesTheDataDirectory()
    {
        using var dir = new TempDirectory();
        var newDataDir = dir.Combine("newdatadir");
        var conf = dir.Write("bitcoin.conf", $"datadir={newDataDir}\nregtest=1\n");
        var args = NodeLikeArgs();
        args.Parse($"-conf={conf}");
        Assert.False(args.ReadConfigFiles(out var error));
        Assert.Equal($"specified data directory \"{newDataDir}\" does not exist.", error);

        Directory.CreateDirectory(newDataDir);
        Assert.True(args.ReadConfigFiles(out error), error);
        args.SelectChain(args.GetChainType());
        Assert.Equal(Path.Join(newDataDir, "regtest"), args.GetDataDirNet());

        // The command line wins over the config file.
        var other = dir.Combine("newdatadir2");
        Directory.CreateDirectory(other);
        args.Parse($"-datadir={other} -conf={conf}");
        Assert.True(args.ReadConfigFiles(out error), error);
        Assert.Equal(other, args.GetDataDirBase());
    }

    [Fact]
    public void IncludedFilesAreReadChainSectionFirst()
    {
        using var dir = new TempDirectory();
        dir.Write("bitcoin.conf", "uacomment=main\nincludeconf=relative.conf\n[regtest]\nincludeconf=regtest.conf\n");
        dir.Write("relative.conf", "uacomment=relative\n");
        dir.Write("regtest.conf", "uacomment=regtest-include\n");
        var args = NodeLikeArgs();
        args.Parse($"-datadir={dir.Path} -regtest");
        Assert.True(args.ReadConfigFiles(out var error), error);
        args.SelectChain(ChainType.Regtest);
        Assert.Equal(["main", "regtest-include", "relative"], args.GetArgs("-uacomment"));
    }

    [Fact]
    public void IncludeconfInsideAnIncludedFileIsIgnoredWithAWarning()
    {
        using var dir = new TempDirectory();
        dir.Write("bitcoin.conf", "includeconf=relative.conf\n");
        dir.Write("relative.conf", "uacomment=relative\nincludeconf=relative2.conf\n");
        dir.Write("relative2.conf", "uacomment=relative2\n");
        var stderr = new StringWriter();
        var args = NodeLikeArgs();
        args.ErrorOutput = stderr;
        args.Parse($"-datadir={dir.Path}");
        Assert.True(args.ReadConfigFiles(out var error), error);
        Assert.Equal(["relative"], args.GetArgs("-uacomment"));
        Assert.Equal("warning: -includeconf cannot be used from included files; ignoring -includeconf=relative2.conf" + Environment.NewLine, stderr.ToString());
    }

    [Fact]
    public void NoincludeconfOnTheCommandLineSkipsIncludes()
    {
        using var dir = new TempDirectory();
        dir.Write("bitcoin.conf", "includeconf=relative.conf\n");
        dir.Write("relative.conf", "uacomment=relative\n");
        var args = NodeLikeArgs();
        args.Parse($"-datadir={dir.Path} -noincludeconf");
        Assert.True(args.ReadConfigFiles(out var error), error);
        Assert.Empty(args.GetArgs("-uacomment"));
    }

    [Fact]
    public void BadIncludesAreRefused()
    {
        using var dir = new TempDirectory();
        var args = NodeLikeArgs();
        args.Parse($"-datadir={dir.Path}");

        dir.Write("bitcoin.conf", $"includeconf={dir.Path}\n");
        Assert.False(args.ReadConfigFiles(out var error));
        Assert.Equal($"Included config file \"{dir.Path}\" is a directory.", error);

        dir.Write("bitcoin.conf", "includeconf=missing.conf\n");
        Assert.False(args.ReadConfigFiles(out error));
        Assert.Equal("Failed to include configuration file missing.conf", error);

        dir.Write("bitcoin.conf", "includeconf=bad.conf\n");
        dir.Write("bad.conf", "conf=some.conf\n");
        Assert.False(args.ReadConfigFiles(out error));
        Assert.Equal("conf cannot be set in the configuration file; use includeconf= if you want to include additional config files", error);

        dir.Write("bad.conf", "-dash=1\n");
        Assert.False(args.ReadConfigFiles(out error));
        Assert.Equal("parse error on line 1: -dash=1, options in configuration file must be specified without leading -", error);
    }

    [Fact]
    public void ChainChosenInAnIncludedFileAlsoPicksItsSection()
    {
        using var dir = new TempDirectory();
        dir.Write("bitcoin.conf", "includeconf=chain.conf\n[regtest]\nrpcport=5555\n");
        dir.Write("chain.conf", "regtest=1\n");
        var args = NodeLikeArgs();
        args.Parse($"-datadir={dir.Path}");
        Assert.True(args.ReadConfigFiles(out var error), error);
        Assert.Equal(ChainType.Regtest, args.GetChainType());
        args.SelectChain(ChainType.Regtest);
        Assert.Equal(5555, args.GetIntArg("-rpcport", 0));
    }

    internal static ArgsManager NodeLikeArgs()
    {
        var args = new ArgsManager();
        args.AddArg("-conf=<file>", "", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-datadir=<dir>", "", ArgFlags.AllowAny | ArgFlags.DisallowNegation, OptionsCategory.Options);
        args.AddArg("-includeconf=<file>", "", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-uacomment=<cmt>", "", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        args.AddArg("-server", "", ArgFlags.AllowAny, OptionsCategory.Rpc);
        args.AddArg("-rpcport=<port>", "", ArgFlags.AllowAny | ArgFlags.NetworkOnly, OptionsCategory.Rpc);
        args.AddArg("-settings=<file>", "", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-allowignoredconf", "", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-blocksdir=<dir>", "", ArgFlags.AllowAny, OptionsCategory.Options);
        args.AddArg("-pid=<file>", "", ArgFlags.AllowAny, OptionsCategory.Options);
        ChainArgs.Register(args);
        return args;
    }
}
