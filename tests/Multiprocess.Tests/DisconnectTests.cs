using Capnp.Rpc;
using Multiprocess.Tests.Schema;
using Multiprocess.Tests.Servers;
using Multiprocess.Tests.Support;

namespace Multiprocess.Tests;

/// <summary>What a lost connection does to calls and to the objects served over it.</summary>
public sealed class DisconnectTests
{
    [Fact]
    public async Task DisconnectInTheMiddleOfACallFailsItAndDisposesServerObjectsNewestFirst()
    {
        var log = new CapturingLogger();
        await using var pair = new IpcPair(serverLog: log);
        using var a = pair.MakeService("a");
        using var b = pair.MakeService("b");
        using var c = pair.MakeService("c");
        Exception? failure = null;
        var caller = new Thread(() =>
        {
            var request = a.HoldRequest();
            request.Params.SetTag("disconnect-mid-call");
            failure = Record.Exception(() => pair.Client.Call(request, p => p.InitContext()).Dispose());
        });
        caller.Start();
        HoldGates.WaitStarted("disconnect-mid-call");

        await pair.Client.Rpc.CloseAsync();
        caller.Join();
        await pair.Server.Completion;

        var error = Assert.IsType<RpcDisconnectedException>(failure);
        Assert.Equal(IpcConnection.InterruptedByDisconnect, error.Message);
        Assert.Equal(["c", "b", "a"], pair.Disposals);
        Assert.Equal(0, pair.Server.ServerObjectCount);
        Assert.Contains(log.Lines, l => l.Line.EndsWith("IPC server: socket disconnected.", StringComparison.Ordinal));
        // The call running when the connection went was over before its object was disposed.
        Assert.Contains("end disconnect-mid-call", HoldGates.Events);
    }

    [Fact]
    public async Task ObjectsReleasedByThePeerAreDisposedAtOnce()
    {
        await using var pair = new IpcPair();
        var service = pair.MakeService("released");
        service.Dispose();
        // The Release travels to the server: a round trip after it proves it arrived.
        using (pair.Client.Call(pair.Init.ProcessIdRequest()))
        {
        }

        Assert.Equal(["released"], pair.Disposals);
    }
}
