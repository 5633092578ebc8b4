using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Chain;

/// <summary>Serves an <see cref="IChainClient"/> as the schema's <c>ChainClient</c>.</summary>
internal sealed class ChainClientServer(IpcServerObject<IChainClient> self) : M.ChainClient.Server, IDisposable, ICapabilityServerFactory<M.ChainClient.Client>
{
    private readonly ServerAdapter<IChainClient> _a = new(self);

    public M.ChainClient.Client ToClient() => M.ChainClient.Client.FromServer(this);

    public void Dispose() => _a.Self.Dispose();

    public override ValueTask DestroyAsync(CallContext<M.ChainClient.DestroyParams, M.ChainClient.DestroyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Destroy(context, context.Params.Context, cancellationToken);

    public override ValueTask RegisterRpcsAsync(CallContext<M.ChainClient.RegisterRpcsParams, M.ChainClient.RegisterRpcsResults.Builder> context, CancellationToken cancellationToken) =>
        ChainClientCalls.RegisterRpcs(_a, context, cancellationToken);

    public override ValueTask VerifyAsync(CallContext<M.ChainClient.VerifyParams, M.ChainClient.VerifyResults.Builder> context, CancellationToken cancellationToken) =>
        ChainClientCalls.Verify(_a, context, cancellationToken);

    public override ValueTask LoadAsync(CallContext<M.ChainClient.LoadParams, M.ChainClient.LoadResults.Builder> context, CancellationToken cancellationToken) =>
        ChainClientCalls.Load(_a, context, cancellationToken);

    public override ValueTask StartAsync(CallContext<M.ChainClient.StartParams, M.ChainClient.StartResults.Builder> context, CancellationToken cancellationToken) =>
        ChainClientCalls.Start(_a, context, cancellationToken);

    public override ValueTask StopAsync(CallContext<M.ChainClient.StopParams, M.ChainClient.StopResults.Builder> context, CancellationToken cancellationToken) =>
        ChainClientCalls.Stop(_a, context, cancellationToken);

    public override ValueTask SetMockTimeAsync(CallContext<M.ChainClient.SetMockTimeParams, M.ChainClient.SetMockTimeResults.Builder> context, CancellationToken cancellationToken) =>
        ChainClientCalls.SetMockTime(_a, context, cancellationToken);

    public override ValueTask SchedulerMockForwardAsync(CallContext<M.ChainClient.SchedulerMockForwardParams, M.ChainClient.SchedulerMockForwardResults.Builder> context, CancellationToken cancellationToken) =>
        ChainClientCalls.SchedulerMockForward(_a, context, cancellationToken);
}
