using Bitcoin.Common.Args;

namespace Bitcoin.Common.Tests.Args.Support;

/// <summary>Builds argument managers the way Core's tests do (SetupArgs / ResetArgs).</summary>
public static class TestArgs
{
    public static ArgsManager With(params string[] names) =>
        With(names.Select(n => (n, ArgFlags.AllowAny)).ToArray());

    public static ArgsManager With(params (string Name, ArgFlags Flags)[] args)
    {
        var manager = new ArgsManager();
        foreach (var (name, flags) in args)
            manager.AddArg(name, "", flags, OptionsCategory.Options);
        return manager;
    }

    /// <summary>Parses a space-separated command line, asserting success (Core's ResetArgs).</summary>
    public static void Parse(this ArgsManager args, string commandLine)
    {
        var words = commandLine.Length == 0 ? [] : commandLine.Split(' ');
        Assert.True(args.ParseParameters(words, out var error), error);
        Assert.Equal("", error);
    }

    /// <summary>Replaces the config values, asserting success.</summary>
    public static void Config(this ArgsManager args, string text)
    {
        Assert.True(args.ReadConfigString(text, out var error), error);
    }
}
