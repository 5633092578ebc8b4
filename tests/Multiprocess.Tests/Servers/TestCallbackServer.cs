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
            var trace = new List<string> { Where.Here() };
            int depth = call.Params.Depth;
            if (depth > 0)
            {
                using var service = call.Params.Service;
                var request = service.BounceRequest();
                var p = request.Params;
                using (var self = TestCallback.Client.FromServer(this))
                    p.Callback = self;
                p.Depth = depth - 1;
                using var response = call.Connection.Call(request, q => q.InitContext());
                foreach (var line in response.Results.Trace)
                    trace.Add(line.ToString());
            }

            var list = call.Results.InitTrace(trace.Count);
            for (int i = 0; i < trace.Count; i++)
                list.Set(i, trace[i]);
        });
}
