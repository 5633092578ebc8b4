using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Rpc.Commands;

namespace Bitcoin.Common.Tests.Rpc;

public class RpcCommandTableTests
{
    private static RpcCommandTable Table(bool finishWarmup = true)
    {
        var table = new RpcCommandTable();
        ControlCommands.Register(table, new ControlCommandsOptions { RequestShutdown = () => { } });
        table.Register("blockchain", RpcMethodHelpTests.Sample());
        table.Register("util", new RpcMethod("fail", "Fails.", [new RpcArg("how", RpcArgType.Str, RpcArgFallback.Required, "")], [], "", call =>
            call.ArgStr("how") switch
            {
                "rpc" => throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "bad key"),
                "type" => call.Param(0).GetInt32(),
                "range" => JsonValue.Create("300").GetStr() is var s ? JsonText.Parse(s).GetInt<byte>() : 0,
                _ => throw new InvalidOperationException("something broke"),
            }));
        if (finishWarmup) table.SetWarmupFinished();
        return table;
    }

    private static Task<JsonNode?> Call(RpcCommandTable table, string method, string parameters = "[]")
        => table.ExecuteAsync(new RpcRequest { Method = method, Params = JsonText.Parse(parameters)! }).AsTask();

    private static async Task<RpcException> Fails(RpcCommandTable table, string method, string parameters = "[]")
        => await Assert.ThrowsAsync<RpcException>(() => Call(table, method, parameters));

    [Fact]
    public async Task WarmupAnswersMinus28WithTheStatus()
    {
        var table = Table(finishWarmup: false);
        table.SetWarmupStatus("Loading block index…");
        var e = await Fails(table, "uptime");
        Assert.Equal(-28, e.Code);
        Assert.Equal("Loading block index…", e.Message);
        table.SetWarmupFinished();
        Assert.True((await Call(table, "uptime")).IsNum());
    }

    [Fact]
    public async Task UnknownMethodIsMinus32601()
    {
        var e = await Fails(Table(), "nosuchmethod");
        Assert.Equal(-32601, e.Code);
        Assert.Equal("Method not found", e.Message);
    }

    [Fact]
    public async Task WrongArgumentCountAnswersUsageAsMinus1()
    {
        var e = await Fails(Table(), "testmethod");
        Assert.Equal(-1, e.Code);
        Assert.StartsWith("testmethod height ( verbose", e.Message, StringComparison.Ordinal);
        Assert.Equal(-1, (await Fails(Table(), "testmethod", "[1,true,{},4]")).Code);
    }

    [Fact]
    public async Task WrongArgumentTypesAreListedByPosition()
    {
        var e = await Fails(Table(), "testmethod", "[\"1\",1]");
        Assert.Equal(-3, e.Code);
        Assert.Equal("Wrong type passed:\n{\n    \"Position 1 (height)\": \"JSON value of type string is not of expected type number\",\n" +
                     "    \"Position 2 (verbose)\": \"JSON value of type number is not of expected type bool\"\n}", e.Message);
    }

    [Fact]
    public async Task NullForOptionalArgumentIsAccepted()
        => Assert.Equal(5, (await Call(Table(), "testmethod", "[5,null]")).GetInt32());

    [Fact]
    public async Task NamedParametersReachTheHandler()
    {
        Assert.Equal(7, (await Call(Table(), "testmethod", "{\"height\":7}")).GetInt32());
        Assert.Equal("Unknown named parameter hieght", (await Fails(Table(), "testmethod", "{\"hieght\":7}")).Message);
    }

    [Fact]
    public async Task AliasesAndNamedOnlyOptionsReachTheHandler()
    {
        var table = new RpcCommandTable();
        table.Register("test", new RpcMethod("send", "Sends.",
            [
                new RpcArg("address", RpcArgType.Str, RpcArgFallback.Required, ""),
                new RpcArg("verbosity|verbose", RpcArgType.Num, RpcArgFallback.Default(1), ""),
                new RpcArg("options", RpcArgType.ObjNamedParams, RpcArgFallback.Omitted, "", [
                    new RpcArg("fee_rate", RpcArgType.Amount, RpcArgFallback.Omitted, ""),
                ]),
            ], [new RpcResult(RpcResultType.Any, "", "")], "",
            call => new JsonObject
            {
                ["address"] = call.ArgStr("address"),
                ["verbosity"] = call.ArgInt32("verbosity"),
                ["fee"] = call.Param(2).Find("fee_rate").Detached(),
            }));
        table.SetWarmupFinished();
        Assert.Equal("{\"address\":\"a\",\"verbosity\":2,\"fee\":0.5}", JsonText.Write(await Call(table, "send", "{\"address\":\"a\",\"verbose\":2,\"fee_rate\":0.5}")));
        Assert.Equal("{\"address\":\"a\",\"verbosity\":1,\"fee\":null}", JsonText.Write(await Call(table, "send", "[\"a\"]")));
        var e = await Fails(table, "send", "{\"address\":\"a\",\"fee_rate\":1,\"options\":{}}");
        Assert.Equal("Parameter options conflicts with parameter fee_rate", e.Message);
    }

    [Fact]
    public async Task HandlerErrorsMapToCoreCodes()
    {
        var table = Table();
        var rpc = await Fails(table, "fail", "[\"rpc\"]");
        Assert.Equal((-5, "bad key"), (rpc.Code, rpc.Message));
        var type = await Fails(table, "fail", "[\"type\"]");
        Assert.Equal((-3, "JSON value of type string is not of expected type number"), (type.Code, type.Message));
        var range = await Fails(table, "fail", "[\"range\"]");
        Assert.Equal((-1, "JSON integer out of range"), (range.Code, range.Message));
        var other = await Fails(table, "fail", "[\"other\"]");
        Assert.Equal((-1, "something broke"), (other.Code, other.Message));
    }

    [Fact]
    public async Task HelpListsCommandsByCategoryWithoutHiddenOnes()
    {
        string help = (await Call(Table(), "help")).GetStr();
        Assert.StartsWith("== Blockchain ==\ntestmethod height ( verbose {\"fee\":amount,\"list\":[\"item\",...]} )\n\n== Control ==\n", help, StringComparison.Ordinal);
        Assert.Contains("\nhelp ( \"command\" )\n", help);
        Assert.Contains("\nstop\n", help);
        Assert.DoesNotContain("echo", help);
        Assert.EndsWith("== Util ==\nfail \"how\"", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpOfOneCommandIsItsFullText()
    {
        Assert.Equal(RpcMethodHelpTests.Sample().ToHelpText(), (await Call(Table(), "help", "[\"testmethod\"]")).GetStr());
        Assert.StartsWith("echo ( \"arg0\"", (await Call(Table(), "help", "[\"echo\"]")).GetStr(), StringComparison.Ordinal);
        Assert.Equal("help: unknown command: nope", (await Call(Table(), "help", "[\"nope\"]")).GetStr());
    }

    [Fact]
    public async Task ArgumentConversionDumpListsEveryCommand()
    {
        var rows = (await Call(Table(), "help", "[\"dump_all_command_conversions\"]")).GetArr();
        Assert.Contains(rows, r => JsonText.Write(r) == "[\"testmethod\",0,\"height\",false]");
        Assert.Contains(rows, r => JsonText.Write(r) == "[\"help\",0,\"command\",true]");
    }

    [Fact]
    public async Task EchoReturnsArgumentsUnchanged()
    {
        Assert.Equal("[1.50,\"x\",{\"a\":null},null,[]]", JsonText.Write(await Call(Table(), "echo", "[1.50,\"x\",{\"a\":null},null,[]]")));
        Assert.Equal("[null,null,\"c\"]", JsonText.Write(await Call(Table(), "echojson", "{\"arg2\":\"c\"}")));
    }

    [Fact]
    public async Task EchoCanReportAnInternalBug()
    {
        var e = await Fails(Table(), "echo", "{\"arg9\":\"trigger_internal_bug\"}");
        Assert.Equal(-1, e.Code);
        Assert.StartsWith("Internal bug detected: request.params[9].get_str() != \"trigger_internal_bug\"\n", e.Message, StringComparison.Ordinal);
        Assert.Contains("Please report this issue here: ", e.Message);
    }

    [Fact]
    public async Task StopRequestsShutdownAndSaysSo()
    {
        int requested = 0;
        var table = new RpcCommandTable();
        ControlCommands.Register(table, new ControlCommandsOptions { RequestShutdown = () => requested++ });
        table.SetWarmupFinished();
        Assert.Equal("Bitcoin Core stopping", (await Call(table, "stop")).GetStr());
        Assert.Equal(1, requested);
    }

    [Fact]
    public async Task GetRpcInfoShowsItselfAsActive()
    {
        var info = (await Call(Table(), "getrpcinfo")).GetObj();
        var active = info["active_commands"].GetArr();
        Assert.Single(active);
        Assert.Equal("getrpcinfo", active[0].Find("method").GetStr());
        Assert.True(active[0].Find("duration").GetInt64() >= 0);
        Assert.True(info["logpath"].IsStr());
    }

    [Fact]
    public async Task LoggingRejectsUnknownCategories()
    {
        var e = await Fails(Table(), "logging", "[[\"nosuchcategory\"]]");
        Assert.Equal((-8, "unknown logging category nosuchcategory"), (e.Code, e.Message));
        var categories = (await Call(Table(), "logging")).GetObj();
        Assert.True(categories["net"].IsBool());
    }

    [Fact]
    public async Task InterruptedTableStopsLongRunningCommands()
    {
        var table = Table();
        table.InterruptionPoint();
        table.Interrupt();
        var e = Assert.Throws<RpcException>(table.InterruptionPoint);
        Assert.Equal((-9, "Shutting down"), (e.Code, e.Message));
        Assert.False(table.IsRunning);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task JsonRpcBodiesRunWithoutHttpAsTheServerRunsThem()
    {
        var table = Table();
        var single = await table.ExecuteJsonRpcAsync(JsonText.Parse("{\"method\":\"testmethod\",\"params\":[3],\"id\":1}"), "/wallet/w", "__cookie__");
        Assert.Equal((200, "{\"result\":3,\"error\":null,\"id\":1}"), (single.HttpStatus, JsonText.Write(single.Reply)));
        var missing = await table.ExecuteJsonRpcAsync(JsonText.Parse("{\"method\":\"nope\",\"id\":1}"), "/", "");
        Assert.Equal(404, missing.HttpStatus);
        var notification = await table.ExecuteJsonRpcAsync(JsonText.Parse("{\"jsonrpc\":\"2.0\",\"method\":\"uptime\"}"), "/", "");
        Assert.Equal((204, (JsonNode?)null), (notification.HttpStatus, notification.Reply));
        var batch = await table.ExecuteJsonRpcAsync(JsonText.Parse("[{\"jsonrpc\":\"2.0\",\"method\":\"testmethod\",\"params\":[4],\"id\":7}]"), "/", "");
        Assert.Equal("[{\"jsonrpc\":\"2.0\",\"result\":4,\"id\":7}]", JsonText.Write(batch.Reply));
    }

    [Fact]
    public async Task SeveralHandlersArePassedOnUntilOneHandles()
    {
        var table = new RpcCommandTable();
        var calls = new List<string>();
        table.Register(new RpcCommand("wallet", "getbalance", [], (r, last) =>
        {
            calls.Add($"first last={last}");
            return ValueTask.FromResult(RpcActorResult.PassOn);
        }));
        table.Register(new RpcCommand("wallet", "getbalance", [], (r, last) =>
        {
            calls.Add($"second last={last}");
            return ValueTask.FromResult(RpcActorResult.Done(42));
        }));
        table.SetWarmupFinished();
        Assert.Equal(42, (await Call(table, "getbalance")).GetInt32());
        Assert.Equal(["first last=False", "second last=True"], calls);
    }
}
