namespace Wallet.Multiprocess.Bench;

/// <summary>One configuration's run: the wallet catching up while blocks connect, then a rescan of a second wallet.</summary>
/// <param name="Label">The configuration ("bitcoind", "bitcoin-node", "bitcoin-node -debug=ipc", ...).</param>
/// <param name="SubmitSeconds">From the first submitblock to the answer of the last (the node connecting the chain).</param>
/// <param name="ConnectSeconds">From the first submitblock until the wallet's last processed block is the tip.</param>
/// <param name="RescanSeconds">rescanblockchain of a fresh wallet with the same descriptors over the whole chain.</param>
/// <param name="NodeRssMiB">VmRSS of the node process after the catch-up.</param>
/// <param name="WalletRssMiB">VmRSS of the wallet child (0 for bitcoind).</param>
/// <param name="ConnectCalls">IPC calls while connecting (only counted with -debug=ipc).</param>
/// <param name="RescanCalls">IPC calls during the rescan (only counted with -debug=ipc).</param>
/// <param name="ConnectTimes">Round trip and serving times of the calls while connecting (with -debug=ipc).</param>
/// <param name="RescanTimes">Round trip and serving times of the calls during the rescan (with -debug=ipc).</param>
internal sealed record SyncResult(
    string Label,
    double SubmitSeconds,
    double ConnectSeconds,
    double RescanSeconds,
    double NodeRssMiB,
    double WalletRssMiB,
    IpcCallCounts? ConnectCalls,
    IpcCallCounts? RescanCalls,
    IpcCallTimes? ConnectTimes = null,
    IpcCallTimes? RescanTimes = null);
