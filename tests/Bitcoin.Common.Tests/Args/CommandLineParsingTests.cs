using Bitcoin.Common.Args;
using Bitcoin.Common.Settings;
using Bitcoin.Common.Tests.Args.Support;

namespace Bitcoin.Common.Tests.Args;

/// <summary>Command-line parsing, ported from Core's argsman_tests (util_CheckValue, util_ParseParameters, ...).</summary>
public sealed class CommandLineParsingTests
{
    public static TheoryData<string, string, string, long, bool, string[]> CheckValueCases() => new()
    {
        // argument, GetSetting().Write(), GetArg, GetIntArg, GetBoolArg, GetArgs
        { "-novalue", "false", "0", 0, false, [] },
        { "-novalue=", "false", "0", 0, false, [] },
        { "-novalue=0", "true", "1", 1, true, ["1"] },
        { "-novalue=1", "false", "0", 0, false, [] },
        { "-novalue=2", "false", "0", 0, false, [] },
        { "-novalue=abc", "true", "1", 1, true, ["1"] },
        { "-value", "\"\"", "", 0, true, [""] },
        { "-value=", "\"\"", "", 0, true, [""] },
        { "-value=0", "\"0\"", "0", 0, false, ["0"] },
        { "-value=1", "\"1\"", "1", 1, true, ["1"] },
        { "-value=2", "\"2\"", "2", 2, true, ["2"] },
        { "-value=abc", "\"abc\"", "abc", 0, false, ["abc"] },
    };

    [Theory]
    [MemberData(nameof(CheckValueCases))]
    public void ValueFormsReadAsCoreReadsThem(string argument, string setting, string text, long integer, bool boolean, string[] list)
    {
        var args = TestArgs.With("-value");
        Assert.True(args.ParseParameters([argument], out var error));
        Assert.Equal("", error);
        Assert.Equal(setting, args.GetSetting("-value").Write());
        Assert.Equal(text, args.GetArg("-value", "zzzzz"));
        Assert.Equal(integer, args.GetIntArg("-value", 99999));
        Assert.Equal(boolean, args.GetBoolArg("-value", false));
        Assert.Equal(boolean, args.GetBoolArg("-value", true));
        Assert.Equal(list, args.GetArgs("-value"));
        var settingsList = args.GetSettingsList("-value");
        Assert.Equal(setting == "false" ? 0 : 1, settingsList.Count);
    }

    [Fact]
    public void UnsetOptionGivesDefaults()
    {
        var args = TestArgs.With("-value");
        args.Parse("");
        Assert.True(args.GetSetting("-value").IsNull);
        Assert.Equal("zzzzz", args.GetArg("-value", "zzzzz"));
        Assert.Equal(99999, args.GetIntArg("-value", 99999));
        Assert.False(args.GetBoolArg("-value", false));
        Assert.True(args.GetBoolArg("-value", true));
        Assert.Empty(args.GetArgs("-value"));
        Assert.False(args.IsArgSet("-value"));
    }

    [Theory]
    [InlineData("-noincludeconf", "")]
    [InlineData("-includeconf", "-includeconf cannot be used from commandline; -includeconf=\"\"")]
    [InlineData("-includeconf=file", "-includeconf cannot be used from commandline; -includeconf=\"file\"")]
    [InlineData("-noincludeconf=0", "-includeconf cannot be used from commandline; -includeconf=true")]
    public void IncludeconfIsRefusedOnTheCommandLine(string argument, string expectedError)
    {
        var args = TestArgs.With("-includeconf");
        args.ParseParameters([argument], out var error);
        Assert.Equal(expectedError, error);
    }

    [Fact]
    public void OptionsStopAtTheFirstNonOptionArgument()
    {
        var args = TestArgs.With("-a", "-b", "-ccc", "-d");
        Assert.True(args.ParseParameters(["-a", "-b", "-ccc=argument", "-ccc=multiple", "f", "-d=e"], out _));
        Assert.True(args.IsArgSet("-a"));
        Assert.True(args.IsArgSet("-b"));
        Assert.True(args.IsArgSet("-ccc"));
        Assert.False(args.IsArgSet("f"));
        Assert.False(args.IsArgSet("-d"));
        args.LockSettings(s =>
        {
            Assert.Equal(["a", "b", "ccc"], s.CommandLineOptions.Keys);
            Assert.Empty(s.RoConfig);
            Assert.Equal("", s.CommandLineOptions["a"].Single().GetString());
            Assert.Equal(["argument", "multiple"], s.CommandLineOptions["ccc"].Select(v => v.GetString()));
        });
        Assert.Equal(2, args.GetArgs("-ccc").Count);
        var command = args.GetCommand();
        Assert.NotNull(command);
        Assert.Equal("", command.Command);
        Assert.Equal(["f", "-d=e"], command.Args);
    }

