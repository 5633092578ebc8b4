using Bitcoin.Interfaces;
using Bitcoin.Ipc.Chain;
using Bitcoin.Ipc.Conversions;
using Bitcoin.Ipc.Wallet;
using Multiprocess;
using Multiprocess.Addresses;
using Messages = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc;

/// <summary>
/// The <see cref="IInit"/> of a peer process (bitcoin-node), reached over an <see cref="IpcConnection"/>: its
/// <c>make*</c> methods return proxies whose calls cross the connection on the calling thread. Disposing it drops
/// the Init and, when it owns it, closes the connection.
/// </summary>
public sealed class IpcInitClient : IInit, IDisposable
{
    private readonly Messages.Init.Client _client;
    private readonly bool _ownsConnection;
    private int _disposed;

    private IpcInitClient(IpcConnection connection, Messages.Init.Client client, bool ownsConnection)
    {
        Connection = connection;
        _client = client;
        _ownsConnection = ownsConnection;
    }

    /// <summary>The connection the calls go over.</summary>
    public IpcConnection Connection { get; }

    /// <summary>
    /// Takes the peer's Init on <paramref name="connection"/> and exchanges thread maps with it (<c>construct</c>),
    /// waiting on the calling thread. The connection stays the caller's.
    /// </summary>
    public static IpcInitClient Connect(IpcConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new IpcInitClient(connection, connection.ConnectInit<Messages.Init.Client>(), ownsConnection: false);
    }

    /// <summary>
    /// Connects to <paramref name="address"/> with Core's <c>-ipcconnect</c> semantics (see
    /// <see cref="IpcConnector.ConnectAddressAsync"/>; <paramref name="dataDir"/> is the network data directory) and
    /// takes the peer's Init. Returns null where Core's <c>connectAddress</c> does (<c>0</c>, or <c>auto</c> with
    /// nothing listening). The returned client owns the connection.
    /// </summary>
    public static async Task<IpcInitClient?> ConnectAsync(string address, string dataDir, IpcConnectOptions? options,
        IpcConnectionOptions? connectionOptions = null, CancellationToken cancellationToken = default)
    {
        var transport = await IpcConnector.ConnectAddressAsync(address, dataDir, "bitcoin-node", options, cancellationToken).ConfigureAwait(false);
        if (transport is null)
            return null;
        var connection = IpcConnection.Create(transport.Stream, connectionOptions);
        try
        {
            return new IpcInitClient(connection, connection.ConnectInit<Messages.Init.Client>(), ownsConnection: true);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public IEcho? MakeEcho()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var response = Connection.Call(_client.MakeEchoRequest(), p => p.InitContext());
        var echo = response.Results.Result;
        return echo.IsNull ? null : new EchoClient(Connection, echo);
    }

    /// <inheritdoc/>
    public IRpc? MakeRpc()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var response = Connection.Call(_client.MakeRpcRequest(), p => p.InitContext());
        var rpc = response.Results.Result;
        return rpc.IsNull ? null : new RpcClient(Connection, rpc);
    }

    /// <inheritdoc/>
    /// <remarks>The proxy is <see cref="IDisposable"/>: disposing it sends <c>destroy</c>.</remarks>
    public IChain? MakeChain()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var response = Connection.Call(_client.MakeChainRequest(), p => p.InitContext());
        var chain = response.Results.Result;
        return chain.IsNull ? null : ChainIpc.Proxy(Connection, chain);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <paramref name="chain"/> is served to the peer for as long as the peer holds it (until it destroys the
    /// loader or the connection ends); this process keeps ownership of the object itself. The proxy returned is
    /// <see cref="IDisposable"/>: disposing it sends <c>destroy</c>, which makes the peer dispose its loader.
    /// </remarks>
    public IWalletLoader? MakeWalletLoader(IChain chain, GlobalArgs globalArgs)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(globalArgs);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var request = _client.MakeWalletLoaderRequest();
        GlobalArgsConversions.Write(globalArgs, request.Params.InitGlobalArgs());
        using (var served = ChainIpc.Serve(Connection, chain))
        {
            var p = request.Params;
            p.Chain = served;
        }

        using var response = Connection.Call(request, p => p.InitContext());
        var loader = response.Results.Result;
        return loader.IsNull ? null : WalletIpc.ProxyLoader(Connection, loader);
    }

    /// <summary>Drops the reference to the peer's Init, and closes the connection when this client opened it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _client.Dispose();
        if (_ownsConnection)
            Connection.Dispose();
    }
}
