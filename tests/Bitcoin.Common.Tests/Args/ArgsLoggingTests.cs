using Bitcoin.Common.Args;
using Bitcoin.Common.Tests.Args.Support;

namespace Bitcoin.Common.Tests.Args;

/// <summary>What argument handling writes to the log (Core's getarg_tests logargs, feature_config_args log checks).</summary>
[Collection(GlobalLogCollection.Name)]
public sealed class ArgsLoggingTests
{
    [Fact]
    public void DoubleNegativeIsLoggedAsPotentiallyConfusing()
    {
        using var log = new CapturedLog();
        var args = TestArgs.With("-listen");
        Assert.True(args.ParseParameters(["-nolisten=0"], out _));
        Assert.Contains("[warning] Parsed potentially confusing double-negative -listen=0", log.Lines);
    }

    [Fact]
    public void LogArgsHidesSensitiveValues()
    {
        using var log = new CapturedLog();
        var args = TestArgs.With(("-okaylog-bool", ArgFlags.AllowAny), ("-okaylog-negbool", ArgFlags.AllowAny),
            ("-okaylog", ArgFlags.AllowAny), ("-dontlog", ArgFlags.AllowAny | ArgFlags.Sensitive));
        args.Parse("-okaylog-bool -nookaylog-negbool -okaylog=public -dontlog=private42");
        args.LogArgs();
        var text = log.Text;
        Assert.Contains("Command-line arg: okaylog-bool=\"\"", text);
        Assert.Contains("Command-line arg: okaylog-negbool=false", text);
        Assert.Contains("Command-line arg: okaylog=\"public\"", text);
        Assert.Contains("dontlog=****", text);
        Assert.DoesNotContain("private42", text);
    }

    [Fact]
    public void LogArgsShowsConfigSectionsAndSettingsFile()
    {
        using var log = new CapturedLog();
        var args = TestArgs.With("-regtest", "-server", "-wallet");
        args.Config("regtest=1\n[regtest]\nserver=1\n");
        args.LockSettings(s => s.RwSettings["wallet"] = Bitcoin.Common.Settings.SettingsValue.Array("w1"));
        args.LogArgs();
        Assert.Contains("Config file arg: regtest=\"1\"", log.Lines);
        Assert.Contains("Config file arg: [regtest] server=\"1\"", log.Lines);
        Assert.Contains("Setting file arg: wallet = [\"w1\"]", log.Lines);
    }

    [Fact]
    public void UnknownConfigValuesAreIgnoredWithAWarningWhenAsked()
    {
        using var log = new CapturedLog();
        var args = TestArgs.With("-server");
        Assert.True(args.ReadConfigStream(new StringReader("dash_conf=1\nserver=1\n"), "x.conf", out var error, ignoreInvalidKeys: true), error);
        Assert.Contains("[warning] Ignoring unknown configuration value dash_conf", log.Lines);
        Assert.True(args.GetBoolArg("-server", false));
    }

    [Fact]
    public void ReindexInConfigWarns()
    {
        using var log = new CapturedLog();
        var args = TestArgs.With("-reindex");
        args.Config("reindex=1\n");
        Assert.Contains("[warning] reindex=1 is set in the configuration file, which will significantly slow down startup. Consider removing or commenting out this option for better performance, unless there is currently a condition which makes rebuilding the indexes necessary", log.Lines);
    }
}
