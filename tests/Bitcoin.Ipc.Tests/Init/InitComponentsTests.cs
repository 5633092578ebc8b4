using Bitcoin.Common.Args;
using Bitcoin.Common.Chain;
using Bitcoin.Common.Settings;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Tests.Support;
using Multiprocess;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Tests.Init;

/// <summary>
/// Init.makeWalletLoader and Init.makeChain over a real connection (issue 9): the node's arguments arrive as they
/// are, the wallet process reaches the node's chain through the proxy, destroy releases loader and chain, and
/// malformed arguments are refused without harming the connection.
/// </summary>
public sealed class InitComponentsTests
{
    [Fact]
    public async Task MakeWalletLoaderCarriesEverySettingsSourceAndTheChainAcross()
    {
        var node = NodeArgs();
        var sent = GlobalArgs.From(node);
        var chain = new FakeChain();
        var wallet = new WalletLoaderInit();
        await using var pair = new InitPair(wallet);

        var loader = pair.Client.MakeWalletLoader(chain, sent);

        Assert.NotNull(loader);
        Assert.Equal(117, wallet.ChainHeightSeen);
        Assert.Contains("GetHeight()", chain.Calls);
        var received = Assert.IsType<GlobalArgs>(wallet.ReceivedArgs);
        Assert.Equal(sent.ConfigPath, received.ConfigPath);
        Assert.Equal(sent.Settings.ForcedSettings, received.Settings.ForcedSettings);
        Assert.Equal(sent.Settings.RwSettings, received.Settings.RwSettings);
        Assert.Equal(Flatten(sent.Settings.CommandLineOptions), Flatten(received.Settings.CommandLineOptions));
        Assert.Equal(sent.Settings.RoConfig.Keys, received.Settings.RoConfig.Keys);
        foreach (var (section, options) in sent.Settings.RoConfig)
            Assert.Equal(Flatten(options), Flatten(received.Settings.RoConfig[section]));

        // Applied to the wallet process's own arguments, they read as the node's: chain, data directory, list
        // options across sources, network-only options of the [regtest] section, forced values.
        var child = new ArgsManager();
        child.SetDefaultFlags(ArgFlags.AllowAny);
        child.AddArg("-wallet=<path>", "", ArgFlags.AllowAny | ArgFlags.NetworkOnly, OptionsCategory.Wallet);
        received.ApplyTo(child);
        Assert.Equal(ChainType.Regtest, child.Chain);
        Assert.Equal(node.GetDataDirNet(), child.GetDataDirNet());
        Assert.Equal(node.GetArgs("-wallet"), child.GetArgs("-wallet"));
        Assert.Equal(["a", "b w", "c"], child.GetArgs("-wallet"));
        Assert.Equal("0.001", child.GetArg("-fallbackfee"));
        Assert.Equal("0", child.GetArg("-walletbroadcast"));
        Assert.True(child.IsArgNegated("-listen"));
        Assert.Equal(node.GetConfigFilePath(), child.GetConfigFilePath());

        // Calls reach the wallet process's loader; destroy disposes it and releases the chain served for it.
        Assert.True(loader.Load());
        ((IDisposable)loader).Dispose();
        await WaitUntilAsync(() => wallet.Loader.Calls.Contains("Dispose()"));
        await WaitUntilAsync(() => pair.ClientConnection.ServerObjectCount == 0);
        Assert.Equal(["Load()", "Dispose()"], wallet.Loader.Calls);
    }

    [Fact]
    public async Task ProcessWithoutWalletAnswersNullAndReleasesTheChain()
    {
        await using var pair = new InitPair(new TestInit());

        Assert.Null(pair.Client.MakeWalletLoader(new FakeChain(), GlobalArgs.From(NodeArgs())));
        Assert.Null(pair.Client.MakeChain());
        await WaitUntilAsync(() => pair.ClientConnection.ServerObjectCount == 0);
    }

    [Fact]
    public async Task MakeChainServesTheNodesChain()
    {
        var chain = new FakeChain();
        await using var pair = new InitPair(new WalletLoaderInit { Chain = chain });

        var proxy = pair.Client.MakeChain();

        Assert.NotNull(proxy);
        Assert.Equal(117, proxy.GetHeight());
        Assert.Contains("GetHeight()", chain.Calls);
        ((IDisposable)proxy).Dispose();
        await WaitUntilAsync(() => pair.Server.ServerObjectCount == 1); // only the Init is left
    }

    [Fact]
    public async Task MalformedGlobalArgsAreRefusedAndTheConnectionStaysUsable()
    {
        var wallet = new WalletLoaderInit();
        var (a, b) = IpcSockets.CreatePair();
        await using var server = IpcConnection.Create(a, new IpcConnectionOptions { ExeName = "test-wallet", Init = c => IpcInitServer.Serve(wallet, c) });
        await using var client = IpcConnection.Create(b, new IpcConnectionOptions { ExeName = "test-node" });
        using var init = client.ConnectInit<M.Init.Client>();

        var request = init.MakeWalletLoaderRequest();
        var forced = request.Params.InitGlobalArgs().Settings.InitForcedSettings(1);
        forced[0].Key.SetText("datadir");
        forced[0].Value.SetText("{not json");
        using (var chain = Bitcoin.Ipc.Chain.ChainIpc.Serve(client, new FakeChain()))
        {
            var p = request.Params;
            p.Chain = chain;
        }

        var error = Assert.ThrowsAny<global::Capnp.Rpc.RpcException>(() => client.Call(request, p => p.InitContext()));
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Null(wallet.ReceivedArgs);

        using var echo = client.Call(init.MakeEchoRequest(), p => p.InitContext());
        Assert.True(client.IsConnected);
    }

    private static ArgsManager NodeArgs()
    {
        var args = new ArgsManager();
        args.SetDefaultFlags(ArgFlags.AllowAny);
        args.AddArg("-wallet=<path>", "", ArgFlags.AllowAny | ArgFlags.NetworkOnly, OptionsCategory.Wallet);
        Assert.True(args.ParseParameters(["-regtest", "-wallet=a", "-wallet=b w", "-nolisten", $"-datadir={Path.GetTempPath()}"], out var error), error);
        args.SetConfigFilePath(Path.Combine(Path.GetTempPath(), "bitcoin.conf"));
        Assert.True(args.ReadConfigString("fallbackfee=0.5\nwallet=ignored\n[regtest]\nfallbackfee=0.001\n", out error), error);
        args.SelectChain(args.GetChainType());
        args.LockSettings(s => s.RwSettings["wallet"] = SettingsValue.Array([SettingsValue.FromString("c")]));
        args.ForceSetArg("-walletbroadcast", "0");
        return args;
    }

    private static List<string> Flatten(SortedDictionary<string, List<SettingsValue>> map) =>
        [.. map.SelectMany(kv => kv.Value.Select(v => kv.Key + "=" + v.Write()))];

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // Releases travel as messages; a generous deadline only keeps a broken release from hanging the run.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(25);
        Assert.True(condition());
    }
}
