using System.Diagnostics;
using System.Net.Sockets;
using Capnp.Rpc.Tests.Schema;
using Capnp.Rpc.Tests.Servers;

namespace Capnp.Rpc.Bench;

/// <summary>
/// The figure: an echo call's round trip over a Unix socket pair (C# client, C# server on its own connection),
/// sequential and with 16 calls in flight, beside a raw ping-pong of the same number of bytes over another socket pair
/// in the same run. The byte counts are measured, not assumed: a warm-up of echo calls counts what each side writes
/// per call (Call and Finish one way, Return the other), and the raw ping-pong sends exactly that much each way.
/// </summary>
internal static class EchoRunner
{
    private const int Window = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        int calls = args.Length > 0 && int.TryParse(args[0], out int n) ? n : 20_000;
        const string text = "the quick brown fox";

        var (clientSocket, serverSocket) = Tests.Support.LibC.SocketPair();
        var clientStream = new CountingStream(new NetworkStream(clientSocket, ownsSocket: true));
        var serverStream = new CountingStream(new NetworkStream(serverSocket, ownsSocket: true));
        RpcConnection server;
        using (var bootstrap = TestService.Client.FromServer(new TestServiceServer(new LiveObjects())))
            server = RpcConnection.Create(serverStream, new RpcConnectionOptions { Bootstrap = bootstrap.Hook });
        var client = RpcConnection.Create(clientStream);
        using var service = client.Bootstrap<TestService.Client>();
        await Capability.WhenResolvedAsync(service.Hook!);

        async Task EchoAsync()
        {
            var request = service.EchoRequest();
            request.Params.SetText(text);
            using var response = await request.CallAsync();
            if (response.Results.Text.ToString() != text) throw new InvalidOperationException("echo returned other text");
        }

        // Warm-up, which also measures the bytes per call each way.
        const int warmUp = 2_000;
        for (int i = 0; i < 200; i++) await EchoAsync();
        long sentBefore = clientStream.BytesWritten, returnedBefore = serverStream.BytesWritten;
        for (int i = 0; i < warmUp; i++) await EchoAsync();
        int requestBytes = (int)((clientStream.BytesWritten - sentBefore) / warmUp);
        int responseBytes = (int)((serverStream.BytesWritten - returnedBefore) / warmUp);

        var rpcSequential = await Measure.SequentialAsync(calls, EchoAsync);
        var rpcWindowed = await Measure.WindowedAsync(calls, Window, EchoAsync);
        await client.DisposeAsync();
        await server.DisposeAsync();

        await using var raw = RawPingPong.Start(requestBytes, responseBytes);
        for (int i = 0; i < warmUp; i++) await raw.RoundTripAsync();
        var rawSequential = await Measure.SequentialAsync(calls, raw.RoundTripAsync);
        var rawWindowed = await Measure.WindowedAsync(calls, Window, raw.RoundTripAsync);

        Console.WriteLine($"Echo over a Unix socket pair, {calls:N0} calls per row; {requestBytes} bytes per call one way, {responseBytes} back (measured).");
        Console.WriteLine();
        Console.WriteLine("| mode | p50 | p99 | calls/s | ratio to raw (p50 / calls/s) |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        Row("raw ping-pong, sequential", rawSequential, null);
        Row("Cap'n Proto echo, sequential", rpcSequential, rawSequential);
        Row($"raw ping-pong, {Window} in flight", rawWindowed, null);
        Row($"Cap'n Proto echo, {Window} in flight", rpcWindowed, rawWindowed);
        return 0;
    }

    private static void Row(string name, Measure.Result result, Measure.Result? baseline)
    {
        string ratio = baseline is null
            ? "1 (baseline)"
            : $"{result.P50Microseconds / baseline.P50Microseconds:F1}x slower / {baseline.CallsPerSecond / result.CallsPerSecond:F1}x fewer";
        Console.WriteLine($"| {name} | {result.P50Microseconds:F1} µs | {result.P99Microseconds:F1} µs | {result.CallsPerSecond:N0} | {ratio} |");
    }

    /// <summary>Latency percentiles and throughput of a batch of round trips.</summary>
    private static class Measure
    {
        public sealed record Result(double P50Microseconds, double P99Microseconds, double CallsPerSecond);

        public static async Task<Result> SequentialAsync(int calls, Func<Task> roundTrip)
        {
            var latencies = new double[calls];
            var total = Stopwatch.StartNew();
            for (int i = 0; i < calls; i++)
            {
                long start = Stopwatch.GetTimestamp();
                await roundTrip().ConfigureAwait(false);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            return Summarise(latencies, total.Elapsed);
        }

        public static async Task<Result> WindowedAsync(int calls, int window, Func<Task> roundTrip)
        {
            var latencies = new double[calls];
            int next = -1;
            var total = Stopwatch.StartNew();

            // Each worker keeps one call outstanding, so `window` calls are in flight until the batch drains.
            async Task WorkerAsync()
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < calls)
                {
                    long start = Stopwatch.GetTimestamp();
                    await roundTrip().ConfigureAwait(false);
                    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                }
            }

            await Task.WhenAll(Enumerable.Range(0, window).Select(_ => Task.Run(WorkerAsync))).ConfigureAwait(false);
            return Summarise(latencies, total.Elapsed);
        }

        private static Result Summarise(double[] latencies, TimeSpan elapsed)
        {
            Array.Sort(latencies);
            double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))];
            return new Result(Percentile(0.50), Percentile(0.99), latencies.Length / elapsed.TotalSeconds);
        }
    }
}
