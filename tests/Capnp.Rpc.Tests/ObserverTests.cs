using Capnp.Rpc.Tests.Schema;
using Capnp.Rpc.Tests.Servers;
using Capnp.Rpc.Tests.Support;

namespace Capnp.Rpc.Tests;

/// <summary>The message observer (the IPC log's source) and the schema names the generated code registers.</summary>
public sealed class ObserverTests
{
    [Fact]
    public async Task EveryMessageIsReportedWithItsQuestionAndSchemaName()
    {
        var client = new List<string>();
        var server = new List<string>();
        var pair = RpcPair.Create(
            clientObserver: e => Record(client, e),
            serverObserver: e => Record(server, e));
        using (var service = pair.Bootstrap())
        {
            // Resolved first, so that the order of messages does not depend on timing.
            await Capability.WhenResolvedAsync(service.Hook!);
            var request = service.AddRequest();
            var p = request.Params;
            p.A = 1;
            (await request.CallAsync()).Dispose();
        }

        await pair.DisposeAsync();
        Assert.Equal(
        [
            "send Bootstrap #0",
            "recv Return #0",
            "send Finish #0",
            "send Call #0 TestService.add$Params a=1",
            "recv Return #0 TestService.add$Results",
            "send Release #0",
            "send Abort #0: The connection was closed.",
        ], client);
        Assert.Equal(
        [
            "recv Bootstrap #0",
            "send Return #0",
            "recv Finish #0",
            "recv Call #0 TestService.add$Params a=1",
            "send Return #0 TestService.add$Results",
            "recv Release #0",
            "recv Abort #0: The connection was closed.",
        ], server);
    }

    [Fact]
    public void GeneratedCodeRegistersMethodNamesForEveryInterface()
    {
        Assert.True(RpcSchemaRegistry.TryGetMethod(TestService.InterfaceId, TestService.Methods.NewCounter, out var schema));
        Assert.Equal(new RpcMethodSchema("TestService", "newCounter", "TestService.newCounter$Params", "TestService.newCounter$Results"), schema);
        Assert.Equal("Named.name$Results", RpcSchemaRegistry.StructName(Named.InterfaceId, 0, results: true));
        Assert.Equal("0x0000000000000001.2$Params", RpcSchemaRegistry.StructName(1, 2, results: false));
    }

    [Fact]
    public async Task ServerCanWaitForTheConnectionToDropAndSeeWhatItExports()
    {
        var pair = RpcPair.Create();
        using (var service = pair.Bootstrap())
        using (var created = await service.NewCounterRequest().CallAsync())
        {
            using var counter = created.Results.Counter;
            var exported = pair.Server.GetExportedServers();
            Assert.Equal(2, exported.Count);
            Assert.Contains(pair.Service, exported);
            Assert.Contains(exported, s => s is CounterServer);
        }

        await pair.Client.DisposeAsync();
        Assert.IsType<RpcDisconnectedException>(await pair.Server.Disconnected);
        await pair.Server.Completion;
        Assert.Empty(pair.Server.GetExportedServers());
    }

    private static void Record(List<string> log, RpcMessageEvent e)
    {
        var line = e.ToString();
        if (e.Kind == RpcMessageKind.Call && e.MethodId == TestService.Methods.Add)
            line += " a=" + e.Content.GetStruct<TestService.AddParams>().A;
        lock (log)
            log.Add(line);
    }
}
