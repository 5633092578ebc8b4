using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

/// <summary>The wallet loader's side of a load callback another process registered: the wallet is handed over.</summary>
internal sealed class LoadWalletCallbackProxy(IpcConnection connection, M.LoadWalletCallback.Client client) : CapabilityProxy<M.LoadWalletCallback.Client>(connection, client), ILoadWalletCallback
{
    public void Call(IWallet wallet)
    {
        var call = Client.CallRequest();
        using (var served = WalletIpc.Serve(Connection, wallet))
        {
            var p = call.Params;
            p.Wallet = served;
        }

        using var _ = Call(call, q => q.InitContext());
    }

    protected override void Destroy()
    {
        using var _ = Call(Client.DestroyRequest(), p => p.InitContext());
    }
}
