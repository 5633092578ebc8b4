using Bitcoin.Common.Addresses;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Capnp;
using Multiprocess;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

/// <summary>The wallet's side of a <see cref="IShowWalletProgressCallback"/> another process registered: each call crosses back.</summary>
internal sealed class ShowWalletProgressCallbackProxy(IpcConnection connection, M.ShowWalletProgressCallback.Client client) : CapabilityProxy<M.ShowWalletProgressCallback.Client>(connection, client), IShowWalletProgressCallback
{
    public void Call(string title, int progress)
    {
        var call = Client.CallRequest();
        var p = call.Params;
        p.SetTitle(title);
        p.Progress = progress;
        using var _ = Call(call, q => q.InitContext());
    }

    protected override void Destroy()
    {
        using var _ = Call(Client.DestroyRequest(), p => p.InitContext());
    }
}
