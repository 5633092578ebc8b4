using Apps.bitcoin_node;
using Bitcoin.Node.Init;
using Bitcoin.Common.Util;
using Bitcoin.Wallet.Init;

// bitcoin-node: bitcoind (the same start-up, options, RPC, P2P and data directory) with its wallet in a separate
// bitcoin-wallet process it spawns and talks to over a socket pair (Core's multiprocess design); it also listens for
// IPC with -ipcbind, serving its Init (echo, rpc, chain) to bitcoin-cli -ipcconnect and other processes.
// Started by another process as "bitcoin-node -ipcfd <n>" (exactly those two arguments, as Core checks): serve Init on
// that socket until the parent goes away instead of running from the command line.
ProcessEnvironment.ApplyPrivateUmask();
if (NodeIpc.TryServeSpawned(args, out int spawnedStatus))
    return spawnedStatus;

var ipc = new NodeIpc();
return NodeMain.Run(args, new NodeMainOptions
{
    ExeName = NodeIpc.ExeName,
    SetupServerArgs = arguments =>
    {
        NodeArgs.Register(arguments, addWalletOptions: WalletArgs.Register);
        NodeIpcArgs.Register(arguments);
    },
    WalletEndpoints = true,
    WalletParameterInteraction = WalletInit.ParameterInteraction,
    // The wallet runs in bitcoin-wallet, spawned here; its RPCs are served on the node's RPC port through the chain.
    MakeWalletLoader = (chain, arguments) => new WalletProcessLoader(chain, arguments),
    StartIpc = ipc.Start,
    StopIpc = ipc.Stop,
});
