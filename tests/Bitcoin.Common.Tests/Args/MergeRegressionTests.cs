using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;
using Bitcoin.Common.Tests.Args.Support;

namespace Bitcoin.Common.Tests.Args;

/// <summary>
/// Core's exhaustive merge regressions (argsman_tests util_ArgsMerge and util_ChainMerge): every combination of
/// command-line, config-file, section, soft and forced settings is described in a line and the lines are hashed; the
/// digest is Core's, so any difference in precedence from Core fails here.
/// </summary>
public sealed class MergeRegressionTests
{
    private const int None = 0, Set = 1, Negate = 2, SectionSet = 3, SectionNegate = 4;

    [Fact]
    public void ArgsMergeMatchesCore()
    {
        var hash = new Combinations.Hash256Writer();
        var argActions = new int[3];
        Combinations.ForEachNoDup(argActions, Set, Negate, () =>
        {
            var confActions = new int[3];
            Combinations.ForEachNoDup(confActions, Set, SectionNegate, () =>
            {
                foreach (var softSet in new[] { false, true })
                foreach (var forceSet in new[] { false, true })
                foreach (var section in NetworkNames())
                foreach (var network in NetworkNames())
                foreach (var netSpecific in new[] { false, true })
                    hash.Write(DescribeArgsMerge(argActions, confActions, softSet, forceSet, section, network, netSpecific));
            });
        });
        Assert.Equal("f1ee5ab094cc43d16a6086fa7f2c10389e0f99902616b31bbf29189972ad1473", hash.FinalHex());
    }

    [Fact]
    public void ChainMergeMatchesCore()
    {
        var hash = new Combinations.Hash256Writer();
        var argActions = new int[2];
        Combinations.ForEachNoDup(argActions, 1, 6, () =>
        {
            var confActions = new int[2];
            Combinations.ForEachNoDup(confActions, 1, 6, () => hash.Write(DescribeChainMerge(argActions, confActions)));
        });
        Assert.Equal("c0e33aab0c74e040ddcee9edad59e8148d8e1cacb3cccd9ea1a1f485cb6bad21", hash.FinalHex());
    }

    private static string[] NetworkNames() =>
        [ChainType.Main.ToName(), ChainType.Testnet.ToName(), ChainType.Testnet4.ToName(), ChainType.Signet.ToName()];

    private static string DescribeArgsMerge(int[] argActions, int[] confActions, bool softSet, bool forceSet,
        string section, string network, bool netSpecific)
    {
        var parser = new ArgsManager();
        var desc = "net=" + network;
        parser.SelectConfigNetwork(network);

        var name = netSpecific ? "wallet" : "server";
        var key = "-" + name;
        var flags = ArgFlags.AllowAny | (netSpecific ? ArgFlags.NetworkOnly : ArgFlags.None);
        parser.AddArg(key, name, flags, OptionsCategory.Options);

        var argv = new List<string>();
        foreach (var arg in GetValues(argActions, section, name, "a"))
        {
            desc += " -" + arg;
            argv.Add("-" + arg);
        }

        Assert.True(parser.ParseParameters(argv, out var error));
        Assert.Equal("", error);

        var conf = "";
        foreach (var value in GetValues(confActions, section, name, "c"))
        {
            desc += " " + value;
            conf += value + "\n";
        }

        Assert.True(parser.ReadConfigStream(new StringReader(conf), "filepath", out error));
        Assert.Equal("", error);

        if (softSet)
        {
            desc += " soft";
            parser.SoftSetArg(key, "soft1");
            parser.SoftSetArg(key, "soft2");
        }

        if (forceSet)
        {
            desc += " force";
            parser.ForceSetArg(key, "force1");
            parser.ForceSetArg(key, "force2");
        }

        desc += " || ";
        if (!parser.IsArgSet(key))
        {
            desc += "unset";
            Assert.False(parser.IsArgNegated(key));
            Assert.Equal("default", parser.GetArg(key, "default"));
            Assert.Empty(parser.GetArgs(key));
        }
        else if (parser.IsArgNegated(key))
        {
            desc += "negated";
            Assert.Equal("0", parser.GetArg(key, "default"));
            Assert.Empty(parser.GetArgs(key));
        }
        else
        {
            desc += parser.GetArg(key, "default") + " |";
            foreach (var value in parser.GetArgs(key))
                desc += " " + value;
        }

        var ignored = parser.GetUnsuitableSectionOnlyArgs();
        if (ignored.Count > 0)
        {
            desc += " | ignored";
            foreach (var arg in ignored)
                desc += " " + arg;
        }

        return desc + "\n";
    }

    private static List<string> GetValues(int[] actions, string section, string name, string valuePrefix)
    {
        var values = new List<string>();
        var suffix = 0;
        foreach (var action in actions)
        {
            if (action == None)
                break;
            var prefix = action is SectionSet or SectionNegate ? section + "." : "";
            if (action is Set or SectionSet)
            {
                for (var i = 0; i < 2; i++)
                    values.Add(prefix + name + "=" + valuePrefix + ++suffix);
            }

            if (action is Negate or SectionNegate)
                values.Add(prefix + "no" + name + "=1");
        }

        return values;
    }

    private static string DescribeChainMerge(int[] argActions, int[] confActions)
    {
        static string? Arg(int action) => action switch
        {
            1 => "-testnet4=1",
            2 => "-testnet4=0",
            3 => "-notestnet4=1",
            4 => "-regtest=1",
            5 => "-regtest=0",
            6 => "-noregtest=1",
            _ => null,
        };

        var parser = new ArgsManager();
        parser.AddArg("-regtest", "regtest", ArgFlags.AllowAny, OptionsCategory.Options);
        parser.AddArg("-testnet4", "testnet4", ArgFlags.AllowAny, OptionsCategory.Options);

        var desc = "";
        var argv = new List<string>();
        foreach (var action in argActions)
        {
            if (Arg(action) is not { } text)
                break;
            argv.Add(text);
            desc += " " + text;
        }

        Assert.True(parser.ParseParameters(argv, out var error));
        Assert.Equal("", error);

        var conf = "";
        foreach (var action in confActions)
        {
            if (Arg(action) is not { } text)
                break;
            desc += " " + text[1..];
            conf += text[1..] + "\n";
        }

        Assert.True(parser.ReadConfigStream(new StringReader(conf), "filepath", out error));
        Assert.Equal("", error);

        desc += " || ";
        try
        {
            desc += parser.GetChainTypeString();
        }
        catch (ArgsException e)
        {
            desc += "error: " + e.Message;
        }

        return desc + "\n";
    }
}
