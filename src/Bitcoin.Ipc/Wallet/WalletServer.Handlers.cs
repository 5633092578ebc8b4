using Bitcoin.Interfaces;
using Bitcoin.Ipc.Handler;
using Capnp;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

internal sealed partial class WalletServer
{
    // Each registration owns the proxy of the caller's callback: destroying the handler releases the callback.

    public override ValueTask HandleUnloadAsync(CallContext<M.Wallet.HandleUnloadParams, M.Wallet.HandleUnloadResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var callback = new UnloadWalletCallbackProxy(call.Connection, call.Params.Callback);
            IHandler handler;
            try
            {
                handler = impl.HandleUnload(callback);
            }
            catch
            {
                callback.Dispose();
                throw;
            }

            using var served = HandlerIpc.Serve(call.Connection, new OwningHandler(handler, callback));
            var r = call.Results;
            r.Result = served;
        });

    public override ValueTask HandleShowProgressAsync(CallContext<M.Wallet.HandleShowProgressParams, M.Wallet.HandleShowProgressResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var callback = new ShowWalletProgressCallbackProxy(call.Connection, call.Params.Callback);
            IHandler handler;
            try
            {
                handler = impl.HandleShowProgress(callback);
            }
            catch
            {
                callback.Dispose();
                throw;
            }

            using var served = HandlerIpc.Serve(call.Connection, new OwningHandler(handler, callback));
            var r = call.Results;
            r.Result = served;
        });

    public override ValueTask HandleStatusChangedAsync(CallContext<M.Wallet.HandleStatusChangedParams, M.Wallet.HandleStatusChangedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var callback = new StatusChangedCallbackProxy(call.Connection, call.Params.Callback);
            IHandler handler;
            try
            {
                handler = impl.HandleStatusChanged(callback);
            }
            catch
            {
                callback.Dispose();
                throw;
            }

            using var served = HandlerIpc.Serve(call.Connection, new OwningHandler(handler, callback));
            var r = call.Results;
            r.Result = served;
        });

    public override ValueTask HandleAddressBookChangedAsync(CallContext<M.Wallet.HandleAddressBookChangedParams, M.Wallet.HandleAddressBookChangedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var callback = new AddressBookChangedCallbackProxy(call.Connection, call.Params.Callback);
            IHandler handler;
            try
            {
                handler = impl.HandleAddressBookChanged(callback);
            }
            catch
            {
                callback.Dispose();
                throw;
            }

            using var served = HandlerIpc.Serve(call.Connection, new OwningHandler(handler, callback));
            var r = call.Results;
            r.Result = served;
        });

    public override ValueTask HandleTransactionChangedAsync(CallContext<M.Wallet.HandleTransactionChangedParams, M.Wallet.HandleTransactionChangedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var callback = new TransactionChangedCallbackProxy(call.Connection, call.Params.Callback);
            IHandler handler;
            try
            {
                handler = impl.HandleTransactionChanged(callback);
            }
            catch
            {
                callback.Dispose();
                throw;
            }

            using var served = HandlerIpc.Serve(call.Connection, new OwningHandler(handler, callback));
            var r = call.Results;
            r.Result = served;
        });

    public override ValueTask HandleCanGetAddressesChangedAsync(CallContext<M.Wallet.HandleCanGetAddressesChangedParams, M.Wallet.HandleCanGetAddressesChangedResults.Builder> context, CancellationToken cancellationToken) =>
        _a.Run(context, context.Params.Context, cancellationToken, static (impl, call) =>
        {
            var callback = new CanGetAddressesChangedCallbackProxy(call.Connection, call.Params.Callback);
            IHandler handler;
            try
            {
                handler = impl.HandleCanGetAddressesChanged(callback);
            }
            catch
            {
                callback.Dispose();
                throw;
            }

            using var served = HandlerIpc.Serve(call.Connection, new OwningHandler(handler, callback));
            var r = call.Results;
            r.Result = served;
        });
}
