using Bitcoin.Common.Args;
using Bitcoin.Common.Settings;
using Bitcoin.Common.Tests.Args.Support;

namespace Bitcoin.Common.Tests.Args;

/// <summary>The typed getters, ported from Core's getarg_tests.</summary>
public sealed class GetArgTests
{
    [Fact]
    public void SettingsFileValuesOfEveryJsonTypeConvertAsCore()
    {
        var args = TestArgs.With("-foo");
        void SetFoo(SettingsValue value) => args.LockSettings(s => s.RwSettings["foo"] = value);

        SetFoo("str");
        Assert.Equal("\"str\"", args.GetSetting("foo").Write());
        Assert.Equal("str", args.GetArg("foo", "default"));
        Assert.Equal(0, args.GetIntArg("foo", 100));
        Assert.False(args.GetBoolArg("foo", true));
        Assert.False(args.GetBoolArg("foo", false));

        SetFoo("99");
        Assert.Equal("\"99\"", args.GetSetting("foo").Write());
        Assert.Equal("99", args.GetArg("foo", "default"));
        Assert.Equal(99, args.GetIntArg("foo", 100));
        Assert.True(args.GetBoolArg("foo", true));
        Assert.True(args.GetBoolArg("foo", false));

        SetFoo("3.25");
        Assert.Equal("\"3.25\"", args.GetSetting("foo").Write());
        Assert.Equal("3.25", args.GetArg("foo", "default"));
        Assert.Equal(3, args.GetIntArg("foo", 100));
        Assert.True(args.GetBoolArg("foo", true));

        SetFoo("0");
        Assert.Equal("\"0\"", args.GetSetting("foo").Write());
        Assert.Equal("0", args.GetArg("foo", "default"));
        Assert.Equal(0, args.GetIntArg("foo", 100));
        Assert.False(args.GetBoolArg("foo", true));

        SetFoo("");
        Assert.Equal("\"\"", args.GetSetting("foo").Write());
        Assert.Equal("", args.GetArg("foo", "default"));
        Assert.Equal(0, args.GetIntArg("foo", 100));
        Assert.True(args.GetBoolArg("foo", true));
        Assert.True(args.GetBoolArg("foo", false));

        SetFoo(99);
        Assert.Equal("99", args.GetSetting("foo").Write());
        Assert.Equal("99", args.GetArg("foo", "default"));
        Assert.Equal(99, args.GetIntArg("foo", 100));
        Assert.Throws<SettingsTypeException>(() => args.GetBoolArg("foo", true));

        SetFoo(SettingsValue.FromDouble(3.25));
        Assert.Equal("3.25", args.GetSetting("foo").Write());
        Assert.Equal("3.25", args.GetArg("foo", "default"));
        Assert.Throws<SettingsTypeException>(() => args.GetIntArg("foo", 100));
        Assert.Throws<SettingsTypeException>(() => args.GetBoolArg("foo", false));

        SetFoo(0);
        Assert.Equal("0", args.GetSetting("foo").Write());
        Assert.Equal("0", args.GetArg("foo", "default"));
        Assert.Equal(0, args.GetIntArg("foo", 100));
        Assert.Throws<SettingsTypeException>(() => args.GetBoolArg("foo", true));

        SetFoo(true);
        Assert.Equal("true", args.GetSetting("foo").Write());
        Assert.Equal("1", args.GetArg("foo", "default"));
        Assert.Equal(1, args.GetIntArg("foo", 100));
        Assert.True(args.GetBoolArg("foo", false));

        SetFoo(false);
        Assert.Equal("false", args.GetSetting("foo").Write());
        Assert.Equal("0", args.GetArg("foo", "default"));
        Assert.Equal(0, args.GetIntArg("foo", 100));
        Assert.False(args.GetBoolArg("foo", true));

        SetFoo(SettingsValue.EmptyObject);
        Assert.Equal("{}", args.GetSetting("foo").Write());
        Assert.Throws<SettingsTypeException>(() => args.GetArg("foo", "default"));
        Assert.Throws<SettingsTypeException>(() => args.GetIntArg("foo", 100));
        Assert.Throws<SettingsTypeException>(() => args.GetBoolArg("foo", true));

        SetFoo(SettingsValue.EmptyArray);
        Assert.Equal("[]", args.GetSetting("foo").Write());
        Assert.Throws<SettingsTypeException>(() => args.GetArg("foo", "default"));
        Assert.Throws<SettingsTypeException>(() => args.GetIntArg("foo", 100));
        Assert.Throws<SettingsTypeException>(() => args.GetBoolArg("foo", true));

        SetFoo(SettingsValue.Null);
        Assert.Equal("null", args.GetSetting("foo").Write());
        Assert.Equal("default", args.GetArg("foo", "default"));
        Assert.Equal(100, args.GetIntArg("foo", 100));
        Assert.True(args.GetBoolArg("foo", true));
        Assert.False(args.GetBoolArg("foo", false));
    }

