using Capnp;
using Multiprocess.Tests.Schema;

namespace Multiprocess.Tests.Servers;

/// <summary>The adapter serving a <see cref="ServiceImpl"/> as a TestService.</summary>
public sealed class TestServiceServer : TestService.Server, IDisposable
{
    private readonly IpcServerObject<ServiceImpl> _self;

    public TestServiceServer(IpcServerObject<ServiceImpl> self) => _self = self;

    private IpcConnection Connection => _self.Connection;

    public override ValueTask DestroyAsync(CallContext<TestService.DestroyParams, TestService.DestroyResults.Builder> context, CancellationToken cancellationToken) =>
        Connection.RunAsync(context, context.Params.Context, cancellationToken, _ => _self.Destroy());

    public override ValueTask WhereAmIAsync(CallContext<TestService.WhereAmIParams, TestService.WhereAmIResults.Builder> context, CancellationToken cancellationToken) =>
        Connection.RunAsync(context, context.Params.Context, cancellationToken, call => call.Results.SetResult(Where.Here()));

    public override ValueTask BounceAsync(CallContext<TestService.BounceParams, TestService.BounceResults.Builder> context, CancellationToken cancellationToken) =>
        Connection.RunAsync(context, context.Params.Context, cancellationToken, call =>
        {
            _ = _self.Impl;
            var here = Where.Here();
            int depth = call.Params.Depth;
            if (depth == 0)
            {
                Where.Fill(call.Results.InitTrace(1), [here]);
                return;
            }

            using var callback = call.Params.Callback;
            var request = callback.CallRequest();
            var p = request.Params;
            using (var self = TestService.Client.FromServer(this))
                p.Service = self;
            p.Depth = depth - 1;
            using var response = call.Connection.Call(request, q => q.InitContext());
            var inner = response.Results.Trace;
            Where.Fill(call.Results.InitTrace(inner.Count + 1), [here, .. inner.Select(t => t.ToString())]);
        });

    public override ValueTask HoldAsync(CallContext<TestService.HoldParams, TestService.HoldResults.Builder> context, CancellationToken cancellationToken) =>
        Connection.RunAsync(context, context.Params.Context, cancellationToken, call =>
        {
            var tag = call.Params.Tag.ToString();
            HoldGates.Hold(tag, call.CancellationToken);
            call.Results.SetTrace(tag + "@" + Where.Here());
        });

    public override ValueTask OnLoopAsync(CallContext<TestService.OnLoopParams, TestService.OnLoopResults.Builder> context, CancellationToken cancellationToken)
    {
        context.Results.SetResult(Where.Here());
        return default;
    }

    public override ValueTask EchoAsync(CallContext<TestService.EchoParams, TestService.EchoResults.Builder> context, CancellationToken cancellationToken) =>
        Connection.RunAsync(context, context.Params.Context, cancellationToken, call => call.Results.SetResult(call.Params.Echo.ToString()));

    public void Dispose() => _self.Dispose();
}
