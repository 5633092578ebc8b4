using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Wallet;

/// <summary>
/// Puts <see cref="IWallet"/> and <see cref="IWalletLoader"/> across a connection, and back. A <c>Serve</c> method
/// returns a capability reference the caller disposes after putting it in a message; a <c>Proxy</c> method takes
/// the reference it is given, and the proxy's <see cref="IDisposable.Dispose"/> sends <c>destroy</c>.
/// </summary>
public static class WalletIpc
{
    /// <summary>
    /// Serves <paramref name="wallet"/> to the peer. The connection owns this reference (Core hands over a
    /// <c>unique_ptr&lt;Wallet&gt;</c>): the peer's <c>destroy</c>, release or disconnect disposes it; the wallet
    /// stays loaded.
    /// </summary>
    public static M.Wallet.Client Serve(IpcConnection connection, IWallet wallet) =>
        Capabilities.Export<IWallet, M.Wallet.Client>(connection, wallet, owned: true, static s => new WalletServer(s));

    /// <summary>An <see cref="IWallet"/> calling the peer's <paramref name="client"/>.</summary>
    public static IWallet Proxy(IpcConnection connection, M.Wallet.Client client) => new WalletProxy(connection, client);

    /// <summary>
    /// Serves the wallet loader (Init.makeWalletLoader). With <paramref name="owned"/> the connection disposes it
    /// when the peer destroys or releases it or disconnects.
    /// </summary>
    public static M.WalletLoader.Client ServeLoader(IpcConnection connection, IWalletLoader loader, bool owned = true) =>
        Capabilities.Export<IWalletLoader, M.WalletLoader.Client>(connection, loader, owned, static s => new WalletLoaderServer(s));

    /// <summary>An <see cref="IWalletLoader"/> (and so <see cref="IChainClient"/>) calling the peer's <paramref name="client"/>.</summary>
    public static IWalletLoader ProxyLoader(IpcConnection connection, M.WalletLoader.Client client) => new WalletLoaderProxy(connection, client);
}
