using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

/// <summary>The wallet's side of a <see cref="IAddressBookChangedCallback"/> another process registered: each call crosses back.</summary>
internal sealed class AddressBookChangedCallbackProxy(IpcConnection connection, M.AddressBookChangedCallback.Client client) : CapabilityProxy<M.AddressBookChangedCallback.Client>(connection, client), IAddressBookChangedCallback
{
    public void Call(TxDestination address, string label, bool isMine, AddressPurpose purpose, ChangeStatus status)
    {
        var call = Client.CallRequest();
        var p = call.Params;
        DestinationConversions.Write(address, p.InitAddress());
        p.SetLabel(label);
        p.IsMine = isMine;
        p.Purpose = (int)purpose;
        p.Status = (int)status;
        using var _ = Call(call, q => q.InitContext());
    }

    protected override void Destroy()
    {
        using var _ = Call(Client.DestroyRequest(), p => p.InitContext());
    }
}
