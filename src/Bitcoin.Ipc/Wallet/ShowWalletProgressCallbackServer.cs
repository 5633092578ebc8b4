using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

/// <summary>Serves a <see cref="IShowWalletProgressCallback"/> registered with the wallet from another process.</summary>
internal sealed class ShowWalletProgressCallbackServer(IpcServerObject<IShowWalletProgressCallback> self) : M.ShowWalletProgressCallback.Server, IDisposable, ICapabilityServerFactory<M.ShowWalletProgressCallback.Client>
{
    private readonly ServerAdapter<IShowWalletProgressCallback> _a = new(self);

    public M.ShowWalletProgressCallback.Client ToClient() => M.ShowWalletProgressCallback.Client.FromServer(this);

    public void Dispose() => _a.Self.Dispose();

    public override ValueTask DestroyAsync(CallContext<M.ShowWalletProgressCallback.DestroyParams, M.ShowWalletProgressCallback.DestroyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Destroy(context, context.Params.Context, cancellationToken);

    public override ValueTask CallAsync(CallContext<M.ShowWalletProgressCallback.CallParams, M.ShowWalletProgressCallback.CallResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => impl.Call(call.Params.Title, call.Params.Progress));
}
