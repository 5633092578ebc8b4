using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using Bitcoin.Common.Rpc.Client;
using Bitcoin.Node.Tests.Rpc.Support;

namespace Bitcoin.Node.Tests.Rpc;

public sealed class RpcDocumentationTests
{
    [Fact]
    public async Task EveryNodeCommandHasHelpAndAUsageLine()
    {
        using var node = new RegtestNode();

        foreach (var name in node.Table.ListCommands())
        {
            var help = await node.Table.HelpAsync(name, new RpcRequest());
            Assert.StartsWith(name, help);
            Assert.DoesNotContain("unknown command", help);
        }
        var overview = await node.Table.HelpAsync("", new RpcRequest());
        Assert.Contains("== Blockchain ==", overview);
        Assert.Contains("== Mining ==", overview);
        // Hidden commands are left out of the overview, as in Core.
        Assert.DoesNotContain("generatetoaddress", overview);
    }

    [Fact]
    public async Task ClientConversionTableAgreesWithTheArgumentTypes()
    {
        using var node = new RegtestNode();

        var argMap = await node.Table.DumpArgMapAsync(new RpcRequest());

        Assert.Empty(RpcClientConversion.FindMismatches(argMap));
    }

    [Fact]
    public async Task WrongArgumentCountsAnswerWithTheUsage()
    {
        using var node = new RegtestNode();

        var error = await node.CallErrorAsync("getblockstats");
        Assert.Equal(-1, error.Code);
        Assert.StartsWith("getblockstats hash_or_height ( stats )", error.Message);
        error = await node.CallErrorAsync("getblockstats", "00", 1, 2);
        Assert.StartsWith("getblockstats hash_or_height ( stats )", error.Message);
    }
}