    [Theory]
    [InlineData("-foo", true, true)]
    [InlineData("-foo=0", false, false)]
    [InlineData("-foo=1", true, true)]
    [InlineData("-nofoo", false, false)]
    [InlineData("-nofoo=1", false, false)]
    [InlineData("-foo -nofoo", false, false)]
    [InlineData("-foo=1 -nofoo=1", false, false)]
    [InlineData("-foo=0 -nofoo=0", true, true)]
    [InlineData("--foo=1", true, true)]
    [InlineData("--nofoo=1", false, false)]
    [InlineData("-nofoo=0", true, true)]
    [InlineData("-foo --nofoo", false, false)]
    [InlineData("-nofoo -foo", true, true)]
    public void BooleanOptionsFollowTheLastForm(string commandLine, bool withFalseDefault, bool withTrueDefault)
    {
        var args = TestArgs.With("-foo");
        args.Parse(commandLine);
        Assert.Equal(withFalseDefault, args.GetBoolArg("-foo", false));
        Assert.Equal(withTrueDefault, args.GetBoolArg("-foo", true));
    }

    [Fact]
    public void PrefixesOfAnOptionAreDifferentOptions()
    {
        var args = TestArgs.With("-foo");
        args.Parse("-foo");
        Assert.False(args.GetBoolArg("-fo", false));
        Assert.True(args.GetBoolArg("-fo", true));
        Assert.False(args.GetBoolArg("-fooo", false));
        Assert.True(args.GetBoolArg("-fooo", true));
    }

    [Theory]
    [InlineData("", "", "eleven")]
    [InlineData("-foo -bar", "", "")]
    [InlineData("-foo=", "", "")]
    [InlineData("-foo=11", "11", "11")]
    [InlineData("-foo=eleven", "eleven", "eleven")]
    public void StringOptions(string commandLine, string withEmptyDefault, string withElevenDefault)
    {
        var args = TestArgs.With("-foo", "-bar");
        args.Parse(commandLine);
        Assert.Equal(withEmptyDefault, args.GetArg("-foo", ""));
        Assert.Equal(withElevenDefault, args.GetArg("-foo", "eleven"));
    }

    [Fact]
    public void IntegerOptionsSaturateAndReadGarbageAsZero()
    {
        var args = TestArgs.With("-foo", "-bar");
        args.Parse("");
        Assert.Null(args.GetArg<long>("-foo"));
        Assert.Null(args.GetArg<byte>("-bar"));
        Assert.Equal(11, args.GetIntArg("-foo", 11));
        Assert.Equal((byte)222, args.GetArg("-bar", (byte)222));

        args.Parse("-foo -bar");
        Assert.Equal(0, args.GetArg<long>("-foo"));
        Assert.Equal((byte)0, args.GetArg<byte>("-bar"));
        Assert.Equal(0, args.GetIntArg("-foo", 11));

        args.Parse("-foo=-9223372036854775809 -bar=9223372036854775808");
        Assert.Equal(long.MinValue, args.GetArg<long>("-foo"));
        Assert.Equal(byte.MaxValue, args.GetArg<byte>("-bar"));
        Assert.Equal(long.MinValue, args.GetIntArg("-foo", 0));
        Assert.Equal(long.MaxValue, args.GetIntArg("-bar", 0));
        Assert.Equal(byte.MinValue, args.GetArg("-foo", (byte)0));
        Assert.Equal(byte.MaxValue, args.GetArg("-bar", (byte)0));

        args.Parse("-foo=11 -bar=12");
        Assert.Equal(11, args.GetArg<long>("-foo"));
        Assert.Equal((byte)12, args.GetArg<byte>("-bar"));

        args.Parse("-foo=NaN -bar=NotANumber");
        Assert.Equal(0, args.GetArg<long>("-foo"));
        Assert.Equal((byte)0, args.GetArg<byte>("-bar"));
        Assert.Equal(0, args.GetIntArg("-foo", 1));
        Assert.Equal((byte)0, args.GetArg("-bar", (byte)11));
    }

    [Fact]
    public void CoreIntegerReadingOfSettingsValues()
    {
        var args = TestArgs.With("-foo");
        args.LockSettings(s =>
        {
            s.CommandLineOptions["strtest1"] = ["string..."];
            s.CommandLineOptions["inttest1"] = ["12345"];
            s.CommandLineOptions["inttest2"] = ["81985529216486895"];
            s.CommandLineOptions["booltest1"] = [""];
            s.CommandLineOptions["booltest3"] = ["0"];
            s.CommandLineOptions["booltest4"] = ["1"];
            s.CommandLineOptions["pritest1"] = ["a", "b"];
            s.RoConfigValues("", "pritest2").AddRange(["a", "b"]);
            s.CommandLineOptions["pritest3"] = ["a"];
            s.RoConfigValues("", "pritest3").Add("b");
            s.CommandLineOptions["pritest4"] = ["a", "b"];
            s.RoConfigValues("", "pritest4").AddRange(["c", "d"]);
        });

        Assert.Equal("string...", args.GetArg("strtest1", "default"));
        Assert.Equal("default", args.GetArg("strtest2", "default"));
        Assert.Equal(12345, args.GetIntArg("inttest1", -1));
        Assert.Equal(81985529216486895L, args.GetIntArg("inttest2", -1));
        Assert.Equal(-1, args.GetIntArg("inttest3", -1));
        Assert.True(args.GetBoolArg("booltest1", false));
        Assert.False(args.GetBoolArg("booltest2", false));
        Assert.False(args.GetBoolArg("booltest3", false));
        Assert.True(args.GetBoolArg("booltest4", false));

        // Last value wins on the command line, first value in the config file, command line over config.
        Assert.Equal("b", args.GetArg("pritest1", "default"));
        Assert.Equal("a", args.GetArg("pritest2", "default"));
        Assert.Equal("a", args.GetArg("pritest3", "default"));
        Assert.Equal("b", args.GetArg("pritest4", "default"));
    }

