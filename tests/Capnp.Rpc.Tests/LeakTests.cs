using Capnp.Rpc.Tests.Schema;
using Capnp.Rpc.Tests.Servers;
using Capnp.Rpc.Tests.Support;
using Xunit.Abstractions;

namespace Capnp.Rpc.Tests;

/// <summary>The leak test runs alone: it counts the process's threads and open file descriptors.</summary>
[CollectionDefinition(nameof(LeakTests), DisableParallelization = true)]
public sealed class LeakTestsCollection;

/// <summary>Connections that come and go leave nothing behind: no thread, no file descriptor, no memory.</summary>
[Collection(nameof(LeakTests))]
public sealed class LeakTests(ITestOutputHelper output)
{
    private const int Cycles = 10_000;

    [Fact]
    public async Task TenThousandConnectCallDisconnectCyclesLeakNoThreadHandleOrMemory()
    {
        var live = new LiveObjects();
        await Cycle(live, 200);
        var (threads, handles, memory) = Measure();

        await Cycle(live, Cycles);

        var (threadsAfter, handlesAfter, memoryAfter) = Measure();
        output.WriteLine($"threads {threads} -> {threadsAfter}, file descriptors {handles} -> {handlesAfter}, managed memory {memory} -> {memoryAfter}");
        Assert.Equal(0, live.Count);

        // Threads are counted outside the thread pool, which grows and shrinks on its own. Slack for the runtime's own
        // threads and the buffers pools keep; a leak per connection would be thousands of threads or descriptors, or
        // tens of megabytes.
        Assert.True(threadsAfter <= threads + 4, $"threads outside the pool: {threads} before, {threadsAfter} after");
        Assert.True(handlesAfter <= handles + 4, $"file descriptors: {handles} before, {handlesAfter} after");
        Assert.True(memoryAfter - memory < 4 << 20, $"managed memory: {memory} bytes before, {memoryAfter} after");
    }

    private static async Task Cycle(LiveObjects live, int cycles)
    {
        for (int i = 0; i < cycles; i++)
        {
            var service = new TestServiceServer(live);
            live.Created();
            var (a, b) = LibC.SocketPair();
            RpcConnection server;
            using (var bootstrap = Capability.FromServer(new CountedService(service)))
                server = RpcConnection.Create(b, new RpcConnectionOptions { Bootstrap = bootstrap });
            var client = RpcConnection.Create(a);
            using (var proxy = client.Bootstrap<TestService.Client>())
            {
                var request = proxy.AddRequest();
                var p = request.Params;
                p.A = i;
                p.B = 1;
                using var response = await request.CallAsync();
                Assert.Equal(i + 1, response.Results.Sum);

                // Every other cycle also takes a capability from the server and drops it.
                if (i % 2 == 0)
                {
                    using var created = await proxy.NewCounterRequest().CallAsync();
                    using var counter = created.Results.Counter;
                }
            }

            await client.DisposeAsync();
            await server.Completion;
        }
    }

    private static (int Threads, int Handles, long Memory) Measure()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return (process.Threads.Count - ThreadPool.ThreadCount, Directory.GetFiles("/proc/self/fd").Length,
            GC.GetTotalMemory(forceFullCollection: true));
    }

    /// <summary>The test service, counted in <see cref="LiveObjects"/> until the connection lets it go.</summary>
    private sealed class CountedService(TestServiceServer inner) : CapabilityServer, IDisposable
    {
        public override ValueTask DispatchAsync(ulong interfaceId, ushort methodId, ICallContextHook context, CancellationToken cancellationToken = default) =>
            inner.DispatchAsync(interfaceId, methodId, context, cancellationToken);

        public void Dispose()
        {
            inner.Dispose();
            inner.Live.Disposed();
        }
    }
}
