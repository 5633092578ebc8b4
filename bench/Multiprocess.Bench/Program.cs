using System.Globalization;
using System.Net.Sockets;
using Multiprocess;
using Multiprocess.Bench;
using Multiprocess.Tests.Schema;
using Multiprocess.Tests.Servers;

// Child: spawned by the run below as `Multiprocess.Bench -ipcfd <n>`.
if (IpcProcess.TryGetSpawnedFd(args, out int fd))
{
    RawPeer.StartIfAsked();
    return IpcProcess.ServeOnFd(fd, c => TestInit.Client.FromServer(new TestInitServer(c)).Hook!,
        new IpcConnectionOptions { ExeName = "Multiprocess.Bench" });
}

int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20000;
int warmup = Math.Max(1000, count / 10);
const string Text = "echo across two processes ......"; // 32 bytes

var rawPath = Path.Combine(Path.GetTempPath(), $"mp-bench-{Environment.ProcessId}.sock");
File.Delete(rawPath);
using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
listener.Bind(new UnixDomainSocketEndPoint(rawPath));
listener.Listen(1);
Environment.SetEnvironmentVariable(RawPeer.PathVariable, rawPath);

var child = IpcProcess.Spawn("Multiprocess.Bench", AppContext.BaseDirectory, new IpcConnectionOptions { ExeName = "Multiprocess.Bench" });
await using (child)
{
    using var raw = listener.Accept();
    File.Delete(rawPath);

    var connection = child.Connection;
    using var init = connection.ConnectInit<TestInit.Client>();
    TestService.Client service;
    var make = init.MakeServiceRequest();
    make.Params.SetName("bench");
    using (var made = connection.Call(make, p => p.InitContext()))
        service = made.Results.Result;
    using (service)
    {
        var ipc = Latencies.Measure(warmup, count, () =>
        {
            var request = service.EchoRequest();
            request.Params.SetEcho(Text);
            using var response = connection.Call(request, p => p.InitContext());
            if (response.Results.Result.Length != Text.Length)
                throw new InvalidOperationException("echo came back changed");
        });

        var payload = System.Text.Encoding.UTF8.GetBytes(Text);
        var buffer = new byte[payload.Length];
        var baseline = Latencies.Measure(warmup, count, () => RawPeer.PingPong(raw, payload, buffer));

        Console.WriteLine($"Multiprocess echo across two processes: {count} calls after {warmup} warm-up, payload {payload.Length} bytes");
        Console.WriteLine($"{"",-44} {"p50 µs",10} {"p99 µs",10} {"calls/s",10}");
        Print("IPC Echo.echo (Context, thread hop, RPC)", ipc);
        Print("raw socket ping-pong (same two processes)", baseline);
        Console.WriteLine($"ratio IPC / raw: p50 {ipc.PercentileMicroseconds(0.5) / baseline.PercentileMicroseconds(0.5):F1}x, " +
            $"p99 {ipc.PercentileMicroseconds(0.99) / baseline.PercentileMicroseconds(0.99):F1}x, " +
            $"throughput {baseline.CallsPerSecond / ipc.CallsPerSecond:F1}x");
    }
}

return 0;

static void Print(string name, Latencies latencies) =>
    Console.WriteLine($"{name,-44} {latencies.PercentileMicroseconds(0.5),10:F1} {latencies.PercentileMicroseconds(0.99),10:F1} {latencies.CallsPerSecond,10:F0}");
