using Bitcoin.Common.Rpc;

namespace Bitcoin.Common.Tests.Rpc;

public class RpcMethodHelpTests
{
    internal static RpcMethod Sample() => new(
        "testmethod",
        "Does a test.\n",
        [
            new RpcArg("height", RpcArgType.Num, RpcArgFallback.Required, "The height"),
            new RpcArg("verbose", RpcArgType.Bool, RpcArgFallback.Default(false), "Be chatty"),
            new RpcArg("options", RpcArgType.Obj, RpcArgFallback.Omitted, "Options", [
                new RpcArg("fee", RpcArgType.Amount, RpcArgFallback.Hint("none"), "A fee"),
                new RpcArg("list", RpcArgType.Arr, RpcArgFallback.Omitted, "A list", [
                    new RpcArg("item", RpcArgType.Str, RpcArgFallback.Omitted, "an item"),
                ]),
            ]),
        ],
        [
            new RpcResult(RpcResultType.Obj, "", "", [
                new RpcResult(RpcResultType.Str, "hash", "The hash"),
                new RpcResult(RpcResultType.Num, "n", "A count", optional: true),
            ]),
        ],
        RpcExamples.Cli("testmethod", "1") + RpcExamples.Rpc("testmethod", "1"),
        call => call.ArgInt32("height"));

    [Fact]
    public void HelpTextHasCoreLayout()
    {
        string expected =
            "testmethod height ( verbose {\"fee\":amount,\"list\":[\"item\",...]} )\n" +
            "\n" +
            "Does a test.\n" +
            "\n" +
            "Arguments:\n" +
            "1. height".PadRight(25) + "(numeric, required) The height\n" +
            "2. verbose".PadRight(25) + "(boolean, optional, default=false) Be chatty\n" +
            "3. options".PadRight(25) + "(json object, optional) Options\n" +
            "     {\n" +
            "       \"fee\": amount,".PadRight(25) + "(numeric or string, optional, default=none) A fee\n" +
            "       \"list\": [".PadRight(25) + "(json array, optional) A list\n" +
            "         \"item\",".PadRight(25) + "(string) an item\n" +
            "         ...\n" +
            "       ],\n" +
            "     }\n" +
            "\n" +
            "Result:\n" +
            "{".PadRight(21) + "(json object)\n" +
            "  \"hash\" : \"str\",".PadRight(21) + "(string) The hash\n" +
            "  \"n\" : n".PadRight(21) + "(numeric, optional) A count\n" +
            "}\n" +
            "\n" +
            "Examples:\n" +
            "> bitcoin-cli testmethod 1\n" +
            "> curl --user myusername --data-binary '{\"jsonrpc\": \"2.0\", \"id\": \"curltest\", \"method\": \"testmethod\", \"params\": [1]}' -H 'content-type: application/json' http://127.0.0.1:8332/\n";
        Assert.Equal(expected, Sample().ToHelpText());
    }

    [Fact]
    public void MultiLineDescriptionsContinueInTheDescriptionColumn()
    {
        var method = new RpcMethod("m", "d", [new RpcArg("a", RpcArgType.Str, RpcArgFallback.Required, "line one\n   line two")], [], "", _ => null);
        Assert.Contains("1. a    (string, required) line one\n" + new string(' ', 8) + "line two\n", method.ToHelpText());
    }

    [Fact]
    public void NamedOnlyOptionsAreListedSeparately()
    {
        var method = new RpcMethod("m", "d",
            [
                new RpcArg("options", RpcArgType.ObjNamedParams, RpcArgFallback.Omitted, "", [
                    new RpcArg("conf_target", RpcArgType.Num, RpcArgFallback.Default(6), "Target"),
                ]),
            ], [], "", _ => null);
        string help = method.ToHelpText();
        Assert.StartsWith("m ( {\"conf_target\":n,...} )\n", help, StringComparison.Ordinal);
        Assert.Contains("\nNamed Arguments:\nconf_target    (numeric, optional, default=6) Target\n", help);
        Assert.Equal([("conf_target", true), ("options", false)], method.GetArgNames());
    }

    [Fact]
    public void HiddenArgumentsAreLeftOut()
    {
        var method = new RpcMethod("stop", "Stops.", [new RpcArg("wait", RpcArgType.Num, RpcArgFallback.Omitted, "", options: new RpcArgOptions { Hidden = true })],
            [new RpcResult(RpcResultType.Str, "", "text")], "", _ => null);
        Assert.Equal("stop\n\nStops.\n\nResult:\n\"str\"    (string) text\n", method.ToHelpText());
    }

    [Fact]
    public void ArgMapMarksStringArguments()
        => Assert.Equal("[[\"testmethod\",0,\"height\",false],[\"testmethod\",1,\"verbose\",false],[\"testmethod\",2,\"options\",false]]",
            Bitcoin.Common.Json.JsonText.Write(Sample().GetArgMap()));

    [Fact]
    public void DuplicateArgumentNamesAreAProgrammingError()
        => Assert.Throws<ArgumentException>(() => new RpcMethod("m", "d",
            [new RpcArg("a", RpcArgType.Str, RpcArgFallback.Required, ""), new RpcArg("a", RpcArgType.Str, RpcArgFallback.Required, "")], [], "", _ => null));

    [Fact]
    public void DefaultOfTheWrongTypeIsAProgrammingError()
        => Assert.Throws<ArgumentException>(() => new RpcMethod("m", "d",
            [new RpcArg("a", RpcArgType.Bool, RpcArgFallback.Default(1), "")], [], "", _ => null));
}
