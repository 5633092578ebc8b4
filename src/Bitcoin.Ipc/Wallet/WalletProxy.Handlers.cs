using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Bitcoin.Ipc.Handler;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

internal sealed partial class WalletProxy
{
    public IHandler HandleUnload(IUnloadWalletCallback callback)
    {
        var call = Client.HandleUnloadRequest();
        using (var served = Capabilities.Export<IUnloadWalletCallback, M.UnloadWalletCallback.Client>(Connection, callback, owned: false, static s => new UnloadWalletCallbackServer(s)))
        {
            var p = call.Params;
            p.Callback = served;
        }

        using var reply = Call(call, q => q.InitContext());
        return HandlerIpc.Proxy(Connection, reply.Results.Result);
    }

    public IHandler HandleShowProgress(IShowWalletProgressCallback callback)
    {
        var call = Client.HandleShowProgressRequest();
        using (var served = Capabilities.Export<IShowWalletProgressCallback, M.ShowWalletProgressCallback.Client>(Connection, callback, owned: false, static s => new ShowWalletProgressCallbackServer(s)))
        {
            var p = call.Params;
            p.Callback = served;
        }

        using var reply = Call(call, q => q.InitContext());
        return HandlerIpc.Proxy(Connection, reply.Results.Result);
    }

    public IHandler HandleStatusChanged(IStatusChangedCallback callback)
    {
        var call = Client.HandleStatusChangedRequest();
        using (var served = Capabilities.Export<IStatusChangedCallback, M.StatusChangedCallback.Client>(Connection, callback, owned: false, static s => new StatusChangedCallbackServer(s)))
        {
            var p = call.Params;
            p.Callback = served;
        }

        using var reply = Call(call, q => q.InitContext());
        return HandlerIpc.Proxy(Connection, reply.Results.Result);
    }

    public IHandler HandleAddressBookChanged(IAddressBookChangedCallback callback)
    {
        var call = Client.HandleAddressBookChangedRequest();
        using (var served = Capabilities.Export<IAddressBookChangedCallback, M.AddressBookChangedCallback.Client>(Connection, callback, owned: false, static s => new AddressBookChangedCallbackServer(s)))
        {
            var p = call.Params;
            p.Callback = served;
        }

        using var reply = Call(call, q => q.InitContext());
        return HandlerIpc.Proxy(Connection, reply.Results.Result);
    }

    public IHandler HandleTransactionChanged(ITransactionChangedCallback callback)
    {
        var call = Client.HandleTransactionChangedRequest();
        using (var served = Capabilities.Export<ITransactionChangedCallback, M.TransactionChangedCallback.Client>(Connection, callback, owned: false, static s => new TransactionChangedCallbackServer(s)))
        {
            var p = call.Params;
            p.Callback = served;
        }

        using var reply = Call(call, q => q.InitContext());
        return HandlerIpc.Proxy(Connection, reply.Results.Result);
    }

    public IHandler HandleCanGetAddressesChanged(ICanGetAddressesChangedCallback callback)
    {
        var call = Client.HandleCanGetAddressesChangedRequest();
        using (var served = Capabilities.Export<ICanGetAddressesChangedCallback, M.CanGetAddressesChangedCallback.Client>(Connection, callback, owned: false, static s => new CanGetAddressesChangedCallbackServer(s)))
        {
            var p = call.Params;
            p.Callback = served;
        }

        using var reply = Call(call, q => q.InitContext());
        return HandlerIpc.Proxy(Connection, reply.Results.Result);
    }
}