    [Fact]
    public void EmptyCommandLineLeavesNothingSet()
    {
        var args = TestArgs.With("-a");
        Assert.True(args.ParseParameters([], out _));
        args.LockSettings(s => Assert.Empty(s.CommandLineOptions));
        Assert.Null(args.GetCommand());
    }

    [Theory]
    [InlineData("-unregistered", "Invalid parameter -unregistered")]
    [InlineData("-test.registered", "Invalid parameter -test.registered")]
    [InlineData("-dash_cli=1", "Invalid parameter -dash_cli=1")]
    [InlineData("--unregistered=5", "Invalid parameter --unregistered=5")]
    public void UnknownOrSectionedParametersAreRefused(string argument, string expected)
    {
        var args = TestArgs.With("-registered");
        Assert.True(args.ParseParameters(["-registered"], out _));
        Assert.False(args.ParseParameters([argument], out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void NegatingAnOptionThatForbidsItIsRefused()
    {
        var args = TestArgs.With(("-datadir", ArgFlags.AllowAny | ArgFlags.DisallowNegation));
        Assert.False(args.ParseParameters(["-nodatadir"], out var error));
        Assert.Equal("Negating of -datadir is meaningless and therefore forbidden", error);
    }

    [Fact]
    public void OptionNeedingAValueRefusesTheBareForm()
    {
        var args = TestArgs.With(("-proxy", ArgFlags.AllowAny | ArgFlags.DisallowElision));
        Assert.False(args.ParseParameters(["-proxy"], out var error));
        Assert.Equal("Can not set -proxy with no value. Please specify value with -proxy=value.", error);
        Assert.True(args.ParseParameters(["-proxy="], out error), error);
    }

    [Fact]
    public void LoneDashEndsParsing()
    {
        var args = TestArgs.With("-a", "-b");
        Assert.True(args.ParseParameters(["-a", "-", "-b"], out _));
        Assert.True(args.IsArgSet("-a"));
        Assert.False(args.IsArgSet("-b"));
        Assert.Null(args.GetCommand());
    }

    [Theory]
    [InlineData("", true, 0)]
    [InlineData(" ", false, 0)]
    [InlineData("0", false, 0)]
    [InlineData("0 ", false, 0)]
    [InlineData(" 0", false, 0)]
    [InlineData("+0", false, 0)]
    [InlineData("-0", false, 0)]
    [InlineData("5", true, 5)]
    [InlineData("5 ", true, 5)]
    [InlineData(" 5", true, 5)]
    [InlineData("+5", true, 5)]
    [InlineData("-5", true, -5)]
    [InlineData("0 5", false, 0)]
    [InlineData("5 0", true, 5)]
    [InlineData("050", true, 50)]
    [InlineData("0.", false, 0)]
    [InlineData("5.", true, 5)]
    [InlineData("0.0", false, 0)]
    [InlineData("0.5", false, 0)]
    [InlineData("5.0", true, 5)]
    [InlineData("5.5", true, 5)]
    [InlineData("x", false, 0)]
    [InlineData("x0", false, 0)]
    [InlineData("x5", false, 0)]
    [InlineData("0x", false, 0)]
    [InlineData("5x", true, 5)]
    [InlineData("0x5", false, 0)]
    [InlineData("false", false, 0)]
    [InlineData("true", false, 0)]
    [InlineData("yes", false, 0)]
    [InlineData("no", false, 0)]
    public void BooleanAndIntegerValuesParseAsCore(string value, bool expectedBool, long expectedInt)
    {
        var args = TestArgs.With("-value");
        Assert.True(args.ParseParameters(["-value=" + value], out _));
        Assert.Equal(expectedBool, args.GetBoolArg("-value", false));
        Assert.Equal(expectedBool, args.GetBoolArg("-value", true));
        Assert.Equal(expectedInt, args.GetIntArg("-value", 99998));
        Assert.Equal(expectedInt, args.GetIntArg("-value", 99999));
    }

    [Fact]
    public void NegationPrefixIsStrippedAndRecorded()
    {
        var args = TestArgs.With("-a", "-b", "-c", "-d", "-e", "-f");
        Assert.True(args.ParseParameters(["-a", "-nob", "-c=0", "-d=1", "-e=false", "-f=true"], out _));
        foreach (var option in new[] { "-a", "-b", "-c", "-d", "-e", "-f" })
            Assert.True(args.IsArgSet(option));
        args.LockSettings(s => Assert.Equal(6, s.CommandLineOptions.Count));
        Assert.False(args.IsArgSet("-nob"));
        Assert.True(args.IsArgNegated("-b"));
        Assert.False(args.IsArgNegated("-a"));
        Assert.True(args.GetBoolArg("-a", false));
        Assert.False(args.GetBoolArg("-b", true));
        Assert.False(args.GetBoolArg("-c", true));
        Assert.True(args.GetBoolArg("-d", false));
        Assert.False(args.GetBoolArg("-e", true));
        Assert.False(args.GetBoolArg("-f", true));
    }

    [Fact]
    public void LaterValueOverridesNegationAndDoubleNegativeIsPositive()
    {
        var args = TestArgs.With("-foo", "-bar");
        Assert.True(args.ParseParameters(["-nofoo", "-foo", "-nobar=0"], out _));
        Assert.False(args.IsArgNegated("-foo"));
        Assert.Equal("", args.GetArg("-foo", "xxx"));
        Assert.False(args.IsArgNegated("-bar"));
        Assert.Equal("1", args.GetArg("-bar", "xxx"));

        // The same in the config file: the value after the negation wins.
        Assert.True(args.ParseParameters([], out _));
        args.Config("nofoo=1\nfoo=1\nnobar=0\n");
        Assert.False(args.IsArgNegated("-foo"));
        Assert.Equal("1", args.GetArg("-foo", "xxx"));
        Assert.False(args.IsArgNegated("-bar"));
        Assert.Equal("1", args.GetArg("-bar", "xxx"));

        // Command line overrides the config file without erasing it.
        Assert.True(args.ParseParameters(["-nofoo", "-bar"], out _));
        args.Config("foo=1\nnobar=1\n");
        Assert.True(args.IsArgNegated("-foo"));
        Assert.Equal("0", args.GetArg("-foo", "xxx"));
        Assert.Empty(args.GetArgs("-foo"));
        Assert.False(args.IsArgNegated("-bar"));
        Assert.Equal("", args.GetArg("-bar", "xxx"));
        Assert.Equal([""], args.GetArgs("-bar"));
    }

    [Fact]
    public void CommandsAndTheirOptionsAreChecked()
    {
        static string Run(params string[] argv)
        {
            var args = new ArgsManager();
            args.AddArg("-opt1=<file name>", "Opt 1", ArgFlags.AllowAny | ArgFlags.DisallowNegation, OptionsCategory.CommandOptions);
            args.AddArg("-opt2=<file name>", "Opt 2", ArgFlags.AllowAny | ArgFlags.DisallowNegation, OptionsCategory.CommandOptions);
            args.AddArg("-opt3=<file name>", "Opt 3", ArgFlags.AllowAny | ArgFlags.DisallowNegation, OptionsCategory.Options);
            args.AddCommand("cmd1", "No specific options");
            args.AddCommand("cmd2", "Opt 1", ["-opt1"]);
            args.AddCommand("cmd3", "Opt 1 or 2", ["-opt1", "-opt2"]);
            if (!args.ParseParameters(argv, out _))
                return "parse fail";
            var command = args.GetCommand();
            if (command is null)
                return "no command";
            var details = new List<string>();
            if (!args.CheckCommandOptions(command.Command, details))
                return details.Count == 0 ? "bad details" : "command opts";
            return details.Count == 0 ? "ok" : "bad details";
        }

        Assert.Equal("command opts", Run("-opt1=foo", "cmd1"));
        Assert.Equal("ok", Run("cmd1", "-opt1=foo"));
        Assert.Equal("ok", Run("-opt1=foo", "cmd2"));
        Assert.Equal("ok", Run("-opt1=foo", "cmd3"));
        Assert.Equal("command opts", Run("-opt2=foo", "cmd1"));
        Assert.Equal("command opts", Run("-opt2=foo", "cmd2"));
        Assert.Equal("ok", Run("-opt2=foo", "cmd3"));
        Assert.Equal("ok", Run("-opt3=foo", "cmd1"));
        Assert.Equal("ok", Run("-opt3=foo", "cmd2"));
        Assert.Equal("ok", Run("-opt3=foo", "cmd3"));
        Assert.Equal("command opts", Run("-opt1=foo", "-opt3=bar", "-opt2=baz", "cmd1"));
        Assert.Equal("command opts", Run("-opt1=foo", "-opt3=bar", "-opt2=baz", "cmd2"));
        Assert.Equal("ok", Run("-opt1=foo", "-opt3=bar", "-opt2=baz", "cmd3"));
        Assert.Equal("parse fail", Run("cmd4"));
        Assert.Equal("no command", Run("-opt3=foo"));
        Assert.Equal("parse fail", Run("-opt4=foo"));
    }

    [Fact]
    public void CommandOptionErrorNamesOptionAndCommand()
    {
        var args = new ArgsManager();
        args.AddArg("-opt1", "Opt 1", ArgFlags.AllowAny, OptionsCategory.CommandOptions);
        args.AddCommand("cmd1", "none");
        Assert.True(args.ParseParameters(["-opt1=x", "cmd1", "extra"], out _));
        var details = new List<string>();
        Assert.False(args.CheckCommandOptions("cmd1", details));
        Assert.Equal(["The -opt1 option cannot be used with the 'cmd1' command."], details);
        Assert.Equal(new ArgsCommand("cmd1", ["extra"]).Args, args.GetCommand()!.Args);
        Assert.False(args.ParseParameters(["bogus"], out var error));
        Assert.Equal("Invalid command 'bogus'", error);
    }

    [Fact]
    public void ClearArgsReplacesCommandOptions()
    {
        var args = new ArgsManager();
        args.AddArg("-opt1", "option", ArgFlags.AllowAny, OptionsCategory.CommandOptions);
        args.AddCommand("cmd", "cmd", ["-opt1"]);
        args.ClearArgs();
        args.AddArg("-opt2", "option", ArgFlags.AllowAny, OptionsCategory.CommandOptions);
        args.AddCommand("cmd", "cmd", ["-opt2"]);
        Assert.Contains("-opt2", args.GetHelpMessage());
        args.ForceSetArg("-opt2", "1");
        var details = new List<string>();
        Assert.True(args.CheckCommandOptions("cmd", details));
        Assert.Empty(details);
    }

    [Fact]
    public void OnlyOneCliCommandMayBeGiven()
    {
        var args = new ArgsManager();
        args.AddArg("-getinfo", "", ArgFlags.AllowAny, OptionsCategory.CliCommands);
        args.AddArg("-netinfo", "", ArgFlags.AllowAny, OptionsCategory.CliCommands);
        Assert.True(args.ParseParameters(["-getinfo"], out _));
        args.CheckMultipleCliArgs();
        Assert.True(args.ParseParameters(["-netinfo", "-getinfo"], out _));
        var e = Assert.Throws<ArgsException>(args.CheckMultipleCliArgs);
        Assert.Equal("Only one of -getinfo, -netinfo may be specified.", e.Message);
    }

    [Fact]
    public void RegisteringAnOptionTwiceIsAProgrammingError()
    {
        var args = TestArgs.With("-a");
        Assert.Throws<InvalidOperationException>(() => args.AddArg("-a=<x>", "", ArgFlags.AllowAny, OptionsCategory.Rpc));
        // Hidden duplicates are how options of other binaries are tolerated.
        args.AddHiddenArgs(["-a"]);
    }

    [Fact]
    public void DefaultFlagsAcceptUnregisteredOptions()
    {
        var args = new ArgsManager();
        args.SetDefaultFlags(ArgFlags.AllowAny);
        Assert.True(args.ParseParameters(["-anything=1"], out _));
        Assert.Equal("1", args.GetArg("-anything"));
        Assert.Equal(SettingsValue.FromString("1"), args.GetSetting("-anything"));
    }
}
