using Apps.bitcoin_node;
using Bitcoin.Node.Init;
using Bitcoin.Wallet.Init;
using Bitcoin.Wallet.Interfaces;

// bitcoin-node: bitcoind (the same start-up, options, RPC, P2P and data directory) that also listens for IPC with
// -ipcbind, serving its Init (echo, rpc) to bitcoin-cli -ipcconnect and other processes.
// Started by another process as "bitcoin-node -ipcfd <n>" (exactly those two arguments, as Core checks): serve Init on
// that socket until the parent goes away instead of running from the command line.
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
    MakeWalletLoader = WalletInterfaces.MakeWalletLoader,
    StartIpc = ipc.Start,
    StopIpc = ipc.Stop,
});
