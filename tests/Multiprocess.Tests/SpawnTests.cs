using Capnp.Rpc;
using Multiprocess.Tests.Schema;
using Multiprocess.Tests.Support;

namespace Multiprocess.Tests;

/// <summary>Child processes started with <c>-ipcfd</c>: serving, dying, outliving nothing.</summary>
public sealed class SpawnTests
{
    private static string Echo(IpcConnection connection, TestService.Client service, string text)
    {
        var request = service.EchoRequest();
        request.Params.SetEcho(text);
        using var response = connection.Call(request, p => p.InitContext());
        return response.Results.Result.ToString();
    }

    private static TestService.Client MakeService(IpcConnection connection, TestInit.Client init, string name)
    {
        var request = init.MakeServiceRequest();
        request.Params.SetName(name);
        using var response = connection.Call(request, p => p.InitContext());
        return response.Results.Result;
    }

    [Fact]
    public async Task SpawnedChildServesItsInitOverTheSocketPair()
    {
        var log = new CapturingLogger();
        var child = TestChild.Spawn(log);
        await using (child)
        {
            using var init = child.Connection.ConnectInit<TestInit.Client>();
            using (var response = child.Connection.Call(init.ProcessIdRequest()))
                Assert.Equal(child.Pid, response.Results.Result);
            using var service = MakeService(child.Connection, init, "s");
            Assert.Equal("across processes", Echo(child.Connection, service, "across processes"));
        }

        Assert.Equal(0, await child.Exited);
        log.WaitFor($"Process Multiprocess.TestChild pid {child.Pid} exited with status 0");
        Assert.Contains(log.Lines, l => l.Line == $"Process Multiprocess.TestChild pid {child.Pid} launched");
    }

    [Fact]
    public async Task CallbacksAcrossProcessesAlternateBetweenTheSameTwoThreads()
    {
        var child = TestChild.Spawn();
        await using (child)
        {
            using var init = child.Connection.ConnectInit<TestInit.Client>();
            using var service = MakeService(child.Connection, init, "s");
            using var callback = TestCallback.Client.FromServer(new Servers.TestCallbackServer(child.Connection));
            var request = service.BounceRequest();
            var p = request.Params;
            p.Callback = callback;
            p.Depth = 5;

            using var response = child.Connection.Call(request, q => q.InitContext());
            var trace = response.Results.Trace.Select(t => t.ToString()).ToList();

            // wallet -> node -> wallet -> node ...: the child's worker and this thread, in turn.
            Assert.Equal(6, trace.Count);
            Assert.StartsWith($"{child.Pid}/", trace[0], StringComparison.Ordinal);
            for (int i = 0; i < trace.Count; i++)
                Assert.Equal(i % 2 == 0 ? trace[0] : Servers.Where.Here(), trace[i]);
        }
    }

    [Fact]
    public async Task KilledChildFailsPendingCallsAndTheParentCarriesOn()
    {
        var log = new CapturingLogger();
        var child = TestChild.Spawn(log);
        await using (child)
        {
            using var init = child.Connection.ConnectInit<TestInit.Client>();
            using var service = MakeService(child.Connection, init, "s");
            Exception? failure = null;
            var caller = new Thread(() =>
            {
                var request = service.HoldRequest();
                request.Params.SetTag("never released");
                failure = Record.Exception(() => child.Connection.Call(request, p => p.InitContext()).Dispose());
            });
            caller.Start();
            log.WaitFor("IPC client send TestService.hold$Params");

            child.Kill();
            caller.Join();

            var error = Assert.IsType<RpcDisconnectedException>(failure);
            Assert.Equal(IpcConnection.InterruptedByDisconnect, error.Message);
            Assert.Equal(9, await child.Exited); // raw wait status: killed by SIGKILL
            log.WaitFor($"Process Multiprocess.TestChild pid {child.Pid} exited with status 9");
            var after = Assert.Throws<RpcDisconnectedException>(() => Echo(child.Connection, service, "x"));
            Assert.Equal(IpcConnection.CalledAfterDisconnect, after.Message);
        }
    }

    [Fact]
    public async Task ChildExitsWhenItsParentIsKilled()
    {
        var parent = TestChild.Spawn();
        int grandchild = 0;
        try
        {
            await using (parent)
            {
                using var init = parent.Connection.ConnectInit<TestInit.Client>();
                using (var response = parent.Connection.Call(init.SpawnChildRequest(), p => p.InitContext()))
                    grandchild = response.Results.Result;
                Assert.True(TestChild.IsRunning(grandchild));

                parent.Kill();
                await parent.Exited;
            }

            // The grandchild sees its connection close when the kernel closes the dead parent's descriptors.
            using var give = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while (TestChild.IsRunning(grandchild) && !give.IsCancellationRequested)
                await Task.Delay(20);
            Assert.False(TestChild.IsRunning(grandchild), $"pid {grandchild} still runs after its parent was killed");
        }
        finally
        {
            if (grandchild != 0 && TestChild.IsRunning(grandchild))
                System.Diagnostics.Process.GetProcessById(grandchild).Kill();
        }
    }

    [Theory]
    [InlineData(new[] { "-ipcfd", "7" }, true)]
    [InlineData(new[] { "-ipcfd" }, false)]
    [InlineData(new[] { "-ipcfd", "7", "-debug" }, false)]
    [InlineData(new[] { "-regtest", "7" }, false)]
    [InlineData(new string[0], false)]
    public void OnlyExactlyIpcfdAndANumberMeansSpawned(string[] args, bool spawned)
    {
        Assert.Equal(spawned, IpcProcess.TryGetSpawnedFd(args, out int fd));
        Assert.Equal(spawned ? 7 : -1, fd);
    }

    [Fact]
    public void ABadIpcfdNumberIsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => IpcProcess.TryGetSpawnedFd(["-ipcfd", "x1"], out _));
        Assert.StartsWith("Invalid -ipcfd number 'x1'", error.Message, StringComparison.Ordinal);
    }
}
