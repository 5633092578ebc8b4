using System.Text.Json.Nodes;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Rpc.Client;
using Bitcoin.Common.Rpc.Commands;

namespace Bitcoin.Common.Tests.Rpc;

/// <summary>bitcoin-cli's argument conversion (Core's rpc/client.cpp rules and rpc_convert_values_generatetoaddress).</summary>
public class RpcClientConversionTests
{
    [Fact]
    public void GenerateToAddressConvertsCountsButNotTheAddress()
    {
        var p = RpcClientConversion.ConvertValues("generatetoaddress", ["101", "mkESjLZW66TmHhiFX8MCaBjrhZ543PPh9a"]);
        Assert.Equal(101, p[0].GetInt32());
        Assert.Equal("mkESjLZW66TmHhiFX8MCaBjrhZ543PPh9a", p[1].GetStr());
        p = RpcClientConversion.ConvertValues("generatetoaddress", ["1", "mhMbmE2tE9xzJYCV9aNC8jKWN31vtGrguU", "9"]);
        Assert.Equal(1, p[0].GetInt32());
        Assert.Equal("mhMbmE2tE9xzJYCV9aNC8jKWN31vtGrguU", p[1].GetStr());
        Assert.Equal(9, p[2].GetInt32());
    }

    [Fact]
    public void InvalidJsonForAJsonArgumentIsAnError()
        => Assert.Equal("Error parsing JSON: foo", Assert.Throws<FormatException>(() => RpcClientConversion.ConvertValues("generatetoaddress", ["foo"])).Message);

    [Fact]
    public void JsonOrStringFallsBackToString()
    {
        Assert.Equal("[100]", JsonText.Write(RpcClientConversion.ConvertValues("getblockstats", ["100"])));
        string hash = new('a', 64);
        Assert.Equal($"[\"{hash}\"]", JsonText.Write(RpcClientConversion.ConvertValues("getblockstats", [hash])));
    }

    [Fact]
    public void UnlistedArgumentsStayStrings()
        => Assert.Equal("[\"1\",\"true\"]", JsonText.Write(RpcClientConversion.ConvertValues("echo", ["1", "true"])));

    [Fact]
    public void NamedValuesSplitAtTheFirstEquals()
    {
        var p = RpcClientConversion.ConvertNamedValues("sendtoaddress", ["address=bcrt1q", "amount=0.1", "comment=a=b"]);
        Assert.Equal("{\"address\":\"bcrt1q\",\"amount\":0.1,\"comment\":\"a=b\"}", JsonText.Write(p));
    }

    [Fact]
    public void LaterNamedValueWinsInPlace()
        => Assert.Equal("{\"arg0\":\"2\",\"arg1\":\"x\"}", JsonText.Write(RpcClientConversion.ConvertNamedValues("echo", ["arg0=1", "arg1=x", "arg0=2"])));

    [Fact]
    public void WordsWithoutNameBecomePositionalArgs()
        => Assert.Equal("{\"conf_target\":6,\"args\":[\"bcrt1q\",0.1]}",
            JsonText.Write(RpcClientConversion.ConvertNamedValues("sendtoaddress", ["bcrt1q", "0.1", "conf_target=6"])));

    [Fact]
    public void StringWithEqualsStaysPositionalWhenNameIsUnknown()
        => Assert.Equal("{\"args\":[\"my=wallet\"]}", JsonText.Write(RpcClientConversion.ConvertNamedValues("createwallet", ["my=wallet"])));

    [Fact]
    public void JsonWithEqualsStaysPositionalWhenNameIsUnknown()
        => Assert.Equal("{\"args\":[[\"=\"]]}", JsonText.Write(RpcClientConversion.ConvertNamedValues("echojson", ["[\"=\"]"])));

    [Fact]
    public void ArgsGivenTwiceIsRefusedAsTheServerWould()
    {
        var e = Assert.Throws<RpcException>(() => RpcClientConversion.ConvertNamedValues("echo", ["args=[1]", "positional"]));
        Assert.Equal((-8, "Parameter args specified multiple times"), (e.Code, e.Message));
    }

    [Fact]
    public async Task ControlCommandsAgreeWithTheClientTable()
    {
        var table = new RpcCommandTable();
        ControlCommands.Register(table, new ControlCommandsOptions { RequestShutdown = () => { } });
        var map = await table.DumpArgMapAsync(new RpcRequest());
        Assert.Empty(RpcClientConversion.FindMismatches(map));
    }

    [Fact]
    public void MismatchesAreReportedBothWays()
    {
        var map = new JsonArray(new JsonArray("stop", 0, "wait", true), new JsonArray("uptime", 0, "unit", false));
        Assert.Equal(["missing in client table: uptime 0 unit", "not a JSON argument on the server: stop 0 wait"], RpcClientConversion.FindMismatches(map));
    }
}
