using Bitcoin.Common.Args;
using Bitcoin.Common.Util;

namespace Bitcoin.Common.Tests.Args;

/// <summary>The layout of -help output (Core's HelpMessageGroup/HelpMessageOpt/FormatParagraph).</summary>
public sealed class HelpMessageTests
{
    [Fact]
    public void OptionIsIndentedAndItsTextWrappedAt79Columns()
    {
        var text = ArgsHelp.HelpMessageOpt("-rpcport", "=<port>",
            "Listen for JSON-RPC connections on <port> (default: 8332, testnet3: 18332, testnet4: 48332, signet: 38332, regtest: 18443)");
        Assert.Equal(
            "  -rpcport=<port>\n" +
            "       Listen for JSON-RPC connections on <port> (default: 8332, testnet3:\n" +
            "       18332, testnet4: 48332, signet: 38332, regtest: 18443)\n\n",
            text);
        foreach (var line in text.Split('\n'))
            Assert.True(line.Length <= 79, line);
    }

    [Fact]
    public void SubOptionsAreIndentedFurther()
    {
        Assert.Equal("       -opt\n            Text\n\n", ArgsHelp.HelpMessageOpt("-opt", "", "Text", subOption: true));
    }

    [Theory]
    [InlineData("", 79, 0, "")]
    [InlineData("test", 79, 0, "test")]
    [InlineData(" test", 79, 0, " test")]
    [InlineData("test test", 79, 0, "test test")]
    [InlineData("test test", 4, 0, "test\ntest")]
    [InlineData("testerde test", 4, 0, "testerde\ntest")]
    [InlineData("test test", 4, 4, "test\n    test")]
    [InlineData("test test\nabc", 4, 4, "test\n    test\nabc")]
    [InlineData("This_is_a_very_long_test_string_without_any_spaces_so_it_should_just_get_returned_as_is_despite_the_length until it gets here", 79, 0, "This_is_a_very_long_test_string_without_any_spaces_so_it_should_just_get_returned_as_is_despite_the_length\nuntil it gets here")]
    [InlineData("a b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4 5 6 7 8 9 a b c de f g h i j k l m n o p", 79, 0, "a b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4 5 6 7 8 9 a b c de\nf g h i j k l m n o p")]
    [InlineData("x\na b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4 5 6 7 8 9 a b c de f g h i j k l m n o p", 79, 0, "x\na b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4 5 6 7 8 9 a b c de\nf g h i j k l m n o p")]
    [InlineData("x\na b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4 5 6 7 8 9 a b c de f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9 a b c d e fg h i j k", 79, 4, "x\na b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4 5 6 7 8 9 a b c de\n    f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9 a b c d e fg\n    h i j k")]
    [InlineData("This is a very long test string. This is a second sentence in the very long test string.", 79, 0, "This is a very long test string. This is a second sentence in the very long\ntest string.")]
    [InlineData("This is a very long test string.\nThis is a second sentence in the very long test string. This is a third sentence in the very long test string.", 79, 0, "This is a very long test string.\nThis is a second sentence in the very long test string. This is a third\nsentence in the very long test string.")]
    [InlineData("This is a very long test string.\n\nThis is a second sentence in the very long test string. This is a third sentence in the very long test string.", 79, 0, "This is a very long test string.\n\nThis is a second sentence in the very long test string. This is a third\nsentence in the very long test string.")]
    [InlineData("Testing that normal newlines do not get indented.\nLike here.", 79, 0, "Testing that normal newlines do not get indented.\nLike here.")]
    public void FormatParagraphMatchesCore(string input, int width, int indent, string expected)
    {
        // Cases from Core's util_FormatParagraph.
        Assert.Equal(expected, TextFormatting.FormatParagraph(input, width, indent));
    }

    [Fact]
    public void CategoriesComeInCoresOrderAndDebugOptionsOnlyWithHelpDebug()
    {
        var args = new ArgsManager();
        ArgsHelp.SetupHelpOptions(args);
        args.AddArg("-help-debug", "Show debugging options too", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        args.AddArg("-rpcport=<port>", "RPC port", ArgFlags.AllowAny, OptionsCategory.Rpc);
        args.AddArg("-addnode=<ip>", "Add a node", ArgFlags.AllowAny, OptionsCategory.Connection);
        args.AddArg("-regtest", "Regression test chain", ArgFlags.AllowAny | ArgFlags.DebugOnly, OptionsCategory.ChainParams);
        args.AddArg("-chain=<chain>", "Chain", ArgFlags.AllowAny, OptionsCategory.ChainParams);
        args.AddArg("-walletrejectlongchains", "Debug wallet option", ArgFlags.AllowAny | ArgFlags.DebugOnly, OptionsCategory.WalletDebugTest);
        args.AddArg("-wallet=<path>", "Wallet", ArgFlags.AllowAny, OptionsCategory.Wallet);
        args.AddArg("-secret", "", ArgFlags.AllowAny, OptionsCategory.Hidden);

        Assert.True(args.ParseParameters([], out _));
        var help = args.GetHelpMessage();
        Assert.Equal(
            "Options:\n\n" +
            "  -help\n       Print this help message and exit (also -h or -?)\n\n" +
            "Connection options:\n\n" +
            "  -addnode=<ip>\n       Add a node\n\n" +
            "Wallet options:\n\n" +
            "  -wallet=<path>\n       Wallet\n\n" +
            "Debugging/Testing options:\n\n" +
            "  -help-debug\n       Show debugging options too\n\n" +
            "Chain selection options:\n\n" +
            "  -chain=<chain>\n       Chain\n\n" +
            "RPC server options:\n\n" +
            "  -rpcport=<port>\n       RPC port\n\n",
            help);

        Assert.True(args.ParseParameters(["-help-debug"], out _));
        var debugHelp = args.GetHelpMessage();
        Assert.Contains("Wallet debugging/testing options:\n\n  -walletrejectlongchains\n", debugHelp);
        Assert.Contains("  -chain=<chain>\n       Chain\n\n  -regtest\n       Regression test chain\n\n", debugHelp);
        Assert.DoesNotContain("-secret", debugHelp);
        Assert.True(ArgsHelp.HelpRequested(args));
    }

    [Theory]
    [InlineData("-?")]
    [InlineData("-h")]
    [InlineData("-help")]
    [InlineData("--help")]
    public void HelpAliasesAreRecognized(string argument)
    {
        var args = new ArgsManager();
        ArgsHelp.SetupHelpOptions(args);
        args.AddArg("-help-debug", "", ArgFlags.AllowAny, OptionsCategory.DebugTest);
        Assert.True(args.ParseParameters([argument], out _));
        Assert.True(ArgsHelp.HelpRequested(args));
    }
}
