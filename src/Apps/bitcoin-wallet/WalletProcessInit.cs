using Bitcoin.Common.Logging;
using Bitcoin.Interfaces;
using Bitcoin.Ipc;

namespace Apps.bitcoin_wallet;

/// <summary>
/// The Init a spawned bitcoin-wallet serves (Core's wallet-process <c>InitImpl</c>): echo, and the wallet loader the
/// node asks for once with its chain and arguments. The process-wide state the loader needs (arguments, debug.log) is
/// set up on that first call.
/// </summary>
internal sealed class WalletProcessInit : IInit, IDisposable
{
    private readonly Lock _lock = new();
    private WalletProcess? _process;

    /// <inheritdoc/>
    public IEcho? MakeEcho() => new LocalEcho();

    /// <summary>
    /// Makes the wallet loader on the node's <paramref name="chain"/> with the node's arguments. A process serves
    /// one node: a second call fails (the arguments and the log are process-wide).
    /// </summary>
    public IWalletLoader? MakeWalletLoader(IChain chain, GlobalArgs globalArgs)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(globalArgs);
        lock (_lock)
        {
            if (_process is not null)
                throw new InvalidOperationException("This wallet process already has a wallet loader; a node spawns one wallet process per loader.");
            _process = WalletProcess.FromGlobalArgs(globalArgs);
        }

        Log.Info($"Wallet process started by the node (pid {Environment.ProcessId})");
        return _process.MakeWalletLoader(chain);
    }

    /// <summary>The node went away: the loader was disposed with the connection; close the log.</summary>
    public void Shutdown()
    {
        lock (_lock)
            _process?.Shutdown();
    }

    /// <inheritdoc/>
    public void Dispose() => Shutdown();
}
