using Multiprocess.Tests.Support;

namespace Multiprocess.Tests;

/// <summary>At trace level, a call's parameters and results are logged in Cap'n Proto's text format with field
/// names, as libmultiprocess logs them (issue 5).</summary>
public sealed class TraceTextTests
{
    private const string Params =
        "(context = (thread = <external capability>, callbackThread = <external capability>), echo = \"say \\\"hi\\\"\\n\")";

    private const string Results = "(result = \"say \\\"hi\\\"\\n\")";

    [Fact]
    public async Task TraceLinesShowParametersAndResultsWithFieldNames()
    {
        var serverLog = new CapturingLogger();
        var clientLog = new CapturingLogger();
        await using var pair = new IpcPair(serverLog, clientLog);
        using var service = pair.MakeService("s");
        var request = service.EchoRequest();
        request.Params.SetEcho("say \"hi\"\n");
        using (pair.Client.Call(request, p => p.InitContext()))
        {
        }

        serverLog.WaitFor("response data: " + Results);
        var client = clientLog.Lines.Where(l => l.Level == IpcLogLevel.Trace).Select(l => l.Line).ToList();
        Assert.Contains("send data: " + Params, client);
        Assert.Contains("recv data: " + Results, client);
        var server = serverLog.Lines.Where(l => l.Level == IpcLogLevel.Trace).Select(l => l.Line).ToList();
        Assert.Contains(server, l => l.EndsWith("} request data: " + Params, StringComparison.Ordinal));
        Assert.Contains(server, l => l.EndsWith("} response data: " + Results, StringComparison.Ordinal));
    }
}
