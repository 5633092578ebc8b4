using Capnp;
using Multiprocess.Tests.Schema;

namespace Multiprocess.Tests.Servers;

/// <summary>A callback the calling side hosts: bounces back into the service while depth lasts.</summary>
public sealed class TestCallbackServer : TestCallback.Server
{
    private readonly IpcConnection _connection;

    public TestCallbackServer(IpcConnection connection) => _connection = connection;

    public override ValueTask CallAsync(CallContext<TestCallback.CallParams, TestCallback.CallResults.Builder> context, CancellationToken cancellationToken) =>
        _connection.RunAsync(context, context.Params.Context, cancellationToken, call =>
        {
            var here = Where.Here();
            int depth = call.Params.Depth;
            if (depth == 0)
            {
                Where.Fill(call.Results.InitTrace(1), [here]);
                return;
            }

            using var service = call.Params.Service;
            var request = service.BounceRequest();
            var p = request.Params;
            using (var self = TestCallback.Client.FromServer(this))
                p.Callback = self;
            p.Depth = depth - 1;
            using var response = call.Connection.Call(request, q => q.InitContext());
            var inner = response.Results.Trace;
            Where.Fill(call.Results.InitTrace(inner.Count + 1), [here, .. inner.Select(t => t.ToString())]);
        });
}
