using Bitcoin.Common.Logging;

namespace Bitcoin.Common.Tests.Rpc;

/// <summary>
/// The debug lines Core's functional tests look for ("ThreadRPCServer method=... id=..."). They install the
/// process-wide log sink, so they run in the non-parallel collection.
/// </summary>
[Collection(nameof(DocCheckCollection))]
public class RpcLogLineTests
{
    private sealed class CapturingSink : ILogSink
    {
        public List<string> Lines { get; } = new();

        public bool IsEnabled(LogCategory category, LogLevel level) => true;

        public void Write(LogCategory category, LogLevel level, string message, string sourceFile, int sourceLine, string function)
        {
            lock (Lines) Lines.Add(message);
        }
    }

    private static async Task<List<string>> Capture(Func<Task> action, bool logIps = false)
    {
        var sink = new CapturingSink();
        var previousSink = Log.Sink;
        bool previousIps = Log.LogIps;
        Log.Sink = sink;
        Log.LogIps = logIps;
        try
        {
            await action();
        }
        finally
        {
            Log.Sink = previousSink;
            Log.LogIps = previousIps;
        }
        lock (sink.Lines) return sink.Lines.ToList();
    }

    [Fact]
    public async Task RequestsAreLoggedWithMethodUserAndSanitizedId()
    {
        await using var server = await TestRpcServer.StartAsync();
        var lines = await Capture(async () =>
        {
            await server.CallAsync("{\"method\":\"uptime\",\"id\":\"abc<\\n>def\"}");
            await server.CallAsync("{\"method\":\"uptime\",\"id\":1}");
        });
        Assert.Contains("ThreadRPCServer method=uptime user=__cookie__ id=abcdef", lines);
        Assert.Contains("ThreadRPCServer method=uptime user=__cookie__ id=1", lines);
        Assert.Contains(lines, l => l.StartsWith("Received a POST request for / from 127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LogIpsAddsThePeerAddress()
    {
        await using var server = await TestRpcServer.StartAsync();
        var lines = await Capture(() => server.CallAsync("{\"method\":\"uptime\",\"id\":1}"), logIps: true);
        Assert.Contains(lines, l => l.StartsWith("ThreadRPCServer method=uptime user=__cookie__ peeraddr=127.0.0.1:", StringComparison.Ordinal) && l.EndsWith(" id=1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongPasswordIsLoggedAsAWarning()
    {
        await using var server = await TestRpcServer.StartAsync();
        var lines = await Capture(() => server.CallAsync("{\"method\":\"uptime\"}", "__cookie__:wrong"));
        Assert.Contains(lines, l => l.StartsWith("ThreadRPCServer incorrect password attempt from 127.0.0.1:", StringComparison.Ordinal));
    }
}
