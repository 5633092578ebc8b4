using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

/// <summary>Serves a <see cref="IStatusChangedCallback"/> registered with the wallet from another process.</summary>
internal sealed class StatusChangedCallbackServer(IpcServerObject<IStatusChangedCallback> self) : M.StatusChangedCallback.Server, IDisposable, ICapabilityServerFactory<M.StatusChangedCallback.Client>
{
    private readonly ServerAdapter<IStatusChangedCallback> _a = new(self);

    public M.StatusChangedCallback.Client ToClient() => M.StatusChangedCallback.Client.FromServer(this);

    public void Dispose() => _a.Self.Dispose();

    public override ValueTask DestroyAsync(CallContext<M.StatusChangedCallback.DestroyParams, M.StatusChangedCallback.DestroyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Destroy(context, context.Params.Context, cancellationToken);

    public override ValueTask CallAsync(CallContext<M.StatusChangedCallback.CallParams, M.StatusChangedCallback.CallResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, _) => impl.Call());
}
