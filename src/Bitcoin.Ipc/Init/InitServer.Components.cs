using Bitcoin.Ipc.Chain;
using Bitcoin.Ipc.Conversions;
using Bitcoin.Ipc.Wallet;
using Capnp;
using Messages = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc;

// The methods Core's multiprocess branch adds to Init (makeChain @5, makeNode @6, makeWalletLoader @7).
internal sealed partial class InitServer
{
    /// <summary>Serves the process's chain (owned by the connection: the peer's destroy or a disconnect releases it).</summary>
    public override ValueTask MakeChainAsync(CallContext<Messages.Init.MakeChainParams, Messages.Init.MakeChainResults.Builder> context,
        CancellationToken cancellationToken) =>
        _self.Connection.RunAsync(context, context.Params.Context, cancellationToken, call =>
        {
            if (_self.Impl.MakeChain() is not { } chain)
                return;
            using var client = ChainIpc.Serve(call.Connection, chain, owned: true);
            var results = call.Results;
            results.Result = client;
        });

    /// <summary>Answers with a null capability: Bitcoin.Interfaces has no node interface yet (it comes with the GUI).</summary>
    public override ValueTask MakeNodeAsync(CallContext<Messages.Init.MakeNodeParams, Messages.Init.MakeNodeResults.Builder> context,
        CancellationToken cancellationToken) =>
        _self.Connection.RunAsync(context, context.Params.Context, cancellationToken, _ => { });

    /// <summary>
    /// Reads the caller's global arguments, makes the wallet loader on a proxy of the caller's chain and serves it.
    /// The served loader owns the chain proxy: when the peer destroys the loader or goes away, the loader is disposed
    /// (stopping and flushing the wallets) and then the chain proxy is released. Without a loader (a process with no
    /// wallet) the answer is a null capability.
    /// </summary>
    public override ValueTask MakeWalletLoaderAsync(CallContext<Messages.Init.MakeWalletLoaderParams, Messages.Init.MakeWalletLoaderResults.Builder> context,
        CancellationToken cancellationToken) =>
        _self.Connection.RunAsync(context, context.Params.Context, cancellationToken, call =>
        {
            if (!call.Params.HasChain)
                throw new IpcFormatException("makeWalletLoader needs the caller's chain.");
            var globalArgs = GlobalArgsConversions.Read(call.Params.GlobalArgs);
            var chain = ChainIpc.Proxy(call.Connection, call.Params.Chain);
            Bitcoin.Interfaces.IWalletLoader? loader;
            try
            {
                loader = _self.Impl.MakeWalletLoader(chain, globalArgs);
            }
            catch
            {
                ((IDisposable)chain).Dispose();
                throw;
            }

            if (loader is null)
            {
                ((IDisposable)chain).Dispose();
                return;
            }

            using var client = WalletIpc.ServeLoader(call.Connection, new ChainOwningWalletLoader(loader, chain), owned: true);
            var results = call.Results;
            results.Result = client;
        });
}
