using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Rpc.Commands;

namespace Bitcoin.Common.Tests.Rpc;

/// <summary>getopenrpcinfo and rpc.discover, with the schema forms Core's rpc_openrpc.py checks.</summary>
public class OpenRpcTests
{
    private static RpcCommandTable Table()
    {
        var table = new RpcCommandTable();
        ControlCommands.Register(table, new ControlCommandsOptions { RequestShutdown = () => { } });
        table.Register("blockchain", new RpcMethod("getblockstats", "Block statistics.",
            [
                new RpcArg("hash_or_height", RpcArgType.Num, RpcArgFallback.Required, "The block", options: new RpcArgOptions { SkipTypeCheck = true, TypeStr = ["", "string or numeric"] }),
                new RpcArg("stats", RpcArgType.Arr, RpcArgFallback.Hint("all values"), "Values to return", [new RpcArg("stat", RpcArgType.Str, RpcArgFallback.Omitted, "A statistic")]),
            ],
            [
                new RpcResult(RpcResultType.Obj, "", "", [
                    new RpcResult(RpcResultType.ArrFixed, "feerate_percentiles", "Percentiles", Enumerable.Range(0, 5).Select(_ => new RpcResult(RpcResultType.Num, "", "a rate")).ToList(), optional: true),
                    new RpcResult(RpcResultType.StrAmount, "avgfee", "Average fee"),
                ]),
            ], "", _ => null));
        table.Register("blockchain", new RpcMethod("getblock", "A block.",
            [
                new RpcArg("blockhash", RpcArgType.StrHex, RpcArgFallback.Required, "The hash"),
                new RpcArg("verbosity|verbose", RpcArgType.Num, RpcArgFallback.Default(1), "Detail"),
            ],
            [
                new RpcResult(RpcResultType.Str, "", "hex", condition: "for verbosity = 0"),
                new RpcResult(RpcResultType.Obj, "", "", [new RpcResult(RpcResultType.Str, "hash", "the hash")], condition: "for verbosity = 1"),
            ], "", _ => null));
        table.Register("util", new RpcMethod("deriveaddresses", "Addresses.",
            [new RpcArg("range", RpcArgType.Range, RpcArgFallback.Omitted, "The range")], [new RpcResult(RpcResultType.Arr, "", "", [new RpcResult(RpcResultType.Str, "address", "an address")])], "", _ => null));
        table.Register("rawtransactions", new RpcMethod("createrawtransaction", "A transaction.",
            [
                new RpcArg("outputs", RpcArgType.Arr, RpcArgFallback.Required, "Outputs",
                    [
                        new RpcArg("", RpcArgType.ObjUserKeys, RpcArgFallback.Omitted, "", [new RpcArg("address", RpcArgType.Amount, RpcArgFallback.Required, "An address and amount")]),
                        new RpcArg("", RpcArgType.Obj, RpcArgFallback.Omitted, "", [new RpcArg("data", RpcArgType.StrHex, RpcArgFallback.Required, "Data")]),
                    ], new RpcArgOptions { SkipTypeCheck = true }),
            ], [new RpcResult(RpcResultType.StrHex, "", "hex")], "", _ => null));
        table.Register("wallet", new RpcMethod("getwalletinfo", "Wallet.", [],
            [new RpcResult(RpcResultType.Obj, "", "", [
                new RpcResult(RpcResultType.Obj, "scanning", "scan progress", [new RpcResult(RpcResultType.Num, "duration", "seconds")], options: new RpcResultOptions { SkipTypeCheck = true }),
            ])], "", _ => null));
        table.SetWarmupFinished();
        return table;
    }

    private static async Task<JsonObject> Call(RpcCommandTable table, string method, string parameters = "[]")
        => (await table.ExecuteAsync(new RpcRequest { Method = method, Params = JsonText.Parse(parameters)! })).GetObj();

    private static JsonNode? Method(JsonObject doc, string name) => doc["methods"]!.AsArray().First(m => m.Find("name").GetStr() == name);

    private static JsonNode? Param(JsonNode? method, string name) => method.Find("params")!.AsArray().First(p => p.Find("name").GetStr() == name);

