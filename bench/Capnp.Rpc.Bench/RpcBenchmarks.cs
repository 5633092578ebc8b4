using BenchmarkDotNet.Attributes;
using Capnp.Rpc.Tests.Schema;
using Capnp.Rpc.Tests.Servers;

namespace Capnp.Rpc.Bench;

/// <summary>
/// Calls over a Unix socket pair to a C# server (another connection in this process) or to the C++ interop peer
/// (the official library, in its own process): one small call's round trip, 100 calls in flight at once (costed per
/// call), and a call carrying 1 MB of Data (the server sums the bytes).
/// </summary>
[MemoryDiagnoser]
public class RpcBenchmarks
{
    private readonly byte[] _payload = new byte[1 << 20];
    private RpcConnection? _client;
    private RpcConnection? _server;
    private CppPeer? _peer;
    private TestService.Client _service;

    [Params("C#", "C++")]
    public string Peer { get; set; } = "C#";

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_payload);
        if (Peer == "C#")
        {
            var (a, b) = Tests.Support.LibC.SocketPair();
            using (var bootstrap = TestService.Client.FromServer(new TestServiceServer(new LiveObjects())))
                _server = RpcConnection.Create(b, new RpcConnectionOptions { Bootstrap = bootstrap.Hook });
            _client = RpcConnection.Create(a);
        }
        else
        {
            _peer = CppPeer.Start(RepositoryRoot());
            _client = RpcConnection.Create(_peer.Socket);
        }

        _service = _client.Bootstrap<TestService.Client>();
        Capability.WhenResolvedAsync(_service.Hook!).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _service.Dispose();
        _client?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _peer?.Dispose();
    }

    [Benchmark(Description = "round trip, small call")]
    public async Task<long> RoundTrip()
    {
        var request = _service.AddRequest();
        var p = request.Params;
        p.A = 1;
        p.B = 2;
        using var response = await request.CallAsync();
        return response.Results.Sum;
    }

    [Benchmark(Description = "per call, 100 in flight", OperationsPerInvoke = 100)]
    public async Task<long> HundredInFlight()
    {
        var calls = new Task<Response<TestService.AddResults>>[100];
        for (int i = 0; i < calls.Length; i++)
        {
            var request = _service.AddRequest();
            var p = request.Params;
            p.A = i;
            calls[i] = request.CallAsync().AsTask();
        }

        long sum = 0;
        foreach (var call in calls)
        {
            using var response = await call;
            sum += response.Results.Sum;
        }

        return sum;
    }

    [Benchmark(Description = "call with 1 MB of Data")]
    public async Task<ulong> OneMegabyte()
    {
        var request = _service.DataRequest();
        request.Params.SetPayload(_payload);
        using var response = await request.CallAsync();
        return response.Results.Checksum;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
                return dir.FullName;
        }

        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
