using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;

namespace Bitcoin.Common.Tests.Rpc;

/// <summary>Core's rpc_namedparams and rpc_namedonlyparams cases, run through a command table.</summary>
public class NamedArgumentsTests
{
    private static async Task<string> Transform(string json, params (string Names, bool NamedOnly)[] argNames)
    {
        JsonNode? seen = null;
        var table = new RpcCommandTable();
        table.Register(new RpcCommand("test", "method", argNames, (request, _) =>
        {
            seen = request.Params;
            return ValueTask.FromResult(RpcActorResult.Done(null));
        }));
        table.SetWarmupFinished();
        await table.ExecuteAsync(new RpcRequest { Method = "method", Params = JsonText.Parse(json)! });
        return JsonText.Write(seen);
    }

    private static readonly (string, bool)[] Five = [("arg1", false), ("arg2", false), ("arg3", false), ("arg4", false), ("arg5", false)];
    private static readonly (string, bool)[] WithOptions = [("arg1", false), ("arg2", false), ("opt1", true), ("opt2", true), ("options", false)];

    private static async Task<RpcException> Fails(string json, (string, bool)[] names)
        => await Assert.ThrowsAsync<RpcException>(() => Transform(json, names));

    [Fact]
    public async Task GapsBetweenNamedParametersBecomeNulls()
        => Assert.Equal("[null,2,null,4]", await Transform("{\"arg2\": 2, \"arg4\": 4}", Five));

    [Fact]
    public async Task RepeatedNamedParameterIsRejected()
    {
        var e = await Fails("{\"arg2\": 2, \"arg2\": 4}", Five);
        Assert.Equal(-8, e.Code);
        Assert.Equal("Parameter arg2 specified multiple times", e.Message);
    }

    [Fact]
    public async Task ArgsArrayCombinesWithNamedParameters()
        => Assert.Equal("[1,2,null,4,5]", await Transform("{\"arg5\": 5, \"args\": [1, 2], \"arg4\": 4}", Five));

    [Fact]
    public async Task UnknownNamedParameterIsRejected()
        => Assert.Equal("Unknown named parameter unknown", (await Fails("{\"arg2\": 2, \"unknown\": 6}", Five)).Message);

    [Fact]
    public async Task NamedParameterAlsoGivenByPositionIsRejected()
        => Assert.Equal("Parameter arg2 specified twice both as positional and named argument",
            (await Fails("{\"args\": [1,2,3], \"arg4\": 4, \"arg2\": 2}", Five)).Message);

    [Fact]
    public async Task ExtraPositionalParametersPassThrough()
    {
        Assert.Equal("[1,2,3,4,5,6,7,8,9,10]", await Transform("{\"args\": [1,2,3,4,5,6,7,8,9,10]}", Five));
        Assert.Equal("[1,2,3,4,5,6,7,8,9,10]", await Transform("[1,2,3,4,5,6,7,8,9,10]", Five));
    }

    [Fact]
    public async Task NamedOnlyOptionsAreOptional()
        => Assert.Equal("[1,2]", await Transform("{\"arg1\": 1, \"arg2\": 2}", WithOptions));

    [Fact]
    public async Task NamedOnlyOptionsAreGatheredIntoTheOptionsObject()
        => Assert.Equal("[1,2,{\"opt1\":10,\"opt2\":20}]", await Transform("{\"arg1\": 1, \"arg2\": 2, \"opt1\": 10, \"opt2\": 20}", WithOptions));

    [Fact]
    public async Task OptionsObjectCanBePassedDirectly()
        => Assert.Equal("[1,2,{\"opt1\":10,\"opt2\":20}]", await Transform("{\"arg1\": 1, \"arg2\": 2, \"options\":{\"opt1\": 10, \"opt2\": 20}}", WithOptions));

    [Fact]
    public async Task OptionsObjectConflictsWithNamedOption()
        => Assert.Equal("Parameter options conflicts with parameter opt1",
            (await Fails("{\"arg1\": 1, \"arg2\": 2, \"opt1\": 10, \"options\":{\"opt1\": 10}}", WithOptions)).Message);

    [Fact]
    public async Task OptionsInArgsConflictWithNamedOption()
        => Assert.Equal("Parameter options specified twice both as positional and named argument",
            (await Fails("{\"args\": [1, 2, {\"opt1\": 10}], \"opt2\": 20}", WithOptions)).Message);
}
