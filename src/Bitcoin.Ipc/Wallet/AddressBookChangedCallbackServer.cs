using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

/// <summary>Serves a <see cref="IAddressBookChangedCallback"/> registered with the wallet from another process.</summary>
internal sealed class AddressBookChangedCallbackServer(IpcServerObject<IAddressBookChangedCallback> self) : M.AddressBookChangedCallback.Server, IDisposable, ICapabilityServerFactory<M.AddressBookChangedCallback.Client>
{
    private readonly ServerAdapter<IAddressBookChangedCallback> _a = new(self);

    public M.AddressBookChangedCallback.Client ToClient() => M.AddressBookChangedCallback.Client.FromServer(this);

    public void Dispose() => _a.Self.Dispose();

    public override ValueTask DestroyAsync(CallContext<M.AddressBookChangedCallback.DestroyParams, M.AddressBookChangedCallback.DestroyResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Destroy(context, context.Params.Context, cancellationToken);

    public override ValueTask CallAsync(CallContext<M.AddressBookChangedCallback.CallParams, M.AddressBookChangedCallback.CallResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) => impl.Call(DestinationConversions.Read(call.Params.Address), call.Params.Label, call.Params.IsMine, CommonConversions.ToEnum<AddressPurpose>(call.Params.Purpose, "address purpose"), CommonConversions.ToEnum<ChangeStatus>(call.Params.Status, "change type")));
}
