using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Handler;

/// <summary>Serves an <see cref="IHandler"/> as the schema's <c>Handler</c>.</summary>
internal sealed class HandlerServer(IpcServerObject<IHandler> self) : M.Handler.Server, IDisposable, ICapabilityServerFactory<M.Handler.Client>
{
    private readonly ServerAdapter<IHandler> _a = new(self);

    public M.Handler.Client ToClient() => M.Handler.Client.FromServer(this);

    public override ValueTask DestroyAsync(CallContext<M.Handler.DestroyParams, M.Handler.DestroyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Destroy(context, context.Params.Context, cancellationToken);

    public override ValueTask DisconnectAsync(CallContext<M.Handler.DisconnectParams, M.Handler.DisconnectResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, _) => impl.Disconnect());

    public void Dispose() => _a.Self.Dispose();
}
