using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

/// <summary>The wallet's side of a <see cref="IStatusChangedCallback"/> another process registered: each call crosses back.</summary>
internal sealed class StatusChangedCallbackProxy(IpcConnection connection, M.StatusChangedCallback.Client client) : CapabilityProxy<M.StatusChangedCallback.Client>(connection, client), IStatusChangedCallback
{
    public void Call()
    {
        using var _ = Call(Client.CallRequest(), p => p.InitContext());
    }

    protected override void Destroy()
    {
        using var _ = Call(Client.DestroyRequest(), p => p.InitContext());
    }
}