    [Fact]
    public async Task DocumentHasOpenRpcHeader()
    {
        var doc = await Call(Table(), "getopenrpcinfo");
        Assert.Equal("1.4.1", doc["openrpc"].GetStr());
        Assert.Equal("Bitcoin Core JSON-RPC", doc["info"].Find("title").GetStr());
        Assert.Equal(JsonText.Write(doc), JsonText.Write(await Call(Table(), "rpc.discover")));
        Assert.Empty(Method(doc, "rpc.discover").Find("params").GetArr());
        Assert.Equal("control", Method(doc, "stop").Find("x-bitcoin-category").GetStr());
        Assert.DoesNotContain(doc["methods"]!.AsArray(), m => m.Find("name").GetStr() == "echo");
    }

    [Fact]
    public async Task HiddenArgumentsAppearOnlyOnRequest()
    {
        var doc = await Call(Table(), "getopenrpcinfo");
        Assert.Empty(Method(doc, "stop").Find("params").GetArr());
        var hidden = await Call(Table(), "getopenrpcinfo", "[true]");
        Assert.Equal("number", Param(Method(hidden, "stop"), "wait").Find("schema").Find("type").GetStr());
        Assert.Contains(hidden["methods"]!.AsArray(), m => m.Find("name").GetStr() == "echo");
    }

    [Fact]
    public async Task ArgumentSchemasFollowCoreConventions()
    {
        var doc = await Call(Table(), "getopenrpcinfo");
        var stats = Method(doc, "getblockstats");
        Assert.Equal("{\"oneOf\":[{\"type\":\"integer\"},{\"type\":\"string\"}]}", JsonText.Write(Param(stats, "hash_or_height").Find("schema")));
        Assert.Equal("all values", Param(stats, "stats").Find("schema").Find("x-bitcoin-default-hint").GetStr());
        Assert.Equal("{\"type\":\"array\",\"items\":[{\"type\":\"number\"},{\"type\":\"number\"}],\"additionalItems\":false,\"minItems\":2,\"maxItems\":2}",
            JsonText.Write(Param(Method(doc, "deriveaddresses"), "range").Find("schema").Find("oneOf").At(1)));
        var verbosity = Param(Method(doc, "getblock"), "verbosity");
        Assert.Equal(1, verbosity.Find("schema").Find("default").GetInt32());
        Assert.Equal("[\"verbose\"]", JsonText.Write(verbosity.Find("x-bitcoin-aliases")));
        Assert.Equal("^[0-9a-fA-F]+$", Param(Method(doc, "getblock"), "blockhash").Find("schema").Find("pattern").GetStr());
    }

    [Fact]
    public async Task UncheckedArrayGetsRelaxedSchema()
    {
        var doc = await Call(Table(), "getopenrpcinfo");
        var outputs = Param(Method(doc, "createrawtransaction"), "outputs").Find("schema");
        Assert.Equal(
            "{\"oneOf\":[{\"type\":\"array\",\"items\":{\"anyOf\":[" +
            "{\"type\":\"object\",\"additionalProperties\":{\"oneOf\":[{\"type\":\"number\"},{\"type\":\"string\"}]},\"description\":\"An address and amount\"}," +
            "{\"type\":\"object\",\"properties\":{\"data\":{\"type\":\"string\",\"pattern\":\"^[0-9a-fA-F]+$\",\"description\":\"Data\"}},\"additionalProperties\":false,\"required\":[\"data\"]}" +
            "]}},{\"type\":\"object\"}]}", JsonText.Write(outputs));
    }

    [Fact]
    public async Task ResultSchemasFollowCoreConventions()
    {
        var doc = await Call(Table(), "getopenrpcinfo");
        var props = Method(doc, "getblockstats").Find("result").Find("schema").Find("properties");
        Assert.Equal("{\"type\":\"array\",\"items\":[{\"type\":\"number\"},{\"type\":\"number\"},{\"type\":\"number\"},{\"type\":\"number\"},{\"type\":\"number\"}],\"additionalItems\":false,\"minItems\":5,\"maxItems\":5,\"description\":\"Percentiles\"}",
            JsonText.Write(props.Find("feerate_percentiles")));
        Assert.Equal("amount", props.Find("avgfee").Find("x-bitcoin-unit").GetStr());
        var alternatives = Method(doc, "getblock").Find("result").Find("schema").Find("oneOf");
        Assert.Equal("for verbosity = 0", alternatives.At(0).Find("description").GetStr());
        var scanning = Method(doc, "getwalletinfo").Find("result").Find("schema").Find("properties").Find("scanning");
        Assert.Equal("object", scanning.Find("oneOf").At(0).Find("type").GetStr());
        Assert.Equal("{\"const\":false}", JsonText.Write(scanning.Find("oneOf").At(1)));
    }
}
