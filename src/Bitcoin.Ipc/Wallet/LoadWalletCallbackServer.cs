using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

/// <summary>Serves an <see cref="ILoadWalletCallback"/> registered with a wallet loader from another process: the
/// wallet it receives is a proxy it owns.</summary>
internal sealed class LoadWalletCallbackServer(IpcServerObject<ILoadWalletCallback> self) : M.LoadWalletCallback.Server, IDisposable, ICapabilityServerFactory<M.LoadWalletCallback.Client>
{
    private readonly ServerAdapter<ILoadWalletCallback> _a = new(self);

    public M.LoadWalletCallback.Client ToClient() => M.LoadWalletCallback.Client.FromServer(this);

    public void Dispose() => _a.Self.Dispose();

    public override ValueTask DestroyAsync(CallContext<M.LoadWalletCallback.DestroyParams, M.LoadWalletCallback.DestroyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Destroy(context, context.Params.Context, cancellationToken);

    public override ValueTask CallAsync(CallContext<M.LoadWalletCallback.CallParams, M.LoadWalletCallback.CallResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => impl.Call(WalletIpc.Proxy(call.Connection, call.Params.Wallet)));
}
