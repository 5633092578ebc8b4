using Apps.bitcoin_wallet;
using Bitcoin.Common.Util;

// bitcoin-wallet: the wallet process. Started by bitcoin-node as "bitcoin-wallet -ipcfd <n>" (exactly those two
// arguments, as Core checks) it serves its Init on that socket: the node hands it the chain and its arguments
// through makeWalletLoader, and the process runs until the node goes away. With -ipcconnect=<address> it attaches
// to a running bitcoin-node by itself. Any other command line is the offline wallet tool's.
ProcessEnvironment.ApplyPrivateUmask();
if (SpawnedWallet.TryServe(args, out int spawnedStatus))
    return spawnedStatus;
if (AttachedWallet.IsAttach(args))
    return AttachedWallet.Run(args);
return WalletToolMain.Run(args, Console.Out, Console.Error);