    [Theory]
    [InlineData("-dir=/", "/")]
    [InlineData("-dir=/.", "/")]
    [InlineData("-dir=/./", "/")]
    [InlineData("-dir=/.//", "/")]
    [InlineData("-dir=/home/user/.bitcoin", "/home/user/.bitcoin")]
    [InlineData("-dir=/root/../home/user/.bitcoin", "/home/user/.bitcoin")]
    [InlineData("-dir=/home/./user/.bitcoin", "/home/user/.bitcoin")]
    [InlineData("-dir=/home/user/.bitcoin/", "/home/user/.bitcoin")]
    [InlineData("-dir=/home/user/.bitcoin//", "/home/user/.bitcoin")]
    [InlineData("-dir=/home/user/.bitcoin/.", "/home/user/.bitcoin")]
    [InlineData("-dir=/home/user/.bitcoin/./", "/home/user/.bitcoin")]
    [InlineData("-dir=/home/user/.bitcoin/.//", "/home/user/.bitcoin")]
    [InlineData("-dir=user/.bitcoin", "user/.bitcoin")]
    [InlineData("-dir=somewhere/../user/.bitcoin", "user/.bitcoin")]
    [InlineData("-dir=user/./.bitcoin", "user/.bitcoin")]
    [InlineData("-dir=user/.bitcoin/", "user/.bitcoin")]
    [InlineData("-dir=user/.bitcoin//", "user/.bitcoin")]
    [InlineData("-dir=user/.bitcoin/.", "user/.bitcoin")]
    [InlineData("-dir=user/.bitcoin/./", "user/.bitcoin")]
    [InlineData("-dir=user/.bitcoin/.//", "user/.bitcoin")]
    [InlineData("-dir=a/..", ".")]
    [InlineData("-dir=../a/b/..", "../a")]
    public void PathOptionsAreNormalized(string commandLine, string expected)
    {
        if (OperatingSystem.IsWindows())
            return;
        var args = TestArgs.With("-dir");
        args.Parse(commandLine);
        Assert.Equal(expected, args.GetPathArg("-dir"));
    }

    [Theory]
    [InlineData("", "default")]
    [InlineData("-dir=override", "override")]
    [InlineData("-dir=", "default")]
    [InlineData("-dir", "default")]
    [InlineData("-nodir", "")]
    public void PathOptionDefaultsAndNegation(string commandLine, string expected)
    {
        var args = TestArgs.With("-dir");
        args.Parse(commandLine);
        Assert.Equal(expected, args.GetPathArg("-dir", "default"));
    }

    [Fact]
    public void DoubleDashIsTheSameAsOneDash()
    {
        var args = TestArgs.With("-foo", "-bar");
        args.Parse("--foo");
        Assert.True(args.GetBoolArg("-foo", false));
        args.Parse("--foo=verbose --bar=1");
        Assert.Equal("verbose", args.GetArg("-foo", ""));
        Assert.Equal(1, args.GetIntArg("-bar", 0));
    }

    [Fact]
    public void SoftSetOnlyFillsUnsetOptionsAndForceSetWins()
    {
        var args = TestArgs.With("-a", "-b");
        args.Parse("-a=cli");
        Assert.False(args.SoftSetArg("-a", "soft"));
        Assert.True(args.SoftSetBoolArg("-b", false));
        Assert.False(args.SoftSetBoolArg("-b", true));
        Assert.Equal("cli", args.GetArg("-a"));
        Assert.Equal("0", args.GetArg("-b"));
        args.ForceSetArg("-a", "forced");
        Assert.Equal("forced", args.GetArg("-a"));
        Assert.Equal(["forced"], args.GetArgs("-a"));
    }

    [Fact]
    public void PersistentSettingIgnoresCommandLineAndForcedValues()
    {
        var args = TestArgs.With("-wallet");
        args.Parse("-wallet=cli");
        args.Config("wallet=conf\n");
        args.SelectConfigNetwork("main");
        Assert.Equal("\"conf\"", args.GetPersistentSetting("wallet").Write());
        args.LockSettings(s => s.RwSettings["wallet"] = "rw");
        Assert.Equal("\"rw\"", args.GetPersistentSetting("wallet").Write());
        Assert.Equal("cli", args.GetArg("-wallet"));
    }
}
