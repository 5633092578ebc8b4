using Bitcoin.Interfaces;
using Bitcoin.Ipc.Chain;
using Bitcoin.Ipc.Wallet;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Tests.Support;

/// <summary>
/// Two ends of one socket pair in this process, each a real <see cref="IpcConnection"/> (RPC engine and thread
/// mapping): the "node" end serves the chain and wallet loader under test, the "wallet" end calls them through
/// proxies.
/// </summary>
internal sealed class IpcTestPair : IAsyncDisposable
{
    private readonly M.Init.Client _init;

    public IpcTestPair(IChain? chain = null, IWalletLoader? walletLoader = null)
    {
        var (a, b) = IpcSockets.CreatePair();
        Server = IpcConnection.Create(a, new IpcConnectionOptions
        {
            ExeName = "test-node",
            Init = connection => M.Init.Client.FromServer(new TestInitServer(connection, chain, walletLoader)).Hook!,
        });
        Client = IpcConnection.Create(b, new IpcConnectionOptions { ExeName = "test-wallet" });
        _init = Client.ConnectInit<M.Init.Client>();
    }

    /// <summary>The serving end.</summary>
    public IpcConnection Server { get; }

    /// <summary>The calling end.</summary>
    public IpcConnection Client { get; }

    /// <summary>The served chain, as the calling end sees it (dispose it to destroy it).</summary>
    public IChain MakeChain()
    {
        using var reply = Client.Call(_init.MakeChainRequest(), p => p.InitContext());
        return ChainIpc.Proxy(Client, reply.Results.Result);
    }

    /// <summary>The served wallet loader, as the calling end sees it (dispose it to destroy it).</summary>
    public IWalletLoader MakeWalletLoader()
    {
        var request = _init.MakeWalletLoaderRequest();
        request.Params.InitGlobalArgs();
        using var reply = Client.Call(request, p => p.InitContext());
        return WalletIpc.ProxyLoader(Client, reply.Results.Result);
    }

    public async ValueTask DisposeAsync()
    {
        _init.Dispose();
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
