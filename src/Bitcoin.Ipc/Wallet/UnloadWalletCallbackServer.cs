using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

/// <summary>Serves a <see cref="IUnloadWalletCallback"/> registered with the wallet from another process.</summary>
internal sealed class UnloadWalletCallbackServer(IpcServerObject<IUnloadWalletCallback> self) : M.UnloadWalletCallback.Server, IDisposable, ICapabilityServerFactory<M.UnloadWalletCallback.Client>
{
    private readonly ServerAdapter<IUnloadWalletCallback> _a = new(self);

    public M.UnloadWalletCallback.Client ToClient() => M.UnloadWalletCallback.Client.FromServer(this);

    public void Dispose() => _a.Self.Dispose();

    public override ValueTask DestroyAsync(CallContext<M.UnloadWalletCallback.DestroyParams, M.UnloadWalletCallback.DestroyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Destroy(context, context.Params.Context, cancellationToken);

    public override ValueTask CallAsync(CallContext<M.UnloadWalletCallback.CallParams, M.UnloadWalletCallback.CallResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, _) => impl.Call());
}
