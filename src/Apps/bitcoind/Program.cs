using Bitcoin.Node.Init;
using Bitcoin.Wallet.Init;
using Bitcoin.Wallet.Interfaces;

// bitcoind: the node and its wallet in one process, started and stopped as Core's bitcoind. The wallet reaches the
// node only through the chain interface, as it will from its own process.
return NodeMain.Run(args, new NodeMainOptions
{
    SetupServerArgs = arguments => NodeArgs.Register(arguments, addWalletOptions: WalletArgs.Register),
    WalletEndpoints = true,
    WalletParameterInteraction = WalletInit.ParameterInteraction,
    MakeWalletLoader = WalletInterfaces.MakeWalletLoader,
});
