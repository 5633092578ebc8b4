using Bitcoin.Interfaces;
using Bitcoin.Ipc.Conversions;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Chain;

/// <summary>
/// Puts <see cref="IChain"/>, <see cref="IChainNotifications"/> and <see cref="IChainClient"/> across a connection,
/// and back. A <c>Serve</c> method returns a capability reference the caller disposes after putting it in a
/// message (or keeps as long as it offers the object); a <c>Proxy</c> method takes the reference it is given.
/// </summary>
public static class ChainIpc
{
    /// <summary>
    /// Serves the node's <paramref name="chain"/> to the peer (Init.makeChain). With <paramref name="owned"/> the
    /// connection disposes it (if disposable) when the peer destroys or releases it or disconnects.
    /// </summary>
    public static M.Chain.Client Serve(IpcConnection connection, IChain chain, bool owned = false) =>
        Capabilities.Export<IChain, M.Chain.Client>(connection, chain, owned, static s => new ChainServer(s));

    /// <summary>An <see cref="IChain"/> calling the peer's <paramref name="client"/>; dispose it (it is
    /// <see cref="IDisposable"/>) to send <c>destroy</c> and release the capability.</summary>
    public static IChain Proxy(IpcConnection connection, M.Chain.Client client) => new ChainProxy(connection, client);

    /// <summary>Serves a client's notifications (the client keeps <paramref name="notifications"/>; it is never disposed).</summary>
    public static M.ChainNotifications.Client ServeNotifications(IpcConnection connection, IChainNotifications notifications) =>
        Capabilities.Export<IChainNotifications, M.ChainNotifications.Client>(connection, notifications, owned: false, static s => new ChainNotificationsServer(s));

    /// <summary>The node's view of a client's notifications; dispose it to release them.</summary>
    public static IChainNotifications ProxyNotifications(IpcConnection connection, M.ChainNotifications.Client client) =>
        new ChainNotificationsProxy(connection, client);

    /// <summary>
    /// Serves a chain client (the wallet loader as a plain ChainClient). The connection owns it: the peer's
    /// <c>destroy</c>, release or disconnect disposes it.
    /// </summary>
    public static M.ChainClient.Client ServeClient(IpcConnection connection, IChainClient client) =>
        Capabilities.Export<IChainClient, M.ChainClient.Client>(connection, client, owned: true, static s => new ChainClientServer(s));

    /// <summary>The node's view of a client process's chain client; disposing it sends <c>destroy</c>.</summary>
    public static IChainClient ProxyClient(IpcConnection connection, M.ChainClient.Client client) => new ChainClientProxy(connection, client);
}
