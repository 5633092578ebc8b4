using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

/// <summary>Serves a <see cref="ICanGetAddressesChangedCallback"/> registered with the wallet from another process.</summary>
internal sealed class CanGetAddressesChangedCallbackServer(IpcServerObject<ICanGetAddressesChangedCallback> self) : M.CanGetAddressesChangedCallback.Server, IDisposable, ICapabilityServerFactory<M.CanGetAddressesChangedCallback.Client>
{
    private readonly ServerAdapter<ICanGetAddressesChangedCallback> _a = new(self);

    public M.CanGetAddressesChangedCallback.Client ToClient() => M.CanGetAddressesChangedCallback.Client.FromServer(this);

    public void Dispose() => _a.Self.Dispose();

    public override ValueTask DestroyAsync(CallContext<M.CanGetAddressesChangedCallback.DestroyParams, M.CanGetAddressesChangedCallback.DestroyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Destroy(context, context.Params.Context, cancellationToken);

    public override ValueTask CallAsync(CallContext<M.CanGetAddressesChangedCallback.CallParams, M.CanGetAddressesChangedCallback.CallResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, _) => impl.Call());
}
