using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Node.Bench;

/// <summary>A bin/bitcoind process on a regtest data directory, with an RPC client and memory sampling from /proc.</summary>
internal sealed class BenchNode : IDisposable
{
    private readonly Process _process;
    private readonly Thread _sampler;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(30) };
    private readonly string _dataDir;
    private long _peakRssKiB;
    private long _lastRssKiB;
    private int _id;

    private BenchNode(string bitcoind, string dataDir, int rpcPort, IEnumerable<string> extraArguments)
    {
        _dataDir = dataDir;
        RpcPort = rpcPort;
        var info = new ProcessStartInfo(bitcoind)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-regtest", $"-datadir={dataDir}", $"-rpcport={rpcPort}", "-printtoconsole=0", "-listen=0", "-logtimemicros" }.Concat(extraArguments))
            info.ArgumentList.Add(argument);
        _process = Process.Start(info) ?? throw new InvalidOperationException("bitcoind did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("bitcoind: " + e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        StartTime = DateTime.UtcNow;
        _sampler = new Thread(Sample) { IsBackground = true };
        _sampler.Start();
    }

    /// <summary>The RPC port.</summary>
    public int RpcPort { get; }

    /// <summary>When the process was started.</summary>
    public DateTime StartTime { get; }

    /// <summary>The highest resident set size seen (VmHWM), in KiB.</summary>
    public long PeakRssKiB => Interlocked.Read(ref _peakRssKiB);

    /// <summary>The latest resident set size seen (VmRSS), in KiB.</summary>
    public long RssKiB => Interlocked.Read(ref _lastRssKiB);

    /// <summary>The network data directory.</summary>
    public string NetDir => Path.Combine(_dataDir, "regtest");

    public static BenchNode Start(string bitcoind, string dataDir, params string[] extraArguments) =>
        new(bitcoind, dataDir, FreePort(), extraArguments);

    /// <summary>Waits until RPC answers outside warm-up.</summary>
    public async Task WaitForRpcAsync()
    {
        var cookie = Path.Combine(NetDir, ".cookie");
        for (var i = 0; i < 6000; i++)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"bitcoind exited with status {_process.ExitCode}");
            if (File.Exists(cookie))
            {
                try
                {
                    await CallAsync("getblockcount").ConfigureAwait(false);
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
                {
                }
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new TimeoutException("bitcoind did not answer RPC");
    }

    /// <summary>Calls an RPC method; throws on an error reply.</summary>
    public async Task<JsonNode?> CallAsync(string method, params JsonNode?[] parameters)
    {
        var credentials = File.ReadAllText(Path.Combine(NetDir, ".cookie")).Trim();
        var request = new JsonObject
        {
            ["jsonrpc"] = "1.0",
            ["id"] = Interlocked.Increment(ref _id),
            ["method"] = method,
            ["params"] = new JsonArray(parameters.Select(p => p?.DeepClone()).ToArray()),
        };
        using var message = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{RpcPort}/")
        {
            Content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        using var response = await _http.SendAsync(message).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var reply = JsonNode.Parse(body)!.AsObject();
        if (reply["error"] is JsonObject error)
            throw new InvalidOperationException($"{method}: {error["message"]} ({error["code"]})");
        return reply["result"];
    }

    /// <summary>Waits for the process to exit (after stop, or by itself with -stopafterblockimport).</summary>
    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _sampler.Join();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _http.Dispose();
    }

    private void Sample()
    {
        var status = $"/proc/{_process.Id}/status";
        while (!_process.HasExited)
        {
            try
            {
                foreach (var line in File.ReadLines(status))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                        Interlocked.Exchange(ref _peakRssKiB, Math.Max(_peakRssKiB, ParseKiB(line)));
                    else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                        Interlocked.Exchange(ref _lastRssKiB, ParseKiB(line));
                }
            }
            catch (IOException)
            {
                return;
            }

            Thread.Sleep(20);
        }
    }

    private static long ParseKiB(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
