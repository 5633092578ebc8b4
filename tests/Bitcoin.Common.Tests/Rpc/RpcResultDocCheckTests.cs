using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Rpc.Commands;

namespace Bitcoin.Common.Tests.Rpc;

/// <summary>Tests that switch the process-wide <see cref="RpcMethod.CheckResultsAgainstDocs"/> run alone.</summary>
[CollectionDefinition(nameof(DocCheckCollection), DisableParallelization = true)]
public sealed class DocCheckCollection
{
}

/// <summary>Results checked against their documentation, as Core's -rpcdoccheck (on in Core's functional tests).</summary>
[Collection(nameof(DocCheckCollection))]
public class RpcResultDocCheckTests
{
    private static readonly RpcResult Doc = new(RpcResultType.Obj, "", "", [
        new RpcResult(RpcResultType.Str, "name", "a name"),
        new RpcResult(RpcResultType.StrAmount, "amount", "an amount"),
        new RpcResult(RpcResultType.Arr, "list", "numbers", [new RpcResult(RpcResultType.Num, "", "a number")]),
        new RpcResult(RpcResultType.Bool, "flag", "optional flag", optional: true),
        new RpcResult(RpcResultType.ObjDyn, "map", "free keys", [new RpcResult(RpcResultType.Str, "value", "a value")]),
    ]);

    [Fact]
    public void MatchingResultHasNoMismatch()
        => Assert.Null(Doc.Mismatch(JsonText.Parse("{\"name\":\"x\",\"amount\":1.00000000,\"list\":[1,2],\"map\":{\"a\":\"b\"}}")));

    [Fact]
    public void MismatchesAreDescribedPerKey()
    {
        var m = Doc.Mismatch(JsonText.Parse("{\"name\":1,\"list\":[1,\"x\"],\"map\":{\"a\":2},\"extra\":true}"));
        Assert.Equal(
            "{\"extra\":\"key returned that was not in doc\",\"name\":\"returned type is number, but declared as string in doc\"," +
            "\"amount\":\"key missing, despite not being optional in doc\",\"list\":{\"1\":\"returned type is string, but declared as number in doc\"}," +
            "\"map\":{\"a\":\"returned type is number, but declared as string in doc\"}}", JsonText.Write(m));
    }

    [Fact]
    public async Task CheckedMethodReportsAnInternalBug()
    {
        var method = new RpcMethod("bad", "Returns the wrong type.", [], [new RpcResult(RpcResultType.Str, "", "text")], "", _ => 5);
        var table = new RpcCommandTable();
        table.Register("test", method);
        table.SetWarmupFinished();
        bool before = RpcMethod.CheckResultsAgainstDocs;
        RpcMethod.CheckResultsAgainstDocs = true;
        try
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => table.ExecuteAsync(new RpcRequest { Method = "bad" }).AsTask());
            Assert.StartsWith("Internal bug detected: RPC call \"bad\" returned incorrect type:\n\"returned type is number, but declared as string in doc\"", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            RpcMethod.CheckResultsAgainstDocs = before;
        }
    }

    [Theory]
    [InlineData("help", "[]")]
    [InlineData("help", "[\"stop\"]")]
    [InlineData("uptime", "[]")]
    [InlineData("getrpcinfo", "[]")]
    [InlineData("logging", "[]")]
    [InlineData("echo", "[1,\"a\"]")]
    [InlineData("getopenrpcinfo", "[true]")]
    [InlineData("rpc.discover", "[]")]
    [InlineData("stop", "[]")]
    public async Task ControlCommandResultsMatchTheirDocs(string name, string parameters)
    {
        var table = new RpcCommandTable();
        ControlCommands.Register(table, new ControlCommandsOptions { RequestShutdown = () => { } });
        table.SetWarmupFinished();
        var result = await table.ExecuteAsync(new RpcRequest { Method = name, Params = JsonText.Parse(parameters)! });
        var method = table.Find(name)!.Method!;
        Assert.Contains(method.Results, r => r.Mismatch(result) is null);
    }
}
