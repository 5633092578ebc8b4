using Bitcoin.Interfaces;
using Bitcoin.Ipc;
using Bitcoin.Common.Logging;
using Multiprocess;

namespace Apps.bitcoin_node;

/// <summary>
/// One bitcoin-wallet process the node spawned: the process, its Init (kept alive with the loader, as Core keeps the
/// child's Init) and the wallet loader it made on the node's chain.
/// </summary>
internal sealed class WalletChild : IAsyncDisposable
{
    /// <summary>The executable, a sibling of bitcoin-node in its directory.</summary>
    public const string ExeName = "bitcoin-wallet";

    private WalletChild(SpawnedProcess process, IpcInitClient init, IWalletLoader loader)
    {
        Process = process;
        Init = init;
        Loader = loader;
    }

    public SpawnedProcess Process { get; }

    public IpcInitClient Init { get; }

    public IWalletLoader Loader { get; }

    /// <summary>
    /// Starts bitcoin-wallet from <see cref="AppContext.BaseDirectory"/> and asks it for a wallet loader on
    /// <paramref name="chain"/> with <paramref name="globalArgs"/>. On failure the child is killed and reaped.
    /// </summary>
    public static WalletChild Spawn(IChain chain, GlobalArgs globalArgs)
    {
        var process = IpcProcess.Spawn(ExeName, AppContext.BaseDirectory,
            new IpcConnectionOptions { ExeName = NodeIpc.ExeName, Logger = IpcLogAdapter.Instance });
        IpcInitClient? init = null;
        try
        {
            init = IpcInitClient.Connect(process.Connection);
            var loader = init.MakeWalletLoader(chain, globalArgs)
                         ?? throw new InvalidOperationException($"{ExeName} answered makeWalletLoader without a wallet loader.");
            Log.Info($"Wallet process {ExeName} pid {process.Pid} started");
            return new WalletChild(process, init, loader);
        }
        catch
        {
            init?.Dispose();
            process.Kill();
            process.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>
    /// Releases the loader (the child disposes it), drops the Init, closes the connection and reaps the child. A
    /// child that does not exit after the connection closed is killed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        (Loader as IDisposable)?.Dispose();
        Init.Dispose();
        await Process.Connection.DisposeAsync().ConfigureAwait(false);
        if (await Task.WhenAny(Process.Exited, Task.Delay(TimeSpan.FromSeconds(30))).ConfigureAwait(false) != Process.Exited)
        {
            Log.Warning($"Wallet process {ExeName} pid {Process.Pid} did not exit after its connection closed; killing it");
            Process.Kill();
        }

        var status = await Process.Exited.ConfigureAwait(false);
        Log.Info($"Wallet process {ExeName} pid {Process.Pid} exited with status {status}");
    }
}
