using System.Text.RegularExpressions;
using Multiprocess.Tests.Support;

namespace Multiprocess.Tests;

/// <summary>The -debug=ipc lines, in libmultiprocess's format.</summary>
public sealed partial class LogTests
{
    [GeneratedRegex(@"^\{test-client-\d+/(?:[^{}]*-)?\d+\} IPC client send TestService\.echo\$Params$")]
    private static partial Regex ClientSend();

    [GeneratedRegex(@"^\{test-client-\d+/(?:[^{}]*-)?\d+\} IPC client recv TestService\.echo\$Results$")]
    private static partial Regex ClientRecv();

    [GeneratedRegex(@"^\{[^{}]*\} IPC server recv request  #(\d+) TestService\.echo\$Params$")]
    private static partial Regex ServerRecv();

    [GeneratedRegex(@"^\{[^{}]*\} IPC server post request  #(\d+) \{test-server-\d+/ipc-worker-\d+ \(from test-client-\d+/(?:[^{}]*-)?\d+\)\}$")]
    private static partial Regex ServerPost();

    [GeneratedRegex(@"^\{test-server-\d+/ipc-worker-\d+ \(from [^{}]*\)\} IPC server executing request #(\d+)$")]
    private static partial Regex ServerExecuting();

    [GeneratedRegex(@"^\{[^{}]*\} IPC server send response #(\d+) TestService\.echo\$Results$")]
    private static partial Regex ServerSend();

    [Fact]
    public async Task ARequestIsLoggedOnBothSidesWithOneNumber()
    {
        var serverLog = new CapturingLogger();
        var clientLog = new CapturingLogger();
        await using var pair = new IpcPair(serverLog, clientLog);
        using var service = pair.MakeService("s");
        var request = service.EchoRequest();
        request.Params.SetEcho("logged text");
        using (pair.Client.Call(request, p => p.InitContext()))
        {
        }

        serverLog.WaitFor("IPC server send response");
        var client = clientLog.Lines.Where(l => l.Level == IpcLogLevel.Debug).Select(l => l.Line).ToList();
        Assert.Contains(client, l => ClientSend().IsMatch(l));
        Assert.Contains(client, l => ClientRecv().IsMatch(l));

        var server = serverLog.Lines.Where(l => l.Level == IpcLogLevel.Debug).Select(l => l.Line).ToList();
        string Number(Regex pattern) =>
            pattern.Match(Assert.Single(server, l => pattern.IsMatch(l) && IsEcho(server, pattern.Match(l).Groups[1].Value))).Groups[1].Value;
        var number = Number(ServerRecv());
        Assert.Equal(number, Number(ServerPost()));
        Assert.Equal(number, Number(ServerExecuting()));
        Assert.Equal(number, Number(ServerSend()));

        // Contents only at trace level.
        Assert.Contains(clientLog.Lines, l => l.Level == IpcLogLevel.Trace && l.Line.StartsWith("send data: ", StringComparison.Ordinal) && l.Line.Contains("\"logged text\"", StringComparison.Ordinal));
        Assert.Contains(serverLog.Lines, l => l.Level == IpcLogLevel.Trace && l.Line.Contains("request data: ", StringComparison.Ordinal) && l.Line.Contains("\"logged text\"", StringComparison.Ordinal));
    }

    // A request number belongs to the echo call when the echo's recv line carries it.
    private static bool IsEcho(IEnumerable<string> lines, string number) =>
        lines.Any(l => ServerRecv().Match(l) is { Success: true } m && m.Groups[1].Value == number);

    [Fact]
    public async Task ServingConnectionsLogConnectAndDisconnectAtInfo()
    {
        var serverLog = new CapturingLogger();
        var pair = new IpcPair(serverLog);
        await pair.DisposeAsync();
        await pair.Server.Completion;

        Assert.Contains(serverLog.Lines, l => l.Level == IpcLogLevel.Info && l.Line == "IPC server: socket connected.");
        Assert.Contains(serverLog.Lines, l => l.Level == IpcLogLevel.Info && l.Line.EndsWith("} IPC server: socket disconnected.", StringComparison.Ordinal));
    }
}
