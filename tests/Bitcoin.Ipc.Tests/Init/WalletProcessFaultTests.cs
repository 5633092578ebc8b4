using System.Net.Sockets;
using Bitcoin.Interfaces;
using Bitcoin.Ipc.Tests.Support;
using Multiprocess;

namespace Bitcoin.Ipc.Tests.Init;

/// <summary>
/// A wallet process that sends nonsense (issue 9, bad input): the node's connection to it ends, every object the
/// node served it is released, calls on its loader fail with a disconnect error, and the node's own objects are
/// untouched.
/// </summary>
public sealed class WalletProcessFaultTests
{
    [Fact]
    public async Task GarbageFromTheWalletProcessDisconnectsItWithoutHarmingTheNode()
    {
        var (walletEnd, nodeEnd) = IpcSockets.CreatePair();
        var wallet = new WalletLoaderInit();
        await using var walletConnection = IpcConnection.Create(walletEnd, new IpcConnectionOptions
        {
            ExeName = "test-wallet",
            Init = c => IpcInitServer.Serve(wallet, c),
        });
        await using var nodeConnection = IpcConnection.Create(nodeEnd, new IpcConnectionOptions { ExeName = "test-node" });
        using var init = IpcInitClient.Connect(nodeConnection);
        var chain = new FakeChain();
        var loader = init.MakeWalletLoader(chain, GlobalArgs.From(NodeArgs()))!;
        Assert.True(loader.Verify());
        Assert.Equal(1, nodeConnection.ServerObjectCount); // the chain, served to the wallet process

        // Bytes that are no Cap'n Proto frame: a header announcing 2^32 segments, and nonsense after it.
        walletEnd.Send(Enumerable.Repeat((byte)0xff, 64).ToArray());

        var reason = await nodeConnection.Disconnected.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(reason);
        Assert.False(nodeConnection.IsConnected);
        Assert.ThrowsAny<global::Capnp.Rpc.RpcException>(() => loader.Load());
        await nodeConnection.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, nodeConnection.ServerObjectCount);
        ((IDisposable)loader).Dispose(); // no peer to destroy it on: must not throw

        // The node's chain is its own and still answers.
        Assert.Equal(117, chain.GetHeight());
    }

    private static Bitcoin.Common.Args.ArgsManager NodeArgs()
    {
        var args = new Bitcoin.Common.Args.ArgsManager();
        args.SetDefaultFlags(Bitcoin.Common.Args.ArgFlags.AllowAny);
        Assert.True(args.ParseParameters(["-regtest"], out var error), error);
        args.SetConfigFilePath("");
        args.SelectChain(args.GetChainType());
        return args;
    }
}
