using Bitcoin.Common.Args;
using Bitcoin.Node.Init;

namespace Bitcoin.Node.Tests.Init;

/// <summary>An <see cref="ArgsManager"/> with every bitcoind option registered and a command line parsed.</summary>
internal static class TestArgs
{
    public static ArgsManager Parse(params string[] arguments)
    {
        var args = new ArgsManager();
        NodeArgs.Register(args);
        Assert.True(args.ParseParameters(arguments, out var error), error);
        return args;
    }
}
